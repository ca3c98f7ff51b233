namespace S3FilesSim.ObjectStorage;

/// <summary>Options of an <see cref="InMemoryObjectStore"/>, validated when the store is created.</summary>
public sealed record InMemoryObjectStoreOptions
{
    /// <summary>Gets a value indicating whether versioning is enabled; when off, writes replace the <c>null</c> version (suspended versioning).</summary>
    /// <value>The default value is <see langword="true"/>: S3 Files requires a versioned bucket.</value>
    public bool Versioning { get; init; } = true;

    /// <summary>Gets the Region reported in bucket events.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the AWS account id reported as the owner and requester in bucket events.</summary>
    /// <value>The default value is <c>123456789012</c>, the placeholder account of the AWS documentation.</value>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Gets how bucket events are delivered to subscribers.</summary>
    /// <value>The default value is <see cref="BucketEventDeliveryOptions"/> with its defaults (1 to 5 s, no duplicates).</value>
    public BucketEventDeliveryOptions Events { get; init; } = new();

    /// <summary>Gets how long a restore of a <c>GLACIER</c> (or Intelligent-Tiering Archive Access) object takes, in virtual time.</summary>
    /// <value>The default value is 4 hours (Standard retrieval takes 3 to 5 hours).</value>
    public TimeSpan GlacierRestoreDelay { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Gets how long a restore of a <c>DEEP_ARCHIVE</c> (or Intelligent-Tiering Deep Archive Access) object takes, in virtual time.</summary>
    /// <value>The default value is 12 hours (Standard retrieval takes up to 12 hours).</value>
    public TimeSpan DeepArchiveRestoreDelay { get; init; } = TimeSpan.FromHours(12);

    internal void Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException($"{prefix}{nameof(Region)} must not be empty.", nameof(Region));
        }

        if (AccountId is null || AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"{prefix}{nameof(AccountId)} must be 12 digits; it was '{AccountId}'.", nameof(AccountId));
        }

        if (GlacierRestoreDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{prefix}{nameof(GlacierRestoreDelay)} must not be negative; it was {GlacierRestoreDelay}.", nameof(GlacierRestoreDelay));
        }

        if (DeepArchiveRestoreDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{prefix}{nameof(DeepArchiveRestoreDelay)} must not be negative; it was {DeepArchiveRestoreDelay}.", nameof(DeepArchiveRestoreDelay));
        }

        if (Events is null)
        {
            throw new ArgumentException($"{prefix}{nameof(Events)} must not be null.", nameof(Events));
        }

        Events.Validate($"{prefix}{nameof(Events)}.");
    }
}

/// <summary>How bucket events reach subscribers: after a delay drawn uniformly from [<see cref="MinDelay"/>, <see cref="MaxDelay"/>], sometimes twice, sometimes much later, sometimes never.</summary>
/// <remarks>S3 Files reflects bucket changes "typically within seconds"
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html); EventBridge delivers at least
/// once and does not guarantee order (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html). Each
/// delivery draws its own delay from the simulation's seeded random source, so deliveries reorder naturally and the
/// same seed gives the same deliveries. The fault options (<see cref="DropProbability"/>, <see cref="LongDelayProbability"/>,
/// <see cref="DuplicateProbability"/>) model a degraded event stream; with drops, a file system only catches up through
/// <see cref="Import.ImportOptions.RevalidationInterval"/> or the next first access. Each probability draws only when
/// it is above 0, so turning one on does not change the draws of a run without it.</remarks>
public sealed record BucketEventDeliveryOptions
{
    /// <summary>Gets a value indicating whether events are published at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the shortest delivery delay.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest delivery delay.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the probability, 0 to 1, that an event is delivered a second time (with its own delay).</summary>
    /// <value>The default value is 0.</value>
    public double DuplicateProbability { get; init; }

    /// <summary>Gets the probability, 0 to 1, that an event is never delivered to a subscriber (a lost event).</summary>
    /// <value>The default value is 0.</value>
    public double DropProbability { get; init; }

    /// <summary>Gets the probability, 0 to 1, that a delivery is held back by a long delay drawn from [<see cref="LongDelayMin"/>, <see cref="LongDelayMax"/>] instead of the usual one.</summary>
    /// <value>The default value is 0.</value>
    public double LongDelayProbability { get; init; }

    /// <summary>Gets the shortest long delay.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan LongDelayMin { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the longest long delay.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan LongDelayMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Checks every field; a component that takes these options (an event source) calls it when it is built.</summary>
    /// <param name="prefix">Prepended to the field names in messages, e.g. <c>Events.</c>.</param>
    /// <exception cref="ArgumentException">A field is out of range; the message and <see cref="ArgumentException.ParamName"/> name it.</exception>
    public void Validate(string prefix = "")
    {
        if (LongDelayMin < TimeSpan.Zero || LongDelayMax < LongDelayMin)
        {
            throw new ArgumentException($"{prefix}{nameof(LongDelayMin)} must not be negative nor above {prefix}{nameof(LongDelayMax)}; they were {LongDelayMin} and {LongDelayMax}.", nameof(LongDelayMin));
        }

        foreach (var (name, probability) in new[] { (nameof(DropProbability), DropProbability), (nameof(LongDelayProbability), LongDelayProbability) })
        {
            if (!(probability is >= 0 and <= 1))
            {
                throw new ArgumentException($"{prefix}{name} must be between 0 and 1; it was {probability}.", name);
            }
        }

        if (MinDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{prefix}{nameof(MinDelay)} must not be negative; it was {MinDelay}.", nameof(MinDelay));
        }

        if (MaxDelay < MinDelay)
        {
            throw new ArgumentException($"{prefix}{nameof(MaxDelay)} must not be less than {prefix}{nameof(MinDelay)}; it was {MaxDelay} and {MinDelay}.", nameof(MaxDelay));
        }

        if (!(DuplicateProbability is >= 0 and <= 1))
        {
            throw new ArgumentException($"{prefix}{nameof(DuplicateProbability)} must be between 0 and 1; it was {DuplicateProbability}.", nameof(DuplicateProbability));
        }
    }
}

/// <summary>Counts of a bucket's events and of the delivery faults drawn for them (<see cref="BucketEventDeliveryOptions"/>).</summary>
/// <param name="Published">The events published (one per change, whatever the number of subscribers).</param>
/// <param name="Dropped">The deliveries dropped (per subscriber).</param>
/// <param name="Duplicated">The deliveries made a second time (per subscriber).</param>
/// <param name="LongDelayed">The deliveries held back by a long delay.</param>
public sealed record BucketEventDeliveryStatistics(long Published, long Dropped, long Duplicated, long LongDelayed);
