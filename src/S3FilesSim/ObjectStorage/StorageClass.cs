namespace S3FilesSim.ObjectStorage;

/// <summary>An S3 storage class, named as S3 spells it in <c>x-amz-storage-class</c>.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html. Objects in
/// <see cref="Glacier"/> and <see cref="DeepArchive"/> are archived: reading them needs a restore first.</remarks>
public readonly record struct StorageClass
{
    private readonly string? _name;

    /// <summary>Creates a storage class from its S3 name.</summary>
    /// <param name="name">The name, e.g. <c>STANDARD</c>.</param>
    public StorageClass(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _name = name;
    }

    /// <summary>Gets S3 Standard, the default.</summary>
    public static StorageClass Standard { get; } = new("STANDARD");

    /// <summary>Gets S3 Standard-Infrequent Access.</summary>
    public static StorageClass StandardInfrequentAccess { get; } = new("STANDARD_IA");

    /// <summary>Gets S3 One Zone-Infrequent Access.</summary>
    public static StorageClass OneZoneInfrequentAccess { get; } = new("ONEZONE_IA");

    /// <summary>Gets Reduced Redundancy.</summary>
    public static StorageClass ReducedRedundancy { get; } = new("REDUCED_REDUNDANCY");

    /// <summary>Gets S3 Intelligent-Tiering; objects may move to its archive access tiers (see <see cref="IntelligentTieringAccessTier"/>).</summary>
    public static StorageClass IntelligentTiering { get; } = new("INTELLIGENT_TIERING");

    /// <summary>Gets S3 Glacier Instant Retrieval (readable without restore).</summary>
    public static StorageClass GlacierInstantRetrieval { get; } = new("GLACIER_IR");

    /// <summary>Gets S3 Glacier Flexible Retrieval (archived; restore before reading).</summary>
    public static StorageClass Glacier { get; } = new("GLACIER");

    /// <summary>Gets S3 Glacier Deep Archive (archived; restore before reading).</summary>
    public static StorageClass DeepArchive { get; } = new("DEEP_ARCHIVE");

    /// <summary>Gets the S3 name, e.g. <c>STANDARD</c>.</summary>
    public string Name => _name ?? "STANDARD";

    /// <summary>Gets a value indicating whether objects of this class are archived and must be restored before a GET.</summary>
    public bool IsArchive => Name is "GLACIER" or "DEEP_ARCHIVE";

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The access tier of an S3 Intelligent-Tiering object, as reported by <c>x-amz-archive-status</c> for the archive tiers.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/intelligent-tiering-overview.html.</remarks>
public enum IntelligentTieringAccessTier
{
    /// <summary>Frequent (or infrequent) access: readable at once.</summary>
    Frequent,

    /// <summary>The Archive Access tier (<c>ARCHIVE_ACCESS</c>): a restore is needed before a GET.</summary>
    ArchiveAccess,

    /// <summary>The Deep Archive Access tier (<c>DEEP_ARCHIVE_ACCESS</c>): a restore is needed before a GET.</summary>
    DeepArchiveAccess,
}
