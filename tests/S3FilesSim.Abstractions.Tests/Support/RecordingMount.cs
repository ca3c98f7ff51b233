using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions.Tests.Support;

/// <summary>A mount that passes every call to an inner mount, records its name, and with <see cref="Deferred"/> completes
/// each call only once <see cref="Release"/> is called (as a mount over a remote bucket completes later), so the adapter's
/// waits can be observed deterministically.</summary>
public sealed class RecordingMount(S3FilesSim.FileSystem.IFileSystem inner) : S3FilesSim.FileSystem.IFileSystem
{
    private readonly List<string> _calls = [];

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets a value indicating whether calls wait for <see cref="Release"/> before they run.</summary>
    public bool Deferred { get; set; }

    /// <summary>Lets every deferred call (waiting or future) run.</summary>
    public void Release() => _gate.TrySetResult();

    /// <summary>Gets the names of the calls made, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public string FileSystemId => inner.FileSystemId;

    public PosixUser User => inner.User;

    public bool IsReadOnly => inner.IsReadOnly;

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public ValueTask<FileHandle> OpenAsync(string path, OpenFlags flags, UnixFileMode mode = DefaultModes.File, int processId = 0, CancellationToken cancellationToken = default) => Call("OpenAsync", () => inner.OpenAsync(path, flags, mode, processId, cancellationToken));

    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default) => Call("ReadAsync", () => inner.ReadAsync(handle, buffer, offset, cancellationToken));

    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default) => Call("ReadAsync", () => inner.ReadAsync(handle, buffer, cancellationToken));

    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default) => Call("WriteAsync", () => inner.WriteAsync(handle, data, offset, cancellationToken));

    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => Call("WriteAsync", () => inner.WriteAsync(handle, data, cancellationToken));

    public ValueTask<long> SeekAsync(FileHandle handle, long offset, SeekOrigin origin, CancellationToken cancellationToken = default) => Call("SeekAsync", () => inner.SeekAsync(handle, offset, origin, cancellationToken));

    public ValueTask TruncateAsync(string path, long length, CancellationToken cancellationToken = default) => Call("TruncateAsync", () => inner.TruncateAsync(path, length, cancellationToken));

    public ValueTask TruncateAsync(FileHandle handle, long length, CancellationToken cancellationToken = default) => Call("TruncateAsync", () => inner.TruncateAsync(handle, length, cancellationToken));

    public ValueTask FsyncAsync(FileHandle handle, CancellationToken cancellationToken = default) => Call("FsyncAsync", () => inner.FsyncAsync(handle, cancellationToken));

    public ValueTask CloseAsync(FileHandle handle, CancellationToken cancellationToken = default) => Call("CloseAsync", () => inner.CloseAsync(handle, cancellationToken));

    public ValueTask<FileStatus> StatAsync(string path, CancellationToken cancellationToken = default) => Call("StatAsync", () => inner.StatAsync(path, cancellationToken));

    public ValueTask<FileStatus> LstatAsync(string path, CancellationToken cancellationToken = default) => Call("LstatAsync", () => inner.LstatAsync(path, cancellationToken));

    public ValueTask<FileStatus> FstatAsync(FileHandle handle, CancellationToken cancellationToken = default) => Call("FstatAsync", () => inner.FstatAsync(handle, cancellationToken));

    public ValueTask ChmodAsync(string path, UnixFileMode mode, CancellationToken cancellationToken = default) => Call("ChmodAsync", () => inner.ChmodAsync(path, mode, cancellationToken));

    public ValueTask ChownAsync(string path, uint? uid, uint? gid, bool followSymlinks = true, CancellationToken cancellationToken = default) => Call("ChownAsync", () => inner.ChownAsync(path, uid, gid, followSymlinks, cancellationToken));

    public ValueTask SetTimesAsync(string path, TimeUpdate accessTime, TimeUpdate modificationTime, bool followSymlinks = true, CancellationToken cancellationToken = default) => Call("SetTimesAsync", () => inner.SetTimesAsync(path, accessTime, modificationTime, followSymlinks, cancellationToken));

    public ValueTask AccessAsync(string path, AccessMode mode, CancellationToken cancellationToken = default) => Call("AccessAsync", () => inner.AccessAsync(path, mode, cancellationToken));

    public ValueTask MkdirAsync(string path, UnixFileMode mode = DefaultModes.Directory, CancellationToken cancellationToken = default) => Call("MkdirAsync", () => inner.MkdirAsync(path, mode, cancellationToken));

    public ValueTask MknodAsync(string path, FileType type, UnixFileMode mode = DefaultModes.File, CancellationToken cancellationToken = default) => Call("MknodAsync", () => inner.MknodAsync(path, type, mode, cancellationToken));

    public ValueTask RmdirAsync(string path, CancellationToken cancellationToken = default) => Call("RmdirAsync", () => inner.RmdirAsync(path, cancellationToken));

    public ValueTask<IReadOnlyList<DirectoryEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default) => Call("ReadDirectoryAsync", () => inner.ReadDirectoryAsync(path, cancellationToken));

    public ValueTask UnlinkAsync(string path, CancellationToken cancellationToken = default) => Call("UnlinkAsync", () => inner.UnlinkAsync(path, cancellationToken));

    public ValueTask RenameAsync(string oldPath, string newPath, RenameFlags flags = RenameFlags.None, CancellationToken cancellationToken = default) => Call("RenameAsync", () => inner.RenameAsync(oldPath, newPath, flags, cancellationToken));

    public ValueTask SymlinkAsync(string target, string linkPath, CancellationToken cancellationToken = default) => Call("SymlinkAsync", () => inner.SymlinkAsync(target, linkPath, cancellationToken));

    public ValueTask<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default) => Call("ReadLinkAsync", () => inner.ReadLinkAsync(path, cancellationToken));

    public ValueTask LinkAsync(string existingPath, string newPath, CancellationToken cancellationToken = default) => Call("LinkAsync", () => inner.LinkAsync(existingPath, newPath, cancellationToken));

    public ValueTask<FileSystemStatistics> StatFsAsync(string path, CancellationToken cancellationToken = default) => Call("StatFsAsync", () => inner.StatFsAsync(path, cancellationToken));

    public ValueTask<byte[]> GetExtendedAttributeAsync(string path, string name, CancellationToken cancellationToken = default) => Call("GetExtendedAttributeAsync", () => inner.GetExtendedAttributeAsync(path, name, cancellationToken));

    public ValueTask SetExtendedAttributeAsync(string path, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => Call("SetExtendedAttributeAsync", () => inner.SetExtendedAttributeAsync(path, name, value, cancellationToken));

    public ValueTask<IReadOnlyList<string>> ListExtendedAttributesAsync(string path, CancellationToken cancellationToken = default) => Call("ListExtendedAttributesAsync", () => inner.ListExtendedAttributesAsync(path, cancellationToken));

    public ValueTask SetLockAsync(FileHandle handle, FileLock request, bool wait = false, CancellationToken cancellationToken = default) => Call("SetLockAsync", () => inner.SetLockAsync(handle, request, wait, cancellationToken));

    public ValueTask<FileLock?> GetLockAsync(FileHandle handle, FileLock request, CancellationToken cancellationToken = default) => Call("GetLockAsync", () => inner.GetLockAsync(handle, request, cancellationToken));

    public ValueTask FlockAsync(FileHandle handle, FlockOperation operation, bool wait = false, CancellationToken cancellationToken = default) => Call("FlockAsync", () => inner.FlockAsync(handle, operation, wait, cancellationToken));

    private async ValueTask<T> Call<T>(string name, Func<ValueTask<T>> call)
    {
        Record(name);
        if (Deferred)
        {
            await _gate.Task.ConfigureAwait(false);
        }

        return await call().ConfigureAwait(false);
    }

    private async ValueTask Call(string name, Func<ValueTask> call)
    {
        Record(name);
        if (Deferred)
        {
            await _gate.Task.ConfigureAwait(false);
        }

        await call().ConfigureAwait(false);
    }

    private void Record(string name)
    {
        lock (_calls)
        {
            _calls.Add(name);
        }
    }
}
