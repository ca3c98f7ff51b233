using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>GetObjectAttributes (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html): the
/// attributes named by <c>x-amz-object-attributes</c> (ETag, Checksum, ObjectParts, StorageClass, ObjectSize).</summary>
internal sealed class GetObjectAttributesOperation : S3Operation
{
    private static readonly string[] Known = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"];

    public override string Name => "GetObjectAttributes";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var versionId = context.VersionIdParameter();
        var requested = (context.Request.Headers["x-amz-object-attributes"].ToString())
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        if (requested.Count == 0 || requested.Any(a => !Known.Contains(a, StringComparer.Ordinal)))
        {
            throw new S3Exception(S3Error.InvalidArgument, "Invalid attribute name specified.").With("ArgumentName", "x-amz-object-attributes");
        }

        var maxParts = context.Header("x-amz-max-parts") is { } maxText && int.TryParse(maxText, out var m) ? Math.Clamp(m, 0, 1000) : 1000;
        var partMarker = context.Header("x-amz-part-number-marker") is { } markerText && int.TryParse(markerText, out var p) ? Math.Max(p, 0) : 0;
        var head = await bucket.HeadObjectAsync(new HeadObjectRequest { Key = key, VersionId = versionId }, context.Aborted).ConfigureAwait(false);
        if (head.Object is not { } metadata)
        {
            throw ObjectHeaders.NotFound(context, head, versionId);
        }

        var extra = context.Service.Extras.Get(metadata);
        var partSizes = requested.Contains("ObjectParts") ? bucket.GetObjectPartSizes(key, metadata.VersionId) : null;
        context.Response.Headers.LastModified = S3Xml.HttpDate(metadata.LastModified);
        ObjectHeaders.WriteVersionId(context, bucket, metadata.VersionId);
        await S3Xml.WriteAsync(context.Response, "GetObjectAttributesResponse", writer =>
        {
            if (requested.Contains("ETag"))
            {
                writer.Element("ETag", metadata.ETag.Unquoted);
            }

            if (requested.Contains("Checksum") && extra.Checksum is { } checksum)
            {
                writer.WriteStartElement("Checksum");
                writer.Element(checksum.ElementName, checksum.Base64);
                writer.Element("ChecksumType", extra.ChecksumType);
                writer.WriteEndElement();
            }

            if (partSizes is not null)
            {
                var page = partSizes.Select((size, index) => (Number: index + 1, Size: size)).Where(part => part.Number > partMarker).Take(maxParts).ToList();
                var truncated = page.Count > 0 && page[^1].Number < partSizes.Count;
                writer.WriteStartElement("ObjectParts");
                writer.Element("PartsCount", partSizes.Count);
                writer.Element("PartNumberMarker", partMarker);
                writer.Element("NextPartNumberMarker", page.Count > 0 ? page[^1].Number : partMarker);
                writer.Element("MaxParts", maxParts);
                writer.Element("IsTruncated", truncated);
                foreach (var (number, size) in page)
                {
                    writer.WriteStartElement("Part");
                    writer.Element("PartNumber", number);
                    writer.Element("Size", size);
                    if (extra.PartChecksums is { } partChecksums && number <= partChecksums.Count)
                    {
                        writer.Element(partChecksums[number - 1].ElementName, partChecksums[number - 1].Base64);
                    }
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            if (requested.Contains("StorageClass"))
            {
                writer.Element("StorageClass", metadata.StorageClass.Name);
            }

            if (requested.Contains("ObjectSize"))
            {
                writer.Element("ObjectSize", metadata.ContentLength);
            }
        }).ConfigureAwait(false);
    }
}
