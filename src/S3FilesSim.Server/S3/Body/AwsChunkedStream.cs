using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using S3FilesSim.Server.S3.Auth;

namespace S3FilesSim.Server.S3.Body;

/// <summary>
/// Decodes an <c>aws-chunked</c> request body: <c>hex-size[;chunk-signature=sig]\r\n data \r\n</c> ... a zero-size
/// chunk, then optional trailing headers (<c>x-amz-checksum-*</c>, <c>x-amz-trailer-signature</c>) and an empty line.
/// Verifies every chunk signature and the trailer signature when the request was signed with keys configured.
/// </summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html. A body that ends early, or a malformed
/// chunk header, throws <c>IncompleteBody</c>; a wrong signature throws <c>SignatureDoesNotMatch</c>.</remarks>
internal sealed class AwsChunkedStream : Stream
{
    private const int MaxLineBytes = 4096;
    private const int MaxTrailers = 16;
    private readonly Stream _inner;
    private readonly SigningContext? _signing;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private int _start;
    private int _end;
    private long _chunkRemaining;
    private bool _inChunk;
    private bool _done;
    private string? _previousSignature;
    private string? _chunkSignature;
    private IncrementalHash? _chunkHash;
    private long _decoded;

    /// <param name="inner">The raw request body.</param>
    /// <param name="signing">The request's signing context when chunk signatures must be verified; <see langword="null"/> otherwise.</param>
    public AwsChunkedStream(Stream inner, SigningContext? signing)
    {
        _inner = inner;
        _signing = signing;
        _previousSignature = signing?.SeedSignature;
        _chunkHash = signing is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>Gets the trailing headers, once the body has been read to its end.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    /// <summary>Gets the number of decoded bytes read so far.</summary>
    public long DecodedLength => _decoded;

    /// <summary>Gets a value indicating whether the final chunk and the trailers have been read.</summary>
    public bool IsComplete => _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _decoded;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The request body is read asynchronously.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_done || destination.IsEmpty)
            {
                return 0;
            }

            if (_chunkRemaining == 0)
            {
                await NextChunkAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var wanted = (int)Math.Min(destination.Length, _chunkRemaining);
            int read;
            if (_end > _start)
            {
                read = Math.Min(wanted, _end - _start);
                _buffer.AsSpan(_start, read).CopyTo(destination.Span);
                _start += read;
            }
            else
            {
                read = await _inner.ReadAsync(destination[..wanted], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw Incomplete("the body ended inside a chunk");
                }
            }

            _chunkHash?.AppendData(destination.Span[..read]);
            _chunkRemaining -= read;
            _decoded += read;
            return read;
        }
    }

    /// <summary>Reads to the end of the body (the final chunk and trailers) and returns whether any decoded byte was left.</summary>
    public async ValueTask<bool> DrainAsync(CancellationToken cancellationToken)
    {
        var extra = false;
        var scratch = new byte[4096];
        while (await ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0)
        {
            extra = true;
        }

        return extra;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunkHash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static S3Exception Incomplete(string what) =>
        new(S3Error.IncompleteBody, $"You did not provide the number of bytes specified by the Content-Length HTTP header: {what}.");

    private async ValueTask NextChunkAsync(CancellationToken cancellationToken)
    {
        if (_inChunk)
        {
            var end = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (end!.Length != 0)
            {
                throw Incomplete("a chunk is longer than its declared size");
            }

            VerifyChunk();
            _inChunk = false;
        }

        var header = (await ReadLineAsync(cancellationToken).ConfigureAwait(false))!;
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var sizeText = (semicolon < 0 ? header : header[..semicolon]).Trim();
        if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
        {
            throw Incomplete($"the chunk header '{Truncate(header)}' is not a hex size");
        }

        _chunkSignature = null;
        if (semicolon >= 0)
        {
            foreach (var extension in header[(semicolon + 1)..].Split(';', StringSplitOptions.TrimEntries))
            {
                if (extension.StartsWith("chunk-signature=", StringComparison.Ordinal))
                {
                    _chunkSignature = extension["chunk-signature=".Length..];
                }
            }
        }

        if (size > 0)
        {
            _chunkRemaining = size;
            _inChunk = true;
            return;
        }

        VerifyChunk();
        await ReadTrailersAsync(cancellationToken).ConfigureAwait(false);
        _done = true;
    }

    /// <summary>Checks the signature of the chunk just read (when verifying) and starts the next chunk's hash.</summary>
    private void VerifyChunk()
    {
        if (_signing is null || _chunkHash is null)
        {
            return;
        }

        var hash = _chunkHash.GetHashAndReset();
        var expected = _signing.ChunkSignature(_previousSignature!, hash);
        if (_chunkSignature is null || !SigV4.SignaturesEqual(expected, _chunkSignature))
        {
            throw new S3Exception(S3Error.SignatureDoesNotMatch, "The chunk signature we calculated does not match the signature you provided.")
                .With("SignatureProvided", _chunkSignature ?? string.Empty);
        }

        _previousSignature = expected;
    }

    private async ValueTask ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var signed = new StringBuilder();
        string? trailerSignature = null;
        for (var count = 0; ; count++)
        {
            if (count > MaxTrailers)
            {
                throw new S3Exception(S3Error.InvalidRequest, "The request has too many trailing headers.");
            }

            var line = await ReadLineAsync(cancellationToken, allowEnd: true).ConfigureAwait(false);
            if (line is null || line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Incomplete($"the trailing header '{Truncate(line)}' is malformed");
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
                continue;
            }

            _trailers[name] = value;
            signed.Append(name).Append(':').Append(value).Append('\n');
        }

        if (_signing is not null && _previousSignature is not null && (trailerSignature is not null || _trailers.Count > 0))
        {
            var expected = _signing.TrailerSignature(_previousSignature, signed.ToString());
            if (trailerSignature is null || !SigV4.SignaturesEqual(expected, trailerSignature))
            {
                throw new S3Exception(S3Error.SignatureDoesNotMatch, "The trailer signature we calculated does not match the signature you provided.")
                    .With("SignatureProvided", trailerSignature ?? string.Empty);
            }
        }
    }

    /// <summary>Reads one CRLF-terminated line (without it); at the end of the body returns <see langword="null"/> when <paramref name="allowEnd"/>, else throws.</summary>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken, bool allowEnd = false)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineLength = newline > 0 && available[newline - 1] == '\r' ? newline - 1 : newline;
                var line = Encoding.ASCII.GetString(available[..lineLength]);
                _start += newline + 1;
                return line;
            }

            if (_end - _start >= MaxLineBytes)
            {
                throw Incomplete("a chunk header or trailer line is longer than 4 KiB");
            }

            if (_start > 0)
            {
                available.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await _inner.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (allowEnd && _end == _start)
                {
                    return null;
                }

                throw Incomplete("the body ended before its final chunk");
            }

            _end += read;
        }
    }

    private static string Truncate(string text) => text.Length > 64 ? text[..64] + "..." : text;
}
