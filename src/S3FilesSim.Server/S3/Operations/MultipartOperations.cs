using System.Collections.Concurrent;
using System.Globalization;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Body;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>What the endpoint keeps about each multipart upload in progress beyond the bucket's own record: the checksum
/// algorithm and type (<c>x-amz-checksum-algorithm</c>, <c>x-amz-checksum-type</c>), each part's checksum and size, and the
/// content headers of the object to be.</summary>
internal sealed class MultipartState
{
    private readonly ConcurrentDictionary<string, Upload> _uploads = new(StringComparer.Ordinal);

    public void Add(string uploadId, Upload upload) => _uploads[uploadId] = upload;

    public Upload? Get(string uploadId) => _uploads.TryGetValue(uploadId, out var upload) ? upload : null;

    public void Remove(string uploadId) => _uploads.TryRemove(uploadId, out _);

    /// <param name="Algorithm">The checksum algorithm of the upload, if any.</param>
    /// <param name="FullObject">Whether the object's checksum covers every byte (<c>FULL_OBJECT</c>, CRCs only) rather than the parts' checksums (<c>COMPOSITE</c>).</param>
    /// <param name="ContentHeaders">The content headers of the object.</param>
    internal sealed record Upload(ChecksumAlgorithm? Algorithm, bool FullObject, IReadOnlyList<KeyValuePair<string, string>> ContentHeaders)
    {
        public ConcurrentDictionary<int, (ChecksumValue Checksum, long Size)> Parts { get; } = new();

        public string ChecksumType => FullObject ? "FULL_OBJECT" : "COMPOSITE";

        /// <summary>Returns the object's checksum from the completed parts' checksums: their CRC combination (full object),
        /// or the checksum of their concatenated digests, a dash and the part count (composite)
        /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html#large-object-checksums);
        /// <see langword="null"/> when the upload has no algorithm or a part has no checksum.</summary>
        public ChecksumValue? ObjectChecksum(IReadOnlyList<CompletedPart> parts)
        {
            if (Algorithm is not { } algorithm || parts.Any(p => !Parts.ContainsKey(p.PartNumber)))
            {
                return null;
            }

            if (FullObject)
            {
                return Checksums.CombineCrcs(algorithm, [.. parts.Select(p => Parts[p.PartNumber])]);
            }

            var digests = parts.SelectMany(p => Convert.FromBase64String(Parts[p.PartNumber].Checksum.Base64)).ToArray();
            var value = Checksums.Compute(algorithm, digests);
            return value with { Base64 = value.Base64 + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) };
        }
    }
}

/// <summary>CreateMultipartUpload (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html), with
/// <c>x-amz-checksum-algorithm</c> and <c>x-amz-checksum-type</c> (COMPOSITE, or FULL_OBJECT for the CRCs; CRC64NVME is always full-object).</summary>
internal sealed class CreateMultipartUploadOperation : S3Operation
{
    public override string Name => "CreateMultipartUpload";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        ObjectHeaders.RejectUnmodelled(context, Name);
        var algorithmName = context.Header("x-amz-checksum-algorithm");
        var algorithm = Checksums.ParseName(algorithmName);
        if (algorithmName is not null && algorithm is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, $"Checksum algorithm provided is unsupported: {algorithmName}.");
        }

        var type = context.Header("x-amz-checksum-type")?.ToUpperInvariant();
        var fullObject = type switch
        {
            null => algorithm == ChecksumAlgorithm.Crc64Nvme,
            "FULL_OBJECT" when algorithm is { } a && Checksums.IsCrc(a) => true,
            "COMPOSITE" when algorithm is not ChecksumAlgorithm.Crc64Nvme => false,
            _ => throw new S3Exception(S3Error.InvalidRequest, $"The {type} checksum type cannot be used with the {algorithmName ?? "(no)"} checksum algorithm."),
        };
        var uploadId = await bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest
        {
            Key = key,
            Metadata = ObjectHeaders.UserMetadata(context.Request),
            ContentType = context.Request.ContentType,
            StorageClass = ObjectHeaders.StorageClassOf(context),
        }, context.Aborted).ConfigureAwait(false);
        var upload = new MultipartState.Upload(algorithm, fullObject, ObjectExtra.ContentHeadersOf(context.Request));
        context.Service.Multipart.Add(uploadId, upload);
        if (algorithm is { } declared)
        {
            context.Response.Headers["x-amz-checksum-algorithm"] = Checksums.Name(declared);
            context.Response.Headers["x-amz-checksum-type"] = upload.ChecksumType;
        }

        context.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Xml.WriteAsync(context.Response, "InitiateMultipartUploadResult", writer =>
        {
            writer.Element("Bucket", bucket.BucketName);
            writer.Element("Key", key);
            writer.Element("UploadId", uploadId);
        }).ConfigureAwait(false);
    }
}

/// <summary>UploadPart (https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html).</summary>
internal sealed class UploadPartOperation : S3Operation
{
    public override string Name => "UploadPart";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var (uploadId, partNumber) = PartAddress.Of(context);
        var upload = context.Service.Multipart.Get(uploadId);
        var body = await RequestBody.ReadObjectAsync(context, upload?.Algorithm).ConfigureAwait(false);
        var etag = await bucket.UploadPartAsync(new UploadPartRequest { Key = key, UploadId = uploadId, PartNumber = partNumber, Content = body.Content }, context.Aborted).ConfigureAwait(false);
        if (upload is not null && body.Checksum is { } checksum && checksum.Algorithm == upload.Algorithm)
        {
            upload.Parts[partNumber] = (checksum, body.Content.Length);
        }

        context.Response.Headers.ETag = etag.Value;
        context.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        ObjectHeaders.WriteChecksum(context, body.Checksum);
        context.Response.ContentLength = 0;
    }
}

/// <summary>UploadPartCopy (https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html): a part copied from
/// (a range of) a version, in the same bucket or another.</summary>
internal sealed class UploadPartCopyOperation : S3Operation
{
    public override string Name => "UploadPartCopy";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var (uploadId, partNumber) = PartAddress.Of(context);
        var source = CopySource.Parse(context);
        var (sourceBucket, metadata) = await source.ResolveAsync(context).ConfigureAwait(false);
        ByteRange? range = null;
        if (context.Header("x-amz-copy-source-range") is { } rangeText)
        {
            try
            {
                range = ByteRange.Parse(rangeText);
            }
            catch (FormatException)
            {
                throw new S3Exception(S3Error.InvalidArgument, "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
                    .With("ArgumentName", "x-amz-copy-source-range").With("ArgumentValue", rangeText);
            }
        }

        ETag etag;
        if (ReferenceEquals(sourceBucket, bucket))
        {
            etag = await bucket.UploadPartCopyAsync(new UploadPartCopyRequest
            {
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                SourceKey = source.Key,
                SourceVersionId = metadata.VersionId,
                SourceRange = range,
            }, context.Aborted).ConfigureAwait(false);
        }
        else
        {
            var (offset, count) = (0L, metadata.ContentLength);
            if (range is { } r && (r.First is null || r.Last is null || r.Last >= metadata.ContentLength || !r.TryResolve(metadata.ContentLength, out offset, out count)))
            {
                throw new S3Exception(S3Error.InvalidArgument, $"Range specified is not valid for source object of size: {metadata.ContentLength}")
                    .With("ArgumentName", "x-amz-copy-source-range").With("ArgumentValue", range.ToString());
            }

            var content = await source.ReadAsync(sourceBucket, metadata, offset, count, context.Aborted).ConfigureAwait(false);
            etag = await bucket.UploadPartAsync(new UploadPartRequest { Key = key, UploadId = uploadId, PartNumber = partNumber, Content = content }, context.Aborted).ConfigureAwait(false);
        }

        if (sourceBucket.VersioningStatus != BucketVersioningStatus.Unversioned)
        {
            context.Response.Headers["x-amz-copy-source-version-id"] = metadata.VersionId.Value;
        }

        context.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Xml.WriteAsync(context.Response, "CopyPartResult", writer =>
        {
            writer.Element("ETag", etag.Value);
            writer.Element("LastModified", context.Service.Simulation.Now);
        }).ConfigureAwait(false);
    }
}

/// <summary>CompleteMultipartUpload (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html):
/// the listed parts into one version with the composite ETag, <c>If-Match</c>/<c>If-None-Match</c> on the key. Repeated for
/// an upload that already completed, it answers the same result (ETag, version id, checksum) while the bucket remembers it
/// (<see cref="InMemoryObjectStore.CompleteMultipartUploadAsync"/>).</summary>
internal sealed class CompleteMultipartUploadOperation : S3Operation
{
    public override string Name => "CompleteMultipartUpload";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var uploadId = context.Query.Get("uploadId") ?? throw new S3Exception(S3Error.NoSuchUpload);
        var ifMatch = ObjectHeaders.ETagHeader(context, "If-Match");
        var ifNoneMatch = ObjectHeaders.ETagHeader(context, "If-None-Match");
        var document = await S3Xml.ReadAsync(context, headerChecksums: false).ConfigureAwait(false);
        if (document.Name.LocalName != "CompleteMultipartUpload")
        {
            throw new S3Exception(S3Error.MalformedXml);
        }

        var upload = context.Service.Multipart.Get(uploadId);
        var parts = document.Children("Part").Select(p =>
        {
            var number = p.Child("PartNumber");
            var etag = p.Child("ETag");
            if (number is null || etag is null || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new S3Exception(S3Error.MalformedXml);
            }

            if (upload?.Algorithm is { } algorithm && p.Child(Checksums.ElementName(algorithm)) is { } listed
                && upload.Parts.TryGetValue(n, out var stored) && stored.Checksum.Base64 != listed)
            {
                throw new S3Exception(S3Error.InvalidPart, $"The {Checksums.Name(algorithm)} listed for part {n} does not match the part's checksum.").With("PartNumber", number);
            }

            return new CompletedPart(n, ObjectHeaders.ParseETag(etag));
        }).ToList();
        var checksum = upload?.ObjectChecksum(parts);
        CheckObjectChecksum(context, checksum);
        var written = await bucket.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            Key = key,
            UploadId = uploadId,
            Parts = parts,
            IfMatch = ifMatch,
            IfNoneMatch = ifNoneMatch,
        }, context.Aborted).ConfigureAwait(false);
        WriteResult.ThrowIfFailed(written, key, ifMatch is not null ? "If-Match" : "If-None-Match");
        ObjectExtra extra;
        if (upload is null)
        {
            // A repeated completion (the bucket answered the first result and wrote nothing), or an upload not created
            // through the endpoint: answer what the version already carries.
            extra = await context.Service.Extras.GetAsync(bucket, key, written, context.Aborted).ConfigureAwait(false);
            checksum = extra.Checksum;
            CheckObjectChecksum(context, checksum);
        }
        else
        {
            context.Service.Multipart.Remove(uploadId);
            var partChecksums = checksum is not null ? parts.Select(p => upload.Parts[p.PartNumber].Checksum).ToList() : null;
            extra = new ObjectExtra(checksum, upload.ContentHeaders) { ChecksumType = upload.ChecksumType, PartChecksums = partChecksums };
            await context.Service.Extras.AttachAsync(bucket, key, written, extra, context.Aborted).ConfigureAwait(false);
        }

        ObjectHeaders.WriteNewVersionId(context, written.VersionId);
        context.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Xml.WriteAsync(context.Response, "CompleteMultipartUploadResult", writer =>
        {
            writer.Element("Location", $"{context.Request.Scheme}://{context.Request.Host}/{bucket.BucketName}/{Uri.EscapeDataString(key)}");
            writer.Element("Bucket", bucket.BucketName);
            writer.Element("Key", key);
            writer.Element("ETag", written.ETag!.Value.Value);
            if (checksum is not null)
            {
                writer.Element(checksum.ElementName, checksum.Base64);
                writer.Element("ChecksumType", extra.ChecksumType);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Checks an <c>x-amz-checksum-*</c> header of the request, the client's checksum of the whole object, against the one computed from the parts.</summary>
    /// <exception cref="S3Exception"><c>BadDigest</c>: malformed, or different.</exception>
    private static void CheckObjectChecksum(S3RequestContext context, ChecksumValue? computed)
    {
        foreach (var algorithm in Checksums.All)
        {
            if (context.Header(Checksums.HeaderName(algorithm)) is not { } sent)
            {
                continue;
            }

            var value = sent.Split('-')[0];
            if (!Checksums.IsWellFormed(algorithm, value))
            {
                throw new S3Exception(S3Error.BadDigest, $"The {Checksums.Name(algorithm)} you specified is not a valid {Checksums.Name(algorithm)} value: '{sent}'.");
            }

            if (computed is not null && (computed.Algorithm != algorithm || computed.Base64.Split('-')[0] != value))
            {
                throw new S3Exception(S3Error.BadDigest, $"The {Checksums.Name(algorithm)} you specified did not match the calculated checksum.");
            }
        }
    }
}

/// <summary>AbortMultipartUpload (https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html).</summary>
internal sealed class AbortMultipartUploadOperation : S3Operation
{
    public override string Name => "AbortMultipartUpload";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var uploadId = context.Query.Get("uploadId") ?? throw new S3Exception(S3Error.NoSuchUpload);
        await bucket.AbortMultipartUploadAsync(key, uploadId, context.Aborted).ConfigureAwait(false);
        context.Service.Multipart.Remove(uploadId);
        context.Response.StatusCode = 204;
    }
}

/// <summary>ListParts (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html).</summary>
internal sealed class ListPartsOperation : S3Operation
{
    public override string Name => "ListParts";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var uploadId = context.Query.Get("uploadId") ?? throw new S3Exception(S3Error.NoSuchUpload);
        var marker = context.Query.GetInt("part-number-marker", 0);
        var maxParts = context.Query.GetInt("max-parts", 1000);
        var result = await bucket.ListPartsAsync(new ListPartsRequest { Key = key, UploadId = uploadId, PartNumberMarker = marker, MaxParts = maxParts }, context.Aborted).ConfigureAwait(false);
        var upload = context.Service.Multipart.Get(uploadId);
        var storageClass = bucket.ListMultipartUploads(new ListMultipartUploadsRequest { Prefix = key }, context.Aborted).Uploads.FirstOrDefault(u => u.UploadId == uploadId)?.StorageClass ?? StorageClass.Standard;
        await S3Xml.WriteAsync(context.Response, "ListPartsResult", writer =>
        {
            writer.Element("Bucket", bucket.BucketName);
            writer.Element("Key", key);
            writer.Element("UploadId", uploadId);
            writer.Owner(context.Service.Account, "Initiator");
            writer.Owner(context.Service.Account);
            writer.Element("StorageClass", storageClass.Name);
            writer.Element("PartNumberMarker", marker);
            writer.Element("NextPartNumberMarker", result.NextPartNumberMarker ?? (result.Parts.Count > 0 ? result.Parts[^1].PartNumber : 0));
            writer.Element("MaxParts", maxParts);
            writer.Element("IsTruncated", result.IsTruncated);
            if (upload?.Algorithm is { } algorithm)
            {
                writer.Element("ChecksumAlgorithm", Checksums.Name(algorithm));
                writer.Element("ChecksumType", upload.ChecksumType);
            }

            foreach (var part in result.Parts)
            {
                writer.WriteStartElement("Part");
                writer.Element("PartNumber", part.PartNumber);
                writer.Element("LastModified", part.LastModified);
                writer.Element("ETag", part.ETag.Value);
                writer.Element("Size", part.Size);
                if (upload is not null && upload.Parts.TryGetValue(part.PartNumber, out var stored))
                {
                    writer.Element(stored.Checksum.ElementName, stored.Checksum.Base64);
                }

                writer.WriteEndElement();
            }
        }).ConfigureAwait(false);
    }
}

/// <summary>The <c>uploadId</c> and <c>partNumber</c> of UploadPart and UploadPartCopy.</summary>
internal static class PartAddress
{
    public static (string UploadId, int PartNumber) Of(S3RequestContext context)
    {
        var uploadId = context.Query.Get("uploadId") ?? throw new S3Exception(S3Error.InvalidArgument, "This operation needs the uploadId parameter.").With("ArgumentName", "uploadId");
        var text = context.Query.Get("partNumber");
        if (text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) || partNumber is < 1 or > 10_000)
        {
            throw new S3Exception(S3Error.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive").With("ArgumentName", "partNumber").With("ArgumentValue", text);
        }

        return (uploadId, partNumber);
    }
}
