using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws;

/// <summary>Which write preconditions the server evaluates itself; the store checks the others with a HEAD first.</summary>
/// <param name="PutObject"><c>If-None-Match: *</c> and <c>If-Match</c> on PutObject.</param>
/// <param name="CopyObject"><c>If-None-Match: *</c> and <c>If-Match</c> on the CopyObject destination.</param>
/// <param name="CopySourceIfMatch"><c>x-amz-copy-source-if-match</c> on CopyObject and UploadPartCopy.</param>
/// <param name="CompleteMultipartUpload"><c>If-None-Match: *</c> on CompleteMultipartUpload.</param>
internal sealed record ServerConditions(bool PutObject, bool CopyObject, bool CopySourceIfMatch, bool CompleteMultipartUpload)
{
    /// <summary>Returns the same answer for every operation.</summary>
    public static ServerConditions Uniform(bool supported) => new(supported, supported, supported, supported);

    /// <summary>Gets a value indicating whether every destination precondition is atomic on the server (<see cref="ObjectStoreCapabilities.ConditionalWrites"/>); the copy-source check is exact either way, since the store pins the source version it checked.</summary>
    public bool All => PutObject && CopyObject && CompleteMultipartUpload;
}

/// <summary>What detection found: the port's capabilities and the per-operation precondition support behind them.</summary>
/// <param name="Capabilities">The capabilities.</param>
/// <param name="Conditions">The precondition support.</param>
internal sealed record DetectedFeatures(ObjectStoreCapabilities Capabilities, ServerConditions Conditions);
