using Amazon.S3.Model;

namespace S3FilesSim.Aws;

/// <summary>The body of a GetObject response, read straight from the HTTP connection; disposing it releases the response.</summary>
internal sealed class ResponseBodyStream(GetObjectResponse response) : Stream
{
    private readonly Stream _inner = response.ResponseStream;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => response.ContentLength;

    public override long Position
    {
        get => throw new NotSupportedException("The object body is read from the network and cannot seek.");
        set => throw new NotSupportedException("The object body is read from the network and cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The object body is read from the network and cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("The object body stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The object body stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
