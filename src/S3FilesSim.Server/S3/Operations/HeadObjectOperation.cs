using System.Globalization;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>HeadObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html): GetObject's headers without
/// the body; errors are a bare status.</summary>
internal sealed class HeadObjectOperation : S3Operation
{
    public override string Name => "HeadObject";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var (bucket, key, metadata, range) = await ObjectRead.StartAsync(context).ConfigureAwait(false);
        ObjectHeaders.WriteObject(context, metadata, bucket, overrides: false, wholeObject: !range.IsPartial, range.PartNumber);
        var length = metadata.ContentLength;
        if (range.Range is { } byteRange && byteRange.TryResolve(metadata.ContentLength, out var offset, out var count))
        {
            length = count;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {offset}-{offset + count - 1}/{metadata.ContentLength}");
        }

        if (range.PartCount is { } parts)
        {
            context.Response.Headers["x-amz-mp-parts-count"] = parts.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentLength = length;
    }
}
