using S3FilesSim.ObjectStorage;
using static S3FilesSim.Tests.Reliability.BadInput.BadInputCase;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>
/// Hostile input to every <see cref="IObjectStore"/> call of <see cref="InMemoryObjectStore"/> and to the bucket calls of
/// <see cref="S3FilesSimulation"/>: invalid keys, ranges, metadata, version ids, multipart uploads, copy sources,
/// failing preconditions, missing keys and a deleted bucket. Codes follow https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.
/// </summary>
internal static class ObjectStoreBadInputCases
{
    private const string Key = BadInputWorld.VersionedKey;

    public static IEnumerable<BadInputCase> All() =>
        Keys().Concat(Reads()).Concat(Writes()).Concat(Copies()).Concat(Multipart()).Concat(Listings()).Concat(Buckets());

    /// <summary>Invalid keys through every key-taking call.</summary>
    private static IEnumerable<BadInputCase> Keys()
    {
        var keys = new (string Name, string? Key, string Expected)[]
        {
            ("empty key", string.Empty, nameof(ArgumentException)),
            ("null key", null, nameof(ArgumentNullException)),
            ("1,025-byte key", new string('k', 1025), S3ErrorCode.KeyTooLongError),
            ("1,026-byte key of 2-byte characters", new string('é', 513), S3ErrorCode.KeyTooLongError),
            ("1,026-byte key of 3-byte characters", new string('€', 342), S3ErrorCode.KeyTooLongError),
            ("100,000-byte key", new string('k', 100_000), S3ErrorCode.KeyTooLongError),
            ("key with a lone high surrogate", "bad\uD800key", S3ErrorCode.InvalidArgument),
            ("key with a lone low surrogate", "\uDC00", S3ErrorCode.InvalidArgument),
        };
        var calls = new (string Name, Func<BadInputWorld, string, Task> Act)[]
        {
            ("PutObject", (w, k) => w.Bucket.PutObjectAsync(new PutObjectRequest { Key = k, Content = ObjectContent.FromString("x") }).AsTask()),
            ("GetObject", (w, k) => w.Bucket.GetObjectAsync(new GetObjectRequest { Key = k }).AsTask()),
            ("HeadObject", (w, k) => w.Bucket.HeadObjectAsync(new HeadObjectRequest { Key = k }).AsTask()),
            ("HeadObject(key)", (w, k) => w.Bucket.HeadObjectAsync(k).AsTask()),
            ("DeleteObject", (w, k) => w.Bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = k }).AsTask()),
            ("CopyObject source", (w, k) => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = k, DestinationKey = "copy" }).AsTask()),
            ("CopyObject destination", (w, k) => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = k }).AsTask()),
            ("CreateMultipartUpload", (w, k) => w.Bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = k }).AsTask()),
            ("UploadPart", (w, k) => w.Bucket.UploadPartAsync(new UploadPartRequest { Key = k, UploadId = w.UploadId, PartNumber = 3, Content = ObjectContent.FromString("x") }).AsTask()),
            ("UploadPartCopy source", (w, k) => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, SourceKey = k }).AsTask()),
            ("CompleteMultipartUpload", (w, k) => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = k, UploadId = w.UploadId, Parts = [new CompletedPart(1, w.FirstPartETag)] }).AsTask()),
            ("AbortMultipartUpload", (w, k) => w.Bucket.AbortMultipartUploadAsync(k, w.UploadId).AsTask()),
            ("ListParts", (w, k) => w.Bucket.ListPartsAsync(new ListPartsRequest { Key = k, UploadId = w.UploadId }).AsTask()),
            ("RestoreObject", (w, k) => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = k }).AsTask()),
            ("SetIntelligentTieringAccessTier", (w, k) => Run(() => w.Bucket.SetIntelligentTieringAccessTier(k, IntelligentTieringAccessTier.Frequent))),
        };
        return from key in keys
               from call in calls
               select Fails($"{call.Name} {key.Name}", key.Expected, w => call.Act(w, key.Key!));
    }

    private static IEnumerable<BadInputCase> Reads()
    {
        var ranges = new (string Name, ByteRange Range)[]
        {
            ("range starting at the length", ByteRange.Between(2, 5)),
            ("range starting past the length", ByteRange.From(3)),
            ("range starting at long.MaxValue", ByteRange.From(long.MaxValue)),
            ("range of long.MaxValue - 1 to long.MaxValue", ByteRange.Between(long.MaxValue - 1, long.MaxValue)),
        };
        foreach (var (name, range) in ranges)
        {
            yield return Fails($"GetObject {name}", S3ErrorCode.InvalidRange, w => w.Bucket.GetObjectAsync(new GetObjectRequest { Key = Key, Range = range }).AsTask());
            yield return Fails($"UploadPartCopy {name}", S3ErrorCode.InvalidArgument, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, SourceKey = Key, SourceRange = range }).AsTask());
        }

        yield return Fails("ByteRange.Between(-1, 5)", nameof(ArgumentOutOfRangeException), _ => Task.FromResult(ByteRange.Between(-1, 5)));
        yield return Fails("ByteRange.Between(5, 4)", nameof(ArgumentOutOfRangeException), _ => Task.FromResult(ByteRange.Between(5, 4)));
        yield return Fails("ByteRange.From(-1)", nameof(ArgumentOutOfRangeException), _ => Task.FromResult(ByteRange.From(-1)));
        yield return Fails("ByteRange.Suffix(0)", nameof(ArgumentOutOfRangeException), _ => Task.FromResult(ByteRange.Suffix(0)));
        yield return Fails("ByteRange.Parse(\"bytes=5-4\")", nameof(FormatException), _ => Task.FromResult(ByteRange.Parse("bytes=5-4")));
        yield return Fails("ByteRange.Parse(\"bytes=-0\")", nameof(FormatException), _ => Task.FromResult(ByteRange.Parse("bytes=-0")));
        yield return Fails("ByteRange.Parse(\"bytes=-1-2\")", nameof(FormatException), _ => Task.FromResult(ByteRange.Parse("bytes=-1-2")));
        yield return Fails("ByteRange.Parse(\"items=0-1\")", nameof(FormatException), _ => Task.FromResult(ByteRange.Parse("items=0-1")));
        yield return Fails("ByteRange.Parse(\"bytes=99999999999999999999-\")", nameof(FormatException), _ => Task.FromResult(ByteRange.Parse("bytes=99999999999999999999-")));
        yield return Returns("GetObject a missing key", "NoSuchKey", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = "missing" })).Status.ToString());
        yield return Returns("GetObject a key whose latest version is a delete marker", "NoSuchKey", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = BadInputWorld.DeletedKey })).Status.ToString());
        yield return Returns("GetObject an unknown version id", "NoSuchVersion", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = Key, VersionId = new VersionId("not-a-version") })).Status.ToString());
        yield return Returns("GetObject a version id of another key", "NoSuchVersion", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = "archived.bin", VersionId = w.FirstVersion })).Status.ToString());
        yield return Returns("GetObject a version id on a missing key", "NoSuchVersion", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = "missing", VersionId = w.FirstVersion })).Status.ToString());
        yield return Returns("HeadObject an unknown version id", "NoSuchVersion", async w => (await w.Bucket.HeadObjectAsync(new HeadObjectRequest { Key = Key, VersionId = new VersionId("0000") })).Status.ToString());
        yield return Returns("HeadObject a missing key", "NoSuchKey", async w => (await w.Bucket.HeadObjectAsync(new HeadObjectRequest { Key = "missing" })).Status.ToString());
        yield return Returns("GetObject If-Match a wrong ETag", "PreconditionFailed", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = Key, IfMatch = ETag.FromMd5(new byte[16]) })).Status.ToString());
        yield return Returns("GetObject If-None-Match the current ETag", "NotModified", async w => (await w.Bucket.GetObjectAsync(new GetObjectRequest { Key = Key, IfNoneMatch = (await w.Bucket.HeadObjectAsync(Key))!.ETag })).Status.ToString());
        yield return Returns("HeadObject If-Match a wrong ETag", "PreconditionFailed", async w => (await w.Bucket.HeadObjectAsync(new HeadObjectRequest { Key = Key, IfMatch = ETag.FromMd5(new byte[16]) })).Status.ToString());
        yield return Fails("GetObject an archived object", S3ErrorCode.InvalidObjectState, w => w.Bucket.GetObjectAsync(new GetObjectRequest { Key = BadInputWorld.ArchivedKey }).AsTask());
        yield return Fails("GetObject a null request", nameof(ArgumentNullException), w => w.Bucket.GetObjectAsync(null!).AsTask());
        yield return Fails("new VersionId(\"\")", nameof(ArgumentException), _ => Task.FromResult(new VersionId(string.Empty)));
        yield return Fails("new VersionId(null)", nameof(ArgumentNullException), _ => Task.FromResult(new VersionId(null!)));
        yield return Fails("RestoreObject a standard object", S3ErrorCode.InvalidObjectState, w => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = Key }).AsTask());
        yield return Fails("RestoreObject 0 days", S3ErrorCode.InvalidArgument, w => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = BadInputWorld.ArchivedKey, Days = 0 }).AsTask());
        yield return Fails("RestoreObject -1 days", S3ErrorCode.InvalidArgument, w => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = BadInputWorld.ArchivedKey, Days = -1 }).AsTask());
        yield return Fails("RestoreObject int.MinValue days", S3ErrorCode.InvalidArgument, w => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = BadInputWorld.ArchivedKey, Days = int.MinValue }).AsTask());
        yield return Fails("RestoreObject a missing key", S3ErrorCode.NoSuchKey, w => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = "missing" }).AsTask());
        yield return Fails("RestoreObject an unknown version", S3ErrorCode.NoSuchVersion, w => w.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = BadInputWorld.ArchivedKey, VersionId = new VersionId("nope") }).AsTask());
        yield return Fails("SetIntelligentTieringAccessTier on a standard object", S3ErrorCode.InvalidObjectState, w => Run(() => w.Bucket.SetIntelligentTieringAccessTier(Key, IntelligentTieringAccessTier.ArchiveAccess)));
    }

    private static IEnumerable<BadInputCase> Writes()
    {
        var metadataCases = new (string Name, Dictionary<string, string> Metadata, string Expected)[]
        {
            ("metadata of 2,049 bytes in one value", new() { ["k"] = new string('v', 2048) }, S3ErrorCode.MetadataTooLarge),
            ("metadata of 2,049 bytes in one name", new() { [new string('n', 2048)] = "v" }, S3ErrorCode.MetadataTooLarge),
            ("metadata of 2,049 bytes over many entries", Enumerable.Range(0, 683).ToDictionary(i => $"{i:D2}", _ => "x"), S3ErrorCode.MetadataTooLarge),
            ("metadata of 1,026 two-byte characters", new() { ["k"] = new string('é', 1024) }, S3ErrorCode.MetadataTooLarge),
            ("metadata with an empty name", new() { [string.Empty] = "v" }, nameof(ArgumentException)),
            ("metadata with a null value", new() { ["k"] = null! }, nameof(ArgumentNullException)),
        };
        foreach (var (name, metadata, expected) in metadataCases)
        {
            yield return Fails($"PutObject {name}", expected, w => w.Bucket.PutObjectAsync(new PutObjectRequest { Key = Key, Content = ObjectContent.FromString("x"), Metadata = metadata }).AsTask());
            yield return Fails($"CopyObject REPLACE {name}", expected, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = "copy", MetadataDirective = MetadataDirective.Replace, Metadata = metadata }).AsTask());
            yield return Fails($"CreateMultipartUpload {name}", expected, w => w.Bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "new-upload", Metadata = metadata }).AsTask());
        }

        yield return Fails("PutObject a null request", nameof(ArgumentNullException), w => w.Bucket.PutObjectAsync(null!).AsTask());
        yield return Fails("PutObject null content", nameof(ArgumentNullException), w => w.Bucket.PutObjectAsync(new PutObjectRequest { Key = Key, Content = null! }).AsTask());
        yield return Fails("PutObject 5 GiB + 1", S3ErrorCode.EntityTooLarge, w => w.Bucket.PutObjectAsync(new PutObjectRequest { Key = Key, Content = ObjectContent.Generated((5L << 30) + 1, 1) }).AsTask());
        yield return Fails("PutObject If-None-Match other than *", S3ErrorCode.NotImplemented, w => w.Bucket.PutObjectAsync(new PutObjectRequest { Key = "fresh", Content = ObjectContent.FromString("x"), IfNoneMatch = ETag.FromMd5(new byte[16]) }).AsTask());
        yield return Returns("PutObject If-None-Match * on an existing key", "PreconditionFailed", async w => (await w.Bucket.PutObjectAsync(new PutObjectRequest { Key = Key, Content = ObjectContent.FromString("x"), IfNoneMatch = ETag.Any })).Status.ToString());
        yield return Returns("PutObject If-Match a wrong ETag", "PreconditionFailed", async w => (await w.Bucket.PutObjectAsync(new PutObjectRequest { Key = Key, Content = ObjectContent.FromString("x"), IfMatch = ETag.FromMd5(new byte[16]) })).Status.ToString());
        yield return Returns("PutObject If-Match on a missing key", "NoSuchKey", async w => (await w.Bucket.PutObjectAsync(new PutObjectRequest { Key = "missing", Content = ObjectContent.FromString("x"), IfMatch = ETag.Any })).Status.ToString());
        yield return Returns("PutObject If-Match on a delete marker", "NoSuchKey", async w => (await w.Bucket.PutObjectAsync(new PutObjectRequest { Key = BadInputWorld.DeletedKey, Content = ObjectContent.FromString("x"), IfMatch = ETag.Any })).Status.ToString());
        yield return Fails("ETag.Parse(\"\")", nameof(ArgumentException), _ => Task.FromResult(ETag.Parse(string.Empty)));
        yield return Fails("DeleteObjects with no keys", S3ErrorCode.MalformedXml, w => w.Bucket.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = [] }).AsTask());
        yield return Fails("DeleteObjects with 1,001 keys", S3ErrorCode.MalformedXml, w => w.Bucket.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = Enumerable.Range(0, 1001).Select(i => new ObjectIdentifier($"k{i}")).ToArray() }).AsTask());
        yield return Fails("DeleteObjects a null list", nameof(ArgumentNullException), w => w.Bucket.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = null! }).AsTask());
        yield return Returns("DeleteObjects only invalid keys", "0 deleted; KeyTooLongError,InvalidArgument,InvalidArgument", async w =>
        {
            var result = await w.Bucket.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = [new ObjectIdentifier(new string('k', 1025)), new ObjectIdentifier(string.Empty), new ObjectIdentifier("\uD800")] });
            return $"{result.Deleted.Count} deleted; {string.Join(',', result.Errors.Select(e => e.Code))}";
        });
        yield return Fails("DeleteObject a null request", nameof(ArgumentNullException), w => w.Bucket.DeleteObjectAsync(null!).AsTask());
    }

    private static IEnumerable<BadInputCase> Copies()
    {
        yield return Fails("CopyObject a missing source", S3ErrorCode.NoSuchKey, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = "missing", DestinationKey = "copy" }).AsTask());
        yield return Fails("CopyObject an unknown source version", S3ErrorCode.NoSuchVersion, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, SourceVersionId = new VersionId("nope"), DestinationKey = "copy" }).AsTask());
        yield return Fails("CopyObject a delete-marker source", S3ErrorCode.NoSuchKey, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = BadInputWorld.DeletedKey, DestinationKey = "copy" }).AsTask());
        yield return Fails("CopyObject a delete-marker source version", S3ErrorCode.InvalidRequest, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = BadInputWorld.DeletedKey, SourceVersionId = w.DeleteMarker, DestinationKey = "copy" }).AsTask());
        yield return Fails("CopyObject onto itself unchanged", S3ErrorCode.InvalidRequest, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = Key }).AsTask());
        yield return Fails("CopyObject an archived source", S3ErrorCode.InvalidObjectState, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = BadInputWorld.ArchivedKey, DestinationKey = "copy" }).AsTask());
        yield return Fails("CopyObject a null request", nameof(ArgumentNullException), w => w.Bucket.CopyObjectAsync(null!).AsTask());
        yield return Fails("CopyObject an undefined metadata directive", S3ErrorCode.InvalidArgument, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = "copy", MetadataDirective = (MetadataDirective)7 }).AsTask());
        yield return Fails("CopyObject If-None-Match other than *", S3ErrorCode.NotImplemented, w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = "copy", IfNoneMatch = ETag.FromMd5(new byte[16]) }).AsTask());
        yield return Returns("CopyObject copy-source-if-match a wrong ETag", "PreconditionFailed", async w => (await w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = "copy", CopySourceIfMatch = ETag.FromMd5(new byte[16]) })).Status.ToString());
        yield return Returns("CopyObject If-None-Match * onto an existing key", "PreconditionFailed", async w => (await w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = BadInputWorld.ArchivedKey, IfNoneMatch = ETag.Any })).Status.ToString());
        yield return Returns("CopyObject If-Match a wrong destination ETag", "PreconditionFailed", async w => (await w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = Key, DestinationKey = BadInputWorld.ArchivedKey, IfMatch = ETag.FromMd5(new byte[16]) })).Status.ToString());
    }

    private static IEnumerable<BadInputCase> Multipart()
    {
        foreach (var partNumber in new[] { 0, -1, 10_001, int.MaxValue, int.MinValue })
        {
            yield return Fails($"UploadPart part number {partNumber}", S3ErrorCode.InvalidArgument, w => w.Bucket.UploadPartAsync(new UploadPartRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = partNumber, Content = ObjectContent.FromString("x") }).AsTask());
            yield return Fails($"UploadPartCopy part number {partNumber}", S3ErrorCode.InvalidArgument, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = partNumber, SourceKey = Key }).AsTask());
            yield return Fails($"CompleteMultipartUpload part number {partNumber}", S3ErrorCode.InvalidPart, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(partNumber, w.FirstPartETag)] }).AsTask());
        }

        foreach (var (name, uploadId) in new[] { ("unknown", "no-such-upload"), ("empty", string.Empty) })
        {
            yield return Fails($"UploadPart {name} upload id", S3ErrorCode.NoSuchUpload, w => w.Bucket.UploadPartAsync(new UploadPartRequest { Key = BadInputWorld.UploadKey, UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("x") }).AsTask());
            yield return Fails($"UploadPartCopy {name} upload id", S3ErrorCode.NoSuchUpload, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = uploadId, PartNumber = 1, SourceKey = Key }).AsTask());
            yield return Fails($"CompleteMultipartUpload {name} upload id", S3ErrorCode.NoSuchUpload, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = uploadId, Parts = [new CompletedPart(1, w.FirstPartETag)] }).AsTask());
            yield return Fails($"AbortMultipartUpload {name} upload id", S3ErrorCode.NoSuchUpload, w => w.Bucket.AbortMultipartUploadAsync(BadInputWorld.UploadKey, uploadId).AsTask());
            yield return Fails($"ListParts {name} upload id", S3ErrorCode.NoSuchUpload, w => w.Bucket.ListPartsAsync(new ListPartsRequest { Key = BadInputWorld.UploadKey, UploadId = uploadId }).AsTask());
        }

        yield return Fails("UploadPart the upload id under another key", S3ErrorCode.NoSuchUpload, w => w.Bucket.UploadPartAsync(new UploadPartRequest { Key = "other-key", UploadId = w.UploadId, PartNumber = 1, Content = ObjectContent.FromString("x") }).AsTask());
        yield return Fails("CompleteMultipartUpload the upload id under another key", S3ErrorCode.NoSuchUpload, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = "other-key", UploadId = w.UploadId, Parts = [new CompletedPart(1, w.FirstPartETag)] }).AsTask());
        yield return Fails("AbortMultipartUpload the upload id under another key", S3ErrorCode.NoSuchUpload, w => w.Bucket.AbortMultipartUploadAsync("other-key", w.UploadId).AsTask());
        yield return Fails("CompleteMultipartUpload a small part that is not the last", S3ErrorCode.EntityTooSmall, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(1, w.FirstPartETag), new CompletedPart(2, w.SecondPartETag)] }).AsTask());
        yield return Fails("CompleteMultipartUpload no parts", S3ErrorCode.MalformedXml, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [] }).AsTask());
        yield return Fails("CompleteMultipartUpload parts out of order", S3ErrorCode.InvalidPartOrder, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(2, w.SecondPartETag), new CompletedPart(1, w.FirstPartETag)] }).AsTask());
        yield return Fails("CompleteMultipartUpload a part listed twice", S3ErrorCode.InvalidPartOrder, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(1, w.FirstPartETag), new CompletedPart(1, w.FirstPartETag)] }).AsTask());
        yield return Fails("CompleteMultipartUpload a part never uploaded", S3ErrorCode.InvalidPart, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(3, w.FirstPartETag)] }).AsTask());
        yield return Fails("CompleteMultipartUpload a wrong part ETag", S3ErrorCode.InvalidPart, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(1, w.SecondPartETag)] }).AsTask());
        yield return Fails("CompleteMultipartUpload a null part list", nameof(ArgumentNullException), w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = null! }).AsTask());
        yield return Fails("UploadPart 5 GiB + 1", S3ErrorCode.EntityTooLarge, w => w.Bucket.UploadPartAsync(new UploadPartRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, Content = ObjectContent.Generated((5L << 30) + 1, 1) }).AsTask());
        yield return Fails("UploadPartCopy a missing source", S3ErrorCode.NoSuchKey, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, SourceKey = "missing" }).AsTask());
        yield return Fails("UploadPartCopy an unknown source version", S3ErrorCode.NoSuchVersion, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, SourceKey = Key, SourceVersionId = new VersionId("nope") }).AsTask());
        yield return Fails("UploadPartCopy an archived source", S3ErrorCode.InvalidObjectState, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, SourceKey = BadInputWorld.ArchivedKey }).AsTask());
        yield return Fails("UploadPartCopy copy-source-if-match a wrong ETag", S3ErrorCode.PreconditionFailed, w => w.Bucket.UploadPartCopyAsync(new UploadPartCopyRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, SourceKey = Key, CopySourceIfMatch = ETag.FromMd5(new byte[16]) }).AsTask());
        yield return Fails("ListParts a negative part number marker", S3ErrorCode.InvalidArgument, w => w.Bucket.ListPartsAsync(new ListPartsRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumberMarker = -1 }).AsTask());
        yield return Fails("ListParts negative max-parts", S3ErrorCode.InvalidArgument, w => w.Bucket.ListPartsAsync(new ListPartsRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, MaxParts = -1 }).AsTask());
        yield return Fails("ListParts max-parts int.MinValue", S3ErrorCode.InvalidArgument, w => w.Bucket.ListPartsAsync(new ListPartsRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, MaxParts = int.MinValue }).AsTask());
        yield return Fails("CompleteMultipartUpload If-None-Match other than *", S3ErrorCode.NotImplemented, w => w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(2, w.SecondPartETag)], IfNoneMatch = ETag.FromMd5(new byte[16]) }).AsTask());
        yield return Returns("CompleteMultipartUpload If-Match on a missing key", "NoSuchKey", async w => (await w.Bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, Parts = [new CompletedPart(2, w.SecondPartETag)], IfMatch = ETag.Any })).Status.ToString());
    }

    private static IEnumerable<BadInputCase> Listings()
    {
        yield return Fails("ListObjectsV2 max-keys -1", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectsV2Async(new ListObjectsV2Request { MaxKeys = -1 }).AsTask());
        yield return Fails("ListObjectsV2 max-keys int.MinValue", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectsV2Async(new ListObjectsV2Request { MaxKeys = int.MinValue }).AsTask());
        yield return Fails("ListObjectsV2 a forged continuation token", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = "forged" }).AsTask());
        yield return Fails("ListObjectsV2 an empty continuation token", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = string.Empty }).AsTask());
        yield return Fails("ListObjectVersions max-keys -1", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { MaxKeys = -1 }).AsTask());
        yield return Fails("ListObjectVersions a version-id marker without key marker", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { VersionIdMarker = w.FirstVersion }).AsTask());
        yield return Fails("ListObjectVersions an unknown version-id marker", S3ErrorCode.InvalidArgument, w => w.Bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { KeyMarker = Key, VersionIdMarker = new VersionId("nope") }).AsTask());
        yield return Fails("ListObjectsV2 a null request", nameof(ArgumentNullException), w => w.Bucket.ListObjectsV2Async(null!).AsTask());
    }

    private static IEnumerable<BadInputCase> Buckets()
    {
        var deleted = new (string Name, Func<InMemoryObjectStore, Task> Act)[]
        {
            ("PutObject", b => b.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("x") }).AsTask()),
            ("GetObject", b => b.GetObjectAsync(new GetObjectRequest { Key = "k" }).AsTask()),
            ("HeadObject", b => b.HeadObjectAsync(new HeadObjectRequest { Key = "k" }).AsTask()),
            ("DeleteObject", b => b.DeleteObjectAsync(new DeleteObjectRequest { Key = "k" }).AsTask()),
            ("DeleteObjects", b => b.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = [new ObjectIdentifier("k")] }).AsTask()),
            ("CopyObject", b => b.CopyObjectAsync(new CopyObjectRequest { SourceKey = "k", DestinationKey = "c" }).AsTask()),
            ("ListObjectsV2", b => b.ListObjectsV2Async(new ListObjectsV2Request()).AsTask()),
            ("ListObjectVersions", b => b.ListObjectVersionsAsync(new ListObjectVersionsRequest()).AsTask()),
            ("CreateMultipartUpload", b => b.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" }).AsTask()),
            ("RestoreObject", b => b.RestoreObjectAsync(new RestoreObjectRequest { Key = "k" }).AsTask()),
        };
        foreach (var (name, act) in deleted)
        {
            yield return Fails($"deleted bucket: {name}", S3ErrorCode.NoSuchBucket, w => act(w.DeletedBucket));
        }

        foreach (var name in new[] { "ab", new string('a', 64), "Upper", "-leading", "trailing-", "two..dots", "192.168.0.1", "under_score", "xn--prefix", "suffix-s3alias", string.Empty })
        {
            yield return Fails($"CreateBucket '{name}'", S3ErrorCode.InvalidBucketName, w => Task.FromResult(w.Sim.CreateBucket(name)));
        }

        yield return Fails("CreateBucket the default bucket's name", S3ErrorCode.BucketAlreadyOwnedByYou, w => Task.FromResult(w.Sim.CreateBucket(w.Bucket.BucketName)));
        yield return Fails("CreateBucket with invalid options", nameof(ArgumentException), w => Task.FromResult(w.Sim.CreateBucket("fresh-bucket", new InMemoryObjectStoreOptions { AccountId = "12" })));
        yield return Fails("GetBucket a missing bucket", S3ErrorCode.NoSuchBucket, w => Task.FromResult(w.Sim.GetBucket("missing-bucket")));
        yield return Fails("GetBucket the deleted bucket", S3ErrorCode.NoSuchBucket, w => Task.FromResult(w.Sim.GetBucket("deleted-bucket")));
        yield return Fails("DeleteBucket a missing bucket", S3ErrorCode.NoSuchBucket, w => Run(() => w.Sim.DeleteBucket("missing-bucket")));
        yield return Fails("DeleteBucket a non-empty bucket", S3ErrorCode.BucketNotEmpty, w => Run(() => w.Sim.DeleteBucket(w.Bucket.BucketName)));
    }
}
