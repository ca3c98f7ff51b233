using System.Globalization;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>RestoreObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html): starts a restore of an
/// archived version (202), or extends a restored copy (200); the restore completes after the bucket's restore delay in
/// virtual time. S3 Select restores are not modelled.</summary>
internal sealed class RestoreObjectOperation : S3Operation
{
    public override string Name => "RestoreObject";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var versionId = context.VersionIdParameter();
        var days = 1;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            var document = await S3Xml.ReadAsync(context).ConfigureAwait(false);
            if (document.Name.LocalName != "RestoreRequest")
            {
                throw new S3Exception(S3Error.MalformedXml);
            }

            if (document.Child("Type") is "SELECT" || document.Children("SelectParameters").Any() || document.Children("OutputLocation").Any())
            {
                throw new S3Exception(S3Error.NotImplemented, "RestoreObject with SELECT is not implemented: S3FilesSim's buckets do not model S3 Select.").With("Operation", Name);
            }

            if (document.Child("Days") is { } daysText && !int.TryParse(daysText, NumberStyles.Integer, CultureInfo.InvariantCulture, out days))
            {
                throw new S3Exception(S3Error.MalformedXml);
            }
        }

        var status = await bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = key, VersionId = versionId, Days = days }, context.Aborted).ConfigureAwait(false);
        context.Response.StatusCode = status == RestoreObjectStatus.Started ? 202 : 200;
        context.Response.ContentLength = 0;
    }
}
