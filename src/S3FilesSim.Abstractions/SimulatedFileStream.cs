using System.IO.Abstractions;

namespace S3FilesSim.Abstractions;

/// <summary>The <see cref="FileSystemStream"/> the adapter returns: a <see cref="MountStream"/> named by its full path.</summary>
internal sealed class SimulatedFileStream : FileSystemStream
{
    private readonly MountStream _stream;

    public SimulatedFileStream(MountStream stream, bool isAsync)
        : base(stream, stream.Path, isAsync)
    {
        _stream = stream;
    }

    /// <summary>FileStream.Flush(flushToDisk): <see langword="true"/> is fsync(2), so other mounts see the bytes.</summary>
    public override void Flush(bool flushToDisk) => _stream.Flush(flushToDisk);

    /// <summary>Closes asynchronously (the base class would block in <see cref="Stream.Dispose()"/>).</summary>
    public override async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        Dispose();
    }

    public override string ToString() => Name;
}
