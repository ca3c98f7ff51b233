using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Auth;

namespace S3FilesSim.Server.S3.Body;

/// <summary>A request body read into the bucket's own storage, with the checksum the client asked S3 to check.</summary>
/// <param name="Content">The bytes, as immutable content the store keeps without copying.</param>
/// <param name="Checksum">The additional checksum (<c>x-amz-checksum-*</c>) the client sent and S3 verified, if any.</param>
internal sealed record ReceivedBody(ObjectContent Content, ChecksumValue? Checksum);

/// <summary>
/// Reads request bodies the way S3 does: plain (Content-Length) or <c>aws-chunked</c> (<c>x-amz-decoded-content-length</c>,
/// chunk signatures, trailing checksums), streamed straight into the store's storage, then verified: the length,
/// <c>Content-MD5</c>, <c>x-amz-checksum-*</c> (header or trailer) and a hex <c>x-amz-content-sha256</c>.
/// </summary>
/// <remarks>Errors: <c>MissingContentLength</c> (411), <c>IncompleteBody</c>, <c>InvalidDigest</c>, <c>BadDigest</c>,
/// <c>XAmzContentSHA256Mismatch</c>, <c>InvalidRequest</c> (a malformed or duplicated checksum),
/// <c>EntityTooLarge</c>, <c>SignatureDoesNotMatch</c> (a chunk signature). Nothing reaches the bucket before
/// every check passed. See https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html.</remarks>
internal static class RequestBody
{
    /// <summary>Reads an object or part body; computes the checksum of <paramref name="algorithm"/> when the client sent none (a part of an upload created with a checksum algorithm).</summary>
    public static async Task<ReceivedBody> ReadObjectAsync(S3RequestContext context, ChecksumAlgorithm? algorithm = null)
    {
        var plan = Plan(context, requireLength: true, maxUnknownLength: S3Limits.MaxSinglePutBytes, headerChecksums: true, computeAlgorithm: algorithm);
        if (plan.Length is { } length)
        {
            S3Limits.CheckUploadSize(length);
        }

        var content = await ReceiveAsync(context, plan).ConfigureAwait(false);

        var checksum = await plan.FinishAsync(context, content).ConfigureAwait(false);
        return new ReceivedBody(content, checksum);
    }

    /// <summary>Reads a small body (an XML document) of at most <paramref name="maxBytes"/>, with the same checks; the
    /// <c>x-amz-checksum-*</c> headers are checked against it unless they describe something else (CompleteMultipartUpload's object).</summary>
    /// <exception cref="S3Exception"><c>MalformedXML</c> when longer than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadSmallAsync(S3RequestContext context, int maxBytes, bool headerChecksums = true)
    {
        var plan = Plan(context, requireLength: false, maxUnknownLength: maxBytes, headerChecksums, computeAlgorithm: null);
        if (plan.Length > maxBytes)
        {
            throw new S3Exception(S3Error.MalformedXml, $"The request document is {plan.Length} bytes long; at most {maxBytes} are read.");
        }

        var content = await ReceiveAsync(context, plan).ConfigureAwait(false);

        await plan.FinishAsync(context, content).ConfigureAwait(false);
        return content.ToArray();
    }

    /// <summary>Receives the whole body <paramref name="plan"/> describes: a body that ends early is <c>IncompleteBody</c>,
    /// one Kestrel rejects (a bad chunk, a lying Content-Length) the error S3 answers for it.</summary>
    private static async Task<ObjectContent> ReceiveAsync(S3RequestContext context, BodyPlan plan)
    {
        try
        {
            return await ObjectContent.FromStreamAsync(plan.Stream, plan.Length, context.Aborted).ConfigureAwait(false);
        }
        catch (EndOfStreamException exception)
        {
            throw new S3Exception(S3Error.IncompleteBody, innerException: exception);
        }
        catch (BadHttpRequestException exception)
        {
            throw S3ErrorResponse.From(exception);
        }
    }

    /// <summary>Works out how to read the body: its length (<see langword="null"/> for an HTTP-chunked body of unknown length,
    /// which is read to its end but not past <paramref name="maxUnknownLength"/>), the decoder and the digests to check.</summary>
    private static BodyPlan Plan(S3RequestContext context, bool requireLength, long maxUnknownLength, bool headerChecksums, ChecksumAlgorithm? computeAlgorithm)
    {
        var contentSha256 = context.Header("x-amz-content-sha256");
        // aws-chunked framing is announced by a STREAMING-* payload hash, or by Content-Encoding: aws-chunked together with
        // x-amz-decoded-content-length (a Content-Encoding alone only names how the stored bytes are encoded).
        var chunked = contentSha256?.StartsWith("STREAMING-", StringComparison.Ordinal) == true
            || ((context.Header("Content-Encoding")?.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase) ?? false) && context.Header("x-amz-decoded-content-length") is not null);
        byte[]? expectedSha256 = null;
        if (contentSha256 is not null && !chunked && contentSha256 != SigV4.UnsignedPayload)
        {
            expectedSha256 = contentSha256.Length == 64 && IsHex(contentSha256)
                ? Convert.FromHexString(contentSha256)
                : throw new S3Exception(S3Error.InvalidArgument, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.")
                    .With("ArgumentName", "x-amz-content-sha256").With("ArgumentValue", contentSha256);
        }

        long? length;
        if (chunked)
        {
            var decoded = context.Header("x-amz-decoded-content-length");
            if (decoded is null || !long.TryParse(decoded, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var decodedLength))
            {
                throw new S3Exception(S3Error.MissingContentLength, "You must provide the x-amz-decoded-content-length header with an aws-chunked body.");
            }

            length = decodedLength;
        }
        else if (context.Request.ContentLength is { } contentLength)
        {
            length = contentLength;
        }
        else if (context.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            length = null;
        }
        else
        {
            length = requireLength ? throw new S3Exception(S3Error.MissingContentLength) : 0;
        }

        ChecksumAlgorithm? trailerAlgorithm = null;
        var expected = headerChecksums ? ExpectedChecksum(context, out trailerAlgorithm) : null;
        var md5 = ContentMd5(context);
        var signing = contentSha256 is SigV4.StreamingSignedPayload or SigV4.StreamingSignedPayloadTrailer ? context.Signing : null;
        Stream stream = context.Request.Body;
        var decoder = chunked ? new AwsChunkedStream(stream, signing) : null;
        stream = decoder ?? stream;
        var algorithm = expected?.Algorithm ?? trailerAlgorithm ?? computeAlgorithm;
        var hasher = algorithm is { } a ? Checksums.CreateHasher(a) : null;
        var sha256 = expectedSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (hasher is not null || sha256 is not null || length is null)
        {
            stream = new HashingStream(stream, hasher, sha256, length is null ? maxUnknownLength : long.MaxValue);
        }

        return new BodyPlan(stream, length, decoder, expected, trailerAlgorithm, hasher, md5, sha256, expectedSha256);
    }

    /// <summary>Returns the checksum sent in an <c>x-amz-checksum-*</c> header, or announces the one coming in the trailer.</summary>
    private static ChecksumValue? ExpectedChecksum(S3RequestContext context, out ChecksumAlgorithm? trailerAlgorithm)
    {
        trailerAlgorithm = null;
        ChecksumValue? expected = null;
        foreach (var algorithm in Checksums.All)
        {
            if (context.Header(Checksums.HeaderName(algorithm)) is not { } value)
            {
                continue;
            }

            if (expected is not null)
            {
                throw new S3Exception(S3Error.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }

            expected = Checksums.IsWellFormed(algorithm, value)
                ? new ChecksumValue(algorithm, value)
                : throw new S3Exception(S3Error.BadDigest, $"The {Checksums.Name(algorithm)} you specified is not a valid {Checksums.Name(algorithm)} value: '{value}'.");
        }

        if (context.Header("x-amz-trailer") is { } trailer)
        {
            trailerAlgorithm = Checksums.ParseHeaderName(trailer.Trim())
                ?? throw new S3Exception(S3Error.InvalidRequest, $"The value specified in the x-amz-trailer header is not supported: '{trailer}'.");
            if (expected is not null)
            {
                throw new S3Exception(S3Error.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
        }

        if (expected is null && trailerAlgorithm is null && context.Header("x-amz-sdk-checksum-algorithm") is { } sdkAlgorithm && Checksums.ParseName(sdkAlgorithm) is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, $"Value for x-amz-sdk-checksum-algorithm header is invalid: '{sdkAlgorithm}'.");
        }

        return expected;
    }

    private static byte[]? ContentMd5(S3RequestContext context)
    {
        if (context.Header("Content-MD5") is not { } value)
        {
            return null;
        }

        var md5 = new byte[24];
        return Convert.TryFromBase64String(value, md5, out var written) && written == 16
            ? md5[..16]
            : throw new S3Exception(S3Error.InvalidDigest).With("Content-MD5", value);
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record BodyPlan(
        Stream Stream,
        long? Length,
        AwsChunkedStream? Decoder,
        ChecksumValue? ExpectedChecksum,
        ChecksumAlgorithm? TrailerAlgorithm,
        ChecksumHasher? Hasher,
        byte[]? ContentMd5,
        IncrementalHash? Sha256,
        byte[]? ExpectedSha256)
    {
        /// <summary>Reads the rest of an aws-chunked body and checks every digest; returns the verified checksum.</summary>
        public async Task<ChecksumValue?> FinishAsync(S3RequestContext context, ObjectContent content)
        {
            try
            {
                if (Decoder is not null && await Decoder.DrainAsync(context.Aborted).ConfigureAwait(false))
                {
                    throw new S3Exception(S3Error.IncompleteBody, "The aws-chunked body holds more bytes than x-amz-decoded-content-length.");
                }
            }
            catch (BadHttpRequestException exception)
            {
                throw S3ErrorResponse.From(exception);
            }

            if (ContentMd5 is not null && !string.Equals(content.ComputeETag().Unquoted, Convert.ToHexStringLower(ContentMd5), StringComparison.Ordinal))
            {
                throw new S3Exception(S3Error.BadDigest).With("ExpectedDigest", Convert.ToHexStringLower(ContentMd5));
            }

            if (Sha256 is not null)
            {
                var computed = Sha256.GetHashAndReset();
                Sha256.Dispose();
                if (!computed.AsSpan().SequenceEqual(ExpectedSha256))
                {
                    throw new S3Exception(S3Error.XAmzContentSha256Mismatch)
                        .With("ClientComputedContentSHA256", Convert.ToHexStringLower(ExpectedSha256!))
                        .With("S3ComputedContentSHA256", Convert.ToHexStringLower(computed));
                }
            }

            if (Hasher is null)
            {
                return null;
            }

            var actual = Hasher.Finish();
            Hasher.Dispose();
            var expected = ExpectedChecksum;
            if (expected is null && TrailerAlgorithm is { } trailerAlgorithm)
            {
                var header = Checksums.HeaderName(trailerAlgorithm);
                expected = Decoder?.Trailers.TryGetValue(header, out var value) == true
                    ? Checksums.IsWellFormed(trailerAlgorithm, value) ? new ChecksumValue(trailerAlgorithm, value) : throw new S3Exception(S3Error.BadDigest, $"The {Checksums.Name(trailerAlgorithm)} in the trailing header {header} is not a valid value: '{value}'.")
                    : throw new S3Exception(S3Error.InvalidRequest, $"The x-amz-trailer header names {header}, but the body has no such trailing header.");
            }

            if (expected is not null && expected.Base64 != actual.Base64)
            {
                throw new S3Exception(S3Error.BadDigest, $"The {Checksums.Name(actual.Algorithm)} you specified did not match the calculated checksum.");
            }

            return actual;
        }
    }

    /// <summary>Feeds every byte read through the checksum and SHA-256 being computed, and stops a body past <paramref name="maxLength"/>.</summary>
    private sealed class HashingStream(Stream inner, ChecksumHasher? checksum, IncrementalHash? sha256, long maxLength) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The request body is read asynchronously.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _read += read;
            if (_read > maxLength)
            {
                throw new S3Exception(S3Error.EntityTooLarge).With("MaxSizeAllowed", maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            checksum?.Append(buffer.Span[..read]);
            sha256?.AppendData(buffer.Span[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
