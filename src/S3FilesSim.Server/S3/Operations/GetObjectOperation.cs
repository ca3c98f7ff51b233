using System.Globalization;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>GetObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): a version or the latest, a byte
/// range or a part (<c>partNumber</c>), the <c>If-*</c> preconditions, <c>response-*</c> overrides; the body streamed from
/// the bucket's storage without a copy.</summary>
internal sealed class GetObjectOperation : S3Operation
{
    public override string Name => "GetObject";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var (bucket, key, metadata, range) = await ObjectRead.StartAsync(context).ConfigureAwait(false);
        using var result = await bucket.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = metadata.VersionId, Range = range.Range }, context.Aborted).ConfigureAwait(false);
        if (result.Object is not { } read)
        {
            throw ObjectHeaders.NotFound(context, result, context.VersionIdParameter());
        }

        var response = context.Response;
        ObjectHeaders.WriteObject(context, read, bucket, overrides: true, wholeObject: !range.IsPartial, range.PartNumber);
        response.ContentLength = result.ContentLength;
        if (range.IsPartial)
        {
            response.StatusCode = 206;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {result.RangeStart}-{result.RangeStart + result.ContentLength - 1}/{read.ContentLength}");
        }

        if (range.PartCount is { } parts)
        {
            response.Headers["x-amz-mp-parts-count"] = parts.ToString(CultureInfo.InvariantCulture);
        }

        await ObjectBody.CopyAsync(result.Body, result.ContentLength, response, context.Aborted).ConfigureAwait(false);
    }
}

/// <summary>Streams an object body to the response in large writes straight into the response pipe.</summary>
internal static class ObjectBody
{
    private const int WriteBytes = 256 * 1024;

    public static async Task CopyAsync(Stream body, long length, Microsoft.AspNetCore.Http.HttpResponse response, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        var remaining = length;
        while (remaining > 0)
        {
            var memory = writer.GetMemory((int)Math.Min(WriteBytes, remaining));
            var read = await body.ReadAsync(memory[..(int)Math.Min(memory.Length, remaining)], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidOperationException($"The object body ended {remaining} bytes early.");
            }

            writer.Advance(read);
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }
}

/// <summary>The bytes of an object a GET or HEAD asks for: a <c>Range</c> header (one range, as S3 supports) or a
/// <c>partNumber</c> of a multipart object.</summary>
internal readonly record struct ObjectRange(ByteRange? Range, bool IsPartial, int? PartCount, int? PartNumber = null)
{
    /// <exception cref="S3Exception"><c>InvalidRange</c> (416) for an unsatisfiable range; <c>InvalidPart</c> (400) for a part the object lacks.</exception>
    public static ObjectRange Of(S3RequestContext context, InMemoryObjectStore bucket, ObjectMetadata metadata)
    {
        if (context.Query.Get("partNumber") is { } partText)
        {
            var part = context.Query.GetInt("partNumber", 1, min: 1, max: 10_000);
            var sizes = bucket.GetObjectPartSizes(metadata.Key, metadata.VersionId);
            var count = sizes?.Count ?? 1;
            if (part > count)
            {
                throw new S3Exception(S3Error.InvalidPart, "The requested partnumber is not satisfiable")
                    .With("PartNumberRequested", partText).With("ActualPartCount", count.ToString(CultureInfo.InvariantCulture));
            }

            if (sizes is null)
            {
                return new ObjectRange(null, false, 1, part);
            }

            var first = sizes.Take(part - 1).Sum();
            return new ObjectRange(sizes[part - 1] == 0 ? null : ByteRange.Between(first, first + sizes[part - 1] - 1), sizes[part - 1] > 0, sizes.Count, part);
        }

        if (context.Header("Range") is not { } header)
        {
            return new ObjectRange(null, false, null);
        }

        ByteRange range;
        try
        {
            range = ByteRange.Parse(header);
        }
        catch (FormatException)
        {
            return new ObjectRange(null, false, null);
        }

        if (!range.TryResolve(metadata.ContentLength, out _, out _))
        {
            throw new S3Exception(S3Error.InvalidRange)
                .With("RangeRequested", header)
                .With("ActualObjectSize", metadata.ContentLength.ToString(CultureInfo.InvariantCulture));
        }

        return new ObjectRange(range, true, null);
    }
}
