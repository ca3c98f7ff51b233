using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SQS;

namespace S3FilesSim.Aws;

/// <summary>
/// Creates and deletes Ceph RADOS Gateway topics, the destinations of RGW bucket notifications: a topic with a
/// <c>push-endpoint</c> makes RGW POST the S3 event records of the buckets configured to it to that URL
/// (https://docs.ceph.com/en/latest/radosgw/notifications/). RGW serves the topic API (SNS's CreateTopic/DeleteTopic
/// actions) on its S3 endpoint; requests are signed with SigV4 like the S3 requests.
/// </summary>
public static class RgwTopics
{
    private static readonly XNamespace SnsNamespace = "https://sns.amazonaws.com/doc/2010-03-31/";

    /// <summary>Creates (or updates) the topic <paramref name="topicName"/> on the RGW endpoint of <paramref name="options"/> with <paramref name="pushEndpoint"/> as its push endpoint.</summary>
    /// <param name="options">The store options of a bucket on the RGW (<see cref="AmazonS3ObjectStoreOptions.ServiceUrl"/> required).</param>
    /// <param name="topicName">The topic name.</param>
    /// <param name="pushEndpoint">The URL RGW posts notifications to, e.g. <see cref="HttpPushBucketEventSource.Endpoint"/>.</param>
    /// <param name="persistent">Whether RGW queues the notifications and pushes them after the request that caused them (retrying until acknowledged), rather than pushing them before answering that request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The topic ARN, e.g. <c>arn:aws:sns:default::s3files-sim</c>, for <see cref="BucketNotifications.ConfigureTopicAsync"/>.</returns>
    /// <exception cref="ArgumentException"><see cref="AmazonS3ObjectStoreOptions.ServiceUrl"/> is not set, or an option is invalid.</exception>
    /// <exception cref="AmazonServiceException">RGW refused the request; <see cref="AmazonServiceException.ErrorCode"/> has its error code.</exception>
    /// <exception cref="HttpRequestException">RGW could not be reached.</exception>
    public static async Task<string> CreateTopicAsync(AmazonS3ObjectStoreOptions options, string topicName, Uri pushEndpoint, bool persistent = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicName);
        ArgumentNullException.ThrowIfNull(pushEndpoint);
        var response = await CallAsync(
            options,
            [
                ("Action", "CreateTopic"),
                ("Name", topicName),
                ("Attributes.entry.1.key", "push-endpoint"),
                ("Attributes.entry.1.value", pushEndpoint.ToString()),
                ("Attributes.entry.2.key", "persistent"),
                ("Attributes.entry.2.value", persistent ? "true" : "false"),
            ],
            cancellationToken).ConfigureAwait(false);
        return response.Descendants(SnsNamespace + "TopicArn").FirstOrDefault()?.Value
            ?? throw new AmazonServiceException("RGW answered CreateTopic without a TopicArn.");
    }

    /// <summary>Deletes the topic <paramref name="topicArn"/>; a missing topic is not an error.</summary>
    /// <param name="options">The store options of a bucket on the RGW.</param>
    /// <param name="topicArn">The topic ARN.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the topic is gone.</returns>
    /// <exception cref="AmazonServiceException">RGW refused the request.</exception>
    /// <exception cref="HttpRequestException">RGW could not be reached.</exception>
    public static async Task DeleteTopicAsync(AmazonS3ObjectStoreOptions options, string topicArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        try
        {
            await CallAsync(options, [("Action", "DeleteTopic"), ("TopicArn", topicArn)], cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (e.ErrorCode is "NoSuchKey" or "NotFound" or "NoSuchTopic")
        {
            // Already gone.
        }
    }

    /// <summary>Removes the bucket's notification <paramref name="notificationId"/> with RGW's <c>DELETE /bucket?notification=id</c> (RGW refuses the empty configuration S3 uses to remove the last one).</summary>
    /// <param name="options">The store options of the bucket on the RGW.</param>
    /// <param name="notificationId">The notification id, e.g. <see cref="BucketNotifications.ConfigurationId"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the notification is gone.</returns>
    /// <exception cref="AmazonServiceException">RGW refused the request.</exception>
    /// <exception cref="HttpRequestException">RGW could not be reached.</exception>
    public static Task DeleteBucketNotificationAsync(AmazonS3ObjectStoreOptions options, string notificationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        return SendAsync(options, "DELETE", "s3", "/" + options.BucketName, ("notification", notificationId), [], "DeleteBucketNotification", cancellationToken);
    }

    private static Task<XDocument> CallAsync(AmazonS3ObjectStoreOptions options, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        return SendAsync(options, "POST", "sns", "/", null, Encoding.UTF8.GetBytes(body), parameters[0].Value, cancellationToken);
    }

    private static async Task<XDocument> SendAsync(
        AmazonS3ObjectStoreOptions options,
        string method,
        string service,
        string path,
        (string Name, string Value)? query,
        byte[] content,
        string action,
        CancellationToken cancellationToken)
    {
        var serviceUrl = options.ServiceUrl ?? throw new ArgumentException("RGW requests need the RGW endpoint (ServiceUrl).", nameof(options));
        var credentials = options.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var identity = await credentials.GetCredentialsAsync().ConfigureAwait(false);

        // The SDK's SigV4 signer, on a request described the way its clients describe theirs.
        var request = new DefaultRequest(new RgwRequest(), service)
        {
            HttpMethod = method,
            Endpoint = serviceUrl,
            ResourcePath = path,
            Content = content,
            AuthenticationRegion = options.Region,
            UseQueryString = query is not null,
        };
        if (query is { } parameter)
        {
            request.Parameters[parameter.Name] = parameter.Value;
        }

        if (content.Length > 0)
        {
            request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        }

        var config = new AmazonSQSConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = options.Region, AuthenticationServiceName = service };
        var signing = new AWS4Signer().SignRequest(request, config, metrics: null, identity.AccessKey, identity.SecretKey);

        using var http = new HttpClient { Timeout = options.RequestTimeout };
        var url = new UriBuilder(serviceUrl) { Path = path, Query = query is { } q ? Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value) : string.Empty }.Uri;
        using var message = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(content) };
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", signing.ForAuthorizationHeader);
        if (identity.UseToken)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", identity.Token);
        }

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var code = TryParse(text)?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? response.StatusCode.ToString();
            throw new AmazonServiceException($"RGW answered {action} with {(int)response.StatusCode} {code}.", ErrorType.Sender, code, requestId: null, response.StatusCode);
        }

        return TryParse(text) ?? new XDocument();
    }

    private static XDocument? TryParse(string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>The request object the SDK's request description needs; the parameters travel in the body or the query.</summary>
    private sealed class RgwRequest : AmazonWebServiceRequest;
}
