namespace S3FilesSim.Aws;

/// <summary>What a notification-driven event source (<see cref="SqsBucketEventSource"/>, <see cref="HttpPushBucketEventSource"/>) has received and delivered so far.</summary>
/// <param name="MessagesReceived">SQS messages received (a redelivery counts again), or HTTP POST requests received.</param>
/// <param name="MessagesDeleted">SQS messages deleted after their records were applied (DeleteMessageBatch entries that succeeded); for HTTP push, requests answered 200.</param>
/// <param name="MessagesRejected">Messages that were not a notification (not JSON, or none of the known shapes): deleted (SQS) or answered 400 (HTTP).</param>
/// <param name="EventsDelivered">Events handed to the subscribers.</param>
/// <param name="EventsDropped">Records dropped because their sequencer was not greater than the last one delivered for their key: duplicates, redeliveries and changes that arrived after a later one.</param>
/// <param name="RecordsIgnored">Records for another bucket, or of an event type that changes no object data (tagging, ACL, restore).</param>
/// <param name="ReceiveRequests">SQS ReceiveMessage requests made.</param>
/// <param name="DeleteRequests">SQS DeleteMessageBatch requests made.</param>
/// <param name="FailedReceives">ReceiveMessage requests that failed with a retryable error (throttling, 5xx, network); the round was skipped.</param>
public sealed record NotificationStatistics(
    long MessagesReceived,
    long MessagesDeleted,
    long MessagesRejected,
    long EventsDelivered,
    long EventsDropped,
    long RecordsIgnored,
    long ReceiveRequests,
    long DeleteRequests,
    long FailedReceives);
