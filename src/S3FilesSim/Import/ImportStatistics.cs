using S3FilesSim.Telemetry;

namespace S3FilesSim.Import;

/// <summary>The objects that could not be imported (the <c>ImportFailures</c> metric), each reported to the timeline and the log.</summary>
/// <remarks>Thread-safe.</remarks>
/// <param name="sync">The reporter of import failures.</param>
internal sealed class ImportStatistics(SyncReporter sync)
{
    private long _failures;

    /// <summary>Gets the number of objects that could not be imported (keys that map to no POSIX path, name clashes, failed reads).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Counts an object the file system cannot show and reports why (see <see cref="ImportRejection"/>).</summary>
    public void Reject(string key, string reason)
    {
        Interlocked.Increment(ref _failures);
        sync.ImportRejected(key, reason);
    }

    /// <summary>Counts an import that failed with the bucket error <paramref name="errorCode"/>.</summary>
    public void Fail(string key, string errorCode)
    {
        Interlocked.Increment(ref _failures);
        sync.ImportFailure(key, errorCode);
    }

    /// <summary>Counts an object the file system does not show, without a report of its own (a file that yields its name to a directory).</summary>
    public void Count() => Interlocked.Increment(ref _failures);
}
