using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>DeleteObjects (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html): up to 1,000 keys or
/// versions, each with its own result; <c>Quiet</c> reports only the errors.</summary>
internal sealed class DeleteObjectsOperation : S3Operation
{
    public override string Name => "DeleteObjects";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var document = await S3Xml.ReadAsync(context).ConfigureAwait(false);
        if (document.Name.LocalName != "Delete")
        {
            throw new S3Exception(S3Error.MalformedXml);
        }

        var quiet = string.Equals(document.Child("Quiet"), "true", StringComparison.OrdinalIgnoreCase);
        var items = document.Children("Object").Select(o =>
        {
            var key = o.Child("Key") ?? throw new S3Exception(S3Error.MalformedXml);
            var version = o.Child("VersionId") is { Length: > 0 } v ? new VersionId(v) : (VersionId?)null;
            return new ObjectIdentifier(key, DeleteTarget.VersionOf(bucket, version));
        }).ToList();
        if (items.Count is 0 or > 1000)
        {
            throw new S3Exception(S3Error.MalformedXml, $"The XML you provided was not well-formed or did not validate against our published schema: a Delete request names 1 to 1000 objects; it named {items.Count}.");
        }

        var result = await bucket.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = items }, context.Aborted).ConfigureAwait(false);
        var unversioned = bucket.VersioningStatus == BucketVersioningStatus.Unversioned;
        await S3Xml.WriteAsync(context.Response, "DeleteResult", writer =>
        {
            if (!quiet)
            {
                foreach (var deleted in result.Deleted)
                {
                    writer.WriteStartElement("Deleted");
                    writer.Element("Key", deleted.Key);
                    writer.Element("VersionId", unversioned && deleted.VersionId is { IsNull: true } ? null : deleted.VersionId?.Value);
                    if (deleted.DeleteMarker)
                    {
                        writer.Element("DeleteMarker", true);
                        writer.Element("DeleteMarkerVersionId", deleted.DeleteMarkerVersionId?.Value);
                    }

                    writer.WriteEndElement();
                }
            }

            foreach (var error in result.Errors)
            {
                writer.WriteStartElement("Error");
                writer.Element("Key", error.Key);
                writer.Element("VersionId", error.VersionId?.Value);
                writer.Element("Code", error.Code);
                writer.Element("Message", error.Message);
                writer.WriteEndElement();
            }
        }).ConfigureAwait(false);
    }
}
