namespace S3FilesSim.Telemetry;

/// <summary>The kind of a client operation whose latency the simulator models and reports.</summary>
public enum OperationKind
{
    /// <summary>A metadata read served by the file system: lookup, getattr (stat), access, open of an existing file.</summary>
    MetadataRead,

    /// <summary>A metadata write: create, mkdir, remove, chmod, chown, utimens, and the commit of fsync or close after writing.</summary>
    MetadataWrite,

    /// <summary>A rename within the file system.</summary>
    Rename,

    /// <summary>A listing of a directory already known to the file system (READDIRPLUS), per entry.</summary>
    ReadDirectory,

    /// <summary>The first access to a directory, which lists its prefix in the bucket and imports the entries.</summary>
    FirstDirectoryAccess,

    /// <summary>A read of data resident on high-performance storage.</summary>
    HotRead,

    /// <summary>A read served from the client's page cache without reaching the file system.</summary>
    CachedRead,

    /// <summary>A read of data not resident, fetched on demand from the bucket into high-performance storage.</summary>
    ColdRead,

    /// <summary>A read streamed directly from the bucket (1 MiB or more of exported data, with direct reads allowed).</summary>
    DirectRead,

    /// <summary>A write of file data to high-performance storage.</summary>
    Write,

    /// <summary>A stat answered by the client from the attributes a recent READDIRPLUS of the parent directory returned,
    /// without a server round trip (so neither metered nor billed).</summary>
    CachedMetadataRead,
}
