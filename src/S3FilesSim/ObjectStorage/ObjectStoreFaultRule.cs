namespace S3FilesSim.ObjectStorage;

/// <summary>
/// Which calls a <see cref="FaultInjectingObjectStore"/> fails, and how: by operation, by key (prefix and/or glob),
/// with a seeded probability, after letting some calls through, up to a number of faults.
/// </summary>
/// <remarks>
/// <para>Error codes and their status follow https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html:
/// <c>SlowDown</c> 503 and <c>InternalError</c> 500 are retryable, <c>RequestTimeout</c> (400) is the timeout
/// (retryable), <c>AccessDenied</c> 403 is permanent.</para>
/// <para><b>Shapes.</b> By default a matching call fails before it reaches the bucket, so it changes nothing. Three
/// other shapes model what a remote bucket does: <see cref="Delay"/> (the answer comes late, on virtual time),
/// <see cref="LoseResponse"/> (the call reaches the bucket, a write lands, but the answer is lost and the caller sees
/// <see cref="ErrorCode"/>, as after a timeout), and <see cref="FailBodyAfterBytes"/> (a GetObject answers, but its body
/// breaks off with <see cref="ErrorCode"/> after that many bytes).</para>
/// <para><b>Decision — timeouts</b>: a timeout is the <c>RequestTimeout</c> error, raised at once (or, with
/// <see cref="LoseResponse"/>, after the call reached the bucket). What a timeout does to the engine (a retry with
/// back-off) is the same either way.</para>
/// <para>Partial multipart failures: a rule on <see cref="ObjectStoreOperation.UploadPart"/> with <see cref="SkipFirst"/>
/// lets the first parts through and fails a later one; a rule on <see cref="ObjectStoreOperation.CompleteMultipartUpload"/>
/// fails after every part was uploaded. Either way no object version appears; the caller aborts or retries the upload.</para>
/// </remarks>
public sealed record ObjectStoreFaultRule
{
    /// <summary>Gets the operation the rule fails; <see langword="null"/> for every operation.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ObjectStoreOperation? Operation { get; init; }

    /// <summary>Gets the key prefix a call's key must start with; <see langword="null"/> for any key.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>A rule with a key filter matches only calls that name keys (not listings); DeleteObjects matches when one of its keys does.</remarks>
    public string? KeyPrefix { get; init; }

    /// <summary>Gets a glob the whole key must match: <c>*</c> matches any run of characters (slashes included), <c>?</c> one character; <see langword="null"/> for any key.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? KeyGlob { get; init; }

    /// <summary>Gets the S3 error code of the injected fault, e.g. <see cref="S3ErrorCode.SlowDown"/>.</summary>
    /// <value>The default value is <see cref="S3ErrorCode.SlowDown"/>.</value>
    public string ErrorCode { get; init; } = S3ErrorCode.SlowDown;

    /// <summary>Gets the chance, 0 to 1, that a matching call fails; below 1 the draw comes from the store's <see cref="Time.DeterministicRandom"/>.</summary>
    /// <value>The default value is 1.</value>
    public double Probability { get; init; } = 1;

    /// <summary>Gets how many matching calls go through before the rule starts failing calls.</summary>
    /// <value>The default value is 0.</value>
    public int SkipFirst { get; init; }

    /// <summary>Gets the most faults the rule injects; <see langword="null"/> for no limit.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxFaults { get; init; }

    /// <summary>Gets how much later a matching call answers, on virtual time: the call goes through, and the work that made it
    /// (an export, an event, an import) takes that long, so the clock moves on and work that fell due meanwhile runs
    /// after it. A client call answers at once (it cannot wait on virtual time it drives itself). <see langword="null"/>
    /// for none; needs the store's <see cref="Time.Scheduler"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? Delay { get; init; }

    /// <summary>Gets a value indicating whether a matching call reaches the bucket (a write lands) before it fails with
    /// <see cref="ErrorCode"/>: the response is lost, as when a connection drops after the request was served.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool LoseResponse { get; init; }

    /// <summary>Gets after how many bytes the body of a matching <see cref="ObjectStoreOperation.GetObject"/> breaks off with
    /// <see cref="ErrorCode"/> (the call itself answers); <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? FailBodyAfterBytes { get; init; }

    /// <summary>Gets a value indicating whether <paramref name="key"/> passes the rule's key filters.</summary>
    internal bool MatchesKey(string? key)
    {
        if (KeyPrefix is null && KeyGlob is null)
        {
            return true;
        }

        return key is not null
            && (KeyPrefix is null || key.StartsWith(KeyPrefix, StringComparison.Ordinal))
            && (KeyGlob is null || GlobMatches(KeyGlob, key));
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(ErrorCode, nameof(ErrorCode));
        if (!(Probability is >= 0 and <= 1))
        {
            throw new ArgumentException($"{nameof(Probability)} must be between 0 and 1; it was {Probability}.", nameof(Probability));
        }

        if (SkipFirst < 0)
        {
            throw new ArgumentException($"{nameof(SkipFirst)} must not be negative; it was {SkipFirst}.", nameof(SkipFirst));
        }

        if (MaxFaults is < 1)
        {
            throw new ArgumentException($"{nameof(MaxFaults)} must be positive; it was {MaxFaults}.", nameof(MaxFaults));
        }

        if ((Delay is not null ? 1 : 0) + (LoseResponse ? 1 : 0) + (FailBodyAfterBytes is not null ? 1 : 0) > 1)
        {
            throw new ArgumentException($"A rule has one shape: at most one of {nameof(Delay)}, {nameof(LoseResponse)} and {nameof(FailBodyAfterBytes)}.", nameof(Delay));
        }

        if (Delay is { } delay && delay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Delay)} must be positive; it was {delay}.", nameof(Delay));
        }

        if (FailBodyAfterBytes is { } after && (after < 0 || Operation != ObjectStoreOperation.GetObject))
        {
            throw new ArgumentException($"{nameof(FailBodyAfterBytes)} must not be negative and needs {nameof(Operation)} = GetObject; it was {after} on {Operation?.ToString() ?? "every operation"}.", nameof(FailBodyAfterBytes));
        }
    }

    /// <summary>Matches <paramref name="text"/> against <paramref name="glob"/> (<c>*</c>, <c>?</c>) by backtracking over the last star.</summary>
    private static bool GlobMatches(string glob, string text)
    {
        int g = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (g < glob.Length && (glob[g] == '?' || glob[g] == text[t]))
            {
                g++;
                t++;
            }
            else if (g < glob.Length && glob[g] == '*')
            {
                star = g++;
                resume = t;
            }
            else if (star >= 0)
            {
                g = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (g < glob.Length && glob[g] == '*')
        {
            g++;
        }

        return g == glob.Length;
    }
}

/// <summary>A rule added to a <see cref="FaultInjectingObjectStore"/>, with the count of faults it injected.</summary>
public sealed class ObjectStoreFaultRuleHandle
{
    private readonly FaultInjectingObjectStore _owner;
    private int _seen;
    private int _injected;

    internal ObjectStoreFaultRuleHandle(FaultInjectingObjectStore owner, ObjectStoreFaultRule rule)
    {
        _owner = owner;
        Rule = rule;
    }

    /// <summary>Gets the rule.</summary>
    public ObjectStoreFaultRule Rule { get; }

    /// <summary>Gets how many calls this rule has failed.</summary>
    public int InjectedCount => Volatile.Read(ref _injected);

    /// <summary>Gets a value indicating whether the rule has injected its <see cref="ObjectStoreFaultRule.MaxFaults"/>.</summary>
    public bool IsExhausted => Rule.MaxFaults is { } max && InjectedCount >= max;

    /// <summary>Stops the rule; calls after this are not failed by it.</summary>
    public void Remove() => _owner.Remove(this);

    /// <summary>Decides, with the store's lock held, whether this rule fails the matching call; counts it if so.</summary>
    internal bool TryInject(Time.DeterministicRandom? random)
    {
        if (IsExhausted || _seen++ < Rule.SkipFirst)
        {
            return false;
        }

        if (Rule.Probability < 1 && (random is null || random.NextDouble() >= Rule.Probability))
        {
            return false;
        }

        _injected++;
        return true;
    }
}
