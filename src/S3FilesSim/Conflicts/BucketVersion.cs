using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Conflicts;

/// <summary>The latest version of an object read from the bucket to take back a path after a conflict: its metadata and bytes.</summary>
internal sealed record BucketVersion(string Key, ObjectMetadata Head, byte[] Body);
