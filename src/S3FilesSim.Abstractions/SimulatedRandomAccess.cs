using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace S3FilesSim.Abstractions;

/// <summary><c>RandomAccess</c> works on operating-system handles only; every member throws <see cref="NotSupportedException"/>
/// (use a <see cref="FileSystemStream"/>'s Seek, Read and Write instead).</summary>
internal sealed class SimulatedRandomAccess(SimulatedFileSystem fileSystem) : IRandomAccess
{
    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public void FlushToDisk(SafeFileHandle handle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public long GetLength(SafeFileHandle handle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public int Read(SafeFileHandle handle, Span<byte> buffer, long fileOffset) => throw SimulatedFileSystem.NoSafeFileHandle();

    public long Read(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) => throw SimulatedFileSystem.NoSafeFileHandle();

    public ValueTask<int> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) =>
        throw SimulatedFileSystem.NoSafeFileHandle();

    public ValueTask<long> ReadAsync(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) =>
        throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetLength(SafeFileHandle handle, long length) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> buffer, long fileOffset) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) => throw SimulatedFileSystem.NoSafeFileHandle();

    public ValueTask WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) =>
        throw SimulatedFileSystem.NoSafeFileHandle();

    public ValueTask WriteAsync(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) =>
        throw SimulatedFileSystem.NoSafeFileHandle();
}
