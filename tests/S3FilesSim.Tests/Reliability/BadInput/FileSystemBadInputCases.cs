using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using static S3FilesSim.Tests.Reliability.BadInput.BadInputCase;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>
/// Hostile input to every <see cref="IFileSystem"/> call: malformed and unresolvable paths through every path-taking
/// call, invalid offsets, lengths, flags, modes, times and lock ranges, closed and foreign handles, access-mode
/// mismatches, permission and read-only failures, cancelled calls and calls on an unmounted mount.
/// </summary>
/// <remarks>Errnos follow the Linux NFS v4.2 client (path_resolution(7), open(2), pread(2), lseek(2), fcntl(2), getxattr(2), setxattr(2)).</remarks>
internal static class FileSystemBadInputCases
{
    private const long MaxFileSize = FileSystemOptions.DefaultMaxFileSizeBytes;
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private delegate Task PathCall(BadInputWorld world, string path);

    public static IEnumerable<BadInputCase> All() =>
        PathMatrix().Concat(FinalSymlinkLoops()).Concat(AccessPointEscapes()).Concat(HandleMatrix()).Concat(Offsets())
            .Concat(OpenFlagsAndModes()).Concat(EntryRules()).Concat(Locks()).Concat(ExtendedAttributes())
            .Concat(Permissions()).Concat(ReadOnlyMount()).Concat(Cancelled()).Concat(UnmountedPaths())
            .Concat(Extensions()).Concat(Streams());

    /// <summary>Every path-taking call, with the path in each position it can take.</summary>
    private static IEnumerable<(string Call, PathCall Act)> PathCalls() =>
    [
        ("open(O_RDONLY)", (w, p) => w.Root.OpenAsync(p, OpenFlags.ReadOnly).AsTask()),
        ("open(O_CREAT|O_WRONLY)", (w, p) => w.Root.OpenAsync(p, OpenFlags.Create | OpenFlags.WriteOnly).AsTask()),
        ("truncate", (w, p) => w.Root.TruncateAsync(p, 0).AsTask()),
        ("stat", (w, p) => w.Root.StatAsync(p).AsTask()),
        ("lstat", (w, p) => w.Root.LstatAsync(p).AsTask()),
        ("chmod", (w, p) => w.Root.ChmodAsync(p, Mode600).AsTask()),
        ("chown", (w, p) => w.Root.ChownAsync(p, 5, 5).AsTask()),
        ("lchown", (w, p) => w.Root.ChownAsync(p, 5, 5, followSymlinks: false).AsTask()),
        ("utimensat", (w, p) => w.Root.SetTimesAsync(p, TimeUpdate.Now, TimeUpdate.Now).AsTask()),
        ("access", (w, p) => w.Root.AccessAsync(p, AccessMode.Read).AsTask()),
        ("mkdir", (w, p) => w.Root.MkdirAsync(p).AsTask()),
        ("rmdir", (w, p) => w.Root.RmdirAsync(p).AsTask()),
        ("readdir", (w, p) => w.Root.ReadDirectoryAsync(p).AsTask()),
        ("unlink", (w, p) => w.Root.UnlinkAsync(p).AsTask()),
        ("rename(old)", (w, p) => w.Root.RenameAsync(p, "/dir/renamed").AsTask()),
        ("rename(new)", (w, p) => w.Root.RenameAsync("/dir/file.txt", p).AsTask()),
        ("symlink(linkpath)", (w, p) => w.Root.SymlinkAsync("/file", p).AsTask()),
        ("readlink", (w, p) => w.Root.ReadLinkAsync(p).AsTask()),
        ("link(old)", (w, p) => w.Root.LinkAsync(p, "/dir/hard").AsTask()),
        ("link(new)", (w, p) => w.Root.LinkAsync("/file", p).AsTask()),
        ("statfs", (w, p) => w.Root.StatFsAsync(p).AsTask()),
        ("getxattr", (w, p) => w.Root.GetExtendedAttributeAsync(p, "user.s3files.status").AsTask()),
        ("setxattr", (w, p) => w.Root.SetExtendedAttributeAsync(p, "user.note", BadInputWorld.Bytes("x")).AsTask()),
        ("listxattr", (w, p) => w.Root.ListExtendedAttributesAsync(p).AsTask()),
    ];

    /// <summary>Paths that fail during resolution, the same way for every call, except where Linux gives a call-specific errno.</summary>
    private static IEnumerable<(string Name, string Path, string Errno, IReadOnlyDictionary<string, string> Overrides)> HostilePaths()
    {
        var none = new Dictionary<string, string>();
        var createsSeeTheEntry = new Dictionary<string, string>
        {
            ["open(O_CREAT|O_WRONLY)"] = "EISDIR",
            ["mkdir"] = "EEXIST",
            ["symlink(linkpath)"] = "EEXIST",
            ["link(new)"] = "EEXIST",
        };
        yield return ("empty path", string.Empty, "ENOENT", none);
        yield return ("relative name", "file", "EINVAL", none);
        yield return ("relative path", "dir/file.txt", "EINVAL", none);
        yield return ("dot-relative path", "./file", "EINVAL", none);
        yield return ("NUL inside a name", "/dir/fi\0le.txt", "EINVAL", none);
        yield return ("NUL at the end", "/file\0", "EINVAL", none);
        yield return ("lone high surrogate in a name", "/bad\uD800name", "EINVAL", none);
        yield return ("lone low surrogate as a name", "/dir/\uDC00", "EINVAL", none);
        yield return ("reversed surrogate pair", "/\uDC00\uD800", "EINVAL", none);
        yield return ("256-byte name", "/" + new string('a', 256), "ENAMETOOLONG", none);
        yield return ("256-byte name of 2-byte characters", "/dir/" + new string('é', 128), "ENAMETOOLONG", none);
        yield return ("256-byte intermediate name", "/" + new string('b', 256) + "/x", "ENAMETOOLONG", none);
        yield return ("4096-byte path", "/" + string.Concat(Enumerable.Repeat("dir/", 1023)) + "abc", "ENAMETOOLONG", none);
        yield return ("100000-byte path", "/" + new string('c', 100_000), "ENAMETOOLONG", none);
        yield return ("1001 levels", string.Concat(Enumerable.Repeat("/d", 1001)), "ENAMETOOLONG", none);
        yield return ("symlink loop as a directory", "/loop1/x", "ELOOP", none);
        yield return ("self-referencing symlink as a directory", "/self/x", "ELOOP", none);
        yield return ("file as a directory", "/file/x", "ENOTDIR", none);
        yield return ("file as a directory, deeper", "/dir/file.txt/x/y", "ENOTDIR", none);
        yield return ("file then dot-dot", "/dir/file.txt/../file.txt", "ENOTDIR", none);
        yield return ("symlink to a file as a directory", "/link/x", "ENOTDIR", none);
        yield return ("missing parent", "/missing/x", "ENOENT", none);
        yield return ("dangling symlink as a directory", "/dangling/x", "ENOENT", none);
        yield return ("trailing slash on a file", "/file/", "ENOTDIR", createsSeeTheEntry);
        yield return ("trailing slash on a symlink to a file", "/link/", "ENOTDIR", createsSeeTheEntry);
    }

    private static IEnumerable<BadInputCase> PathMatrix() =>
        from path in HostilePaths()
        from call in PathCalls()
        select Returns(
            $"{call.Call} {path.Name}",
            path.Overrides.TryGetValue(call.Call, out var errno) ? errno : path.Errno,
            async w =>
            {
                await call.Act(w, path.Path);
                return Ok;
            });

    private static IEnumerable<BadInputCase> FinalSymlinkLoops()
    {
        foreach (var loop in new[] { "/loop1", "/self" })
        {
            yield return Fails($"open {loop}", "ELOOP", w => w.Root.OpenAsync(loop, OpenFlags.ReadOnly).AsTask());
            yield return Fails($"open(O_CREAT) {loop}", "ELOOP", w => w.Root.OpenAsync(loop, OpenFlags.Create | OpenFlags.WriteOnly).AsTask());
            yield return Fails($"stat {loop}", "ELOOP", w => w.Root.StatAsync(loop).AsTask());
            yield return Fails($"lstat {loop}/ (trailing slash follows)", "ELOOP", w => w.Root.LstatAsync(loop + "/").AsTask());
            yield return Fails($"truncate {loop}", "ELOOP", w => w.Root.TruncateAsync(loop, 0).AsTask());
            yield return Fails($"chmod {loop}", "ELOOP", w => w.Root.ChmodAsync(loop, Mode600).AsTask());
            yield return Fails($"chown {loop}", "ELOOP", w => w.Root.ChownAsync(loop, 1, 1).AsTask());
            yield return Fails($"utimensat {loop}", "ELOOP", w => w.Root.SetTimesAsync(loop, TimeUpdate.Now, TimeUpdate.Now).AsTask());
            yield return Fails($"access {loop}", "ELOOP", w => w.Root.AccessAsync(loop, AccessMode.Exists).AsTask());
            yield return Fails($"readdir {loop}", "ELOOP", w => w.Root.ReadDirectoryAsync(loop).AsTask());
            yield return Fails($"statfs {loop}", "ELOOP", w => w.Root.StatFsAsync(loop).AsTask());
            yield return Fails($"getxattr {loop}", "ELOOP", w => w.Root.GetExtendedAttributeAsync(loop, "user.s3files.status").AsTask());
            yield return Fails($"setxattr {loop}", "ELOOP", w => w.Root.SetExtendedAttributeAsync(loop, "user.note", BadInputWorld.Bytes("x")).AsTask());
            yield return Fails($"listxattr {loop}", "ELOOP", w => w.Root.ListExtendedAttributesAsync(loop).AsTask());
            yield return Fails($"mkdir {loop} (the link exists)", "EEXIST", w => w.Root.MkdirAsync(loop).AsTask());
            yield return Fails($"rmdir {loop} (a link is not a directory)", "ENOTDIR", w => w.Root.RmdirAsync(loop).AsTask());
        }

        yield return Fails("open(O_NOFOLLOW) on a symlink", "ELOOP", w => w.Root.OpenAsync("/link", OpenFlags.ReadOnly | OpenFlags.NoFollow).AsTask());
        yield return Fails("open(O_CREAT|O_EXCL) on a dangling symlink", "EEXIST", w => w.Root.OpenAsync("/dangling", OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.WriteOnly).AsTask());
        yield return Fails("open through 41 chained symlinks", "ELOOP", w => w.Root.OpenAsync("/chain/c0", OpenFlags.ReadOnly).AsTask());
        yield return Fails("stat through 41 chained symlinks", "ELOOP", w => w.Root.StatAsync("/chain/c0").AsTask());
        yield return Returns("stat through 40 chained symlinks", "ok:4", async w => "ok:" + (await w.Root.StatAsync("/chain/c1")).Size);
    }

    private static IEnumerable<BadInputCase> AccessPointEscapes()
    {
        yield return Fails("access point: /../file escapes nowhere", "ENOENT", w => w.AccessPoint.StatAsync("/../file").AsTask());
        yield return Fails("access point: /../../../dir/file.txt", "ENOENT", w => w.AccessPoint.StatAsync("/../../../dir/file.txt").AsTask());
        yield return Fails("access point: /./../secret/x", "ENOENT", w => w.AccessPoint.OpenAsync("/./../secret/x", OpenFlags.ReadOnly).AsTask());
        yield return Fails("access point: relative symlink ../../file", "ENOENT", w => w.AccessPoint.StatAsync("/up").AsTask());
        yield return Fails("access point: absolute symlink /file", "ENOENT", w => w.AccessPoint.StatAsync("/absolute").AsTask());
        yield return Fails("access point: open through relative symlink", "ENOENT", w => w.AccessPoint.OpenAsync("/up", OpenFlags.ReadOnly).AsTask());
        yield return Fails("access point: rmdir /..", "ENOTEMPTY", w => w.AccessPoint.RmdirAsync("/..").AsTask());
        yield return Fails("access point: rmdir / (its root)", "EBUSY", w => w.AccessPoint.RmdirAsync("/").AsTask());
        yield return Fails("access point: rename / away", "EBUSY", w => w.AccessPoint.RenameAsync("/", "/moved").AsTask());
        yield return Fails("access point: rename /.. away", "EBUSY", w => w.AccessPoint.RenameAsync("/..", "/moved").AsTask());
        yield return Fails("access point: unlink /..", "EISDIR", w => w.AccessPoint.UnlinkAsync("/..").AsTask());
        yield return Fails("access point: rename out to /../x", "EBUSY", w => w.AccessPoint.RenameAsync("/inside.txt", "/..").AsTask());
        yield return Returns("access point: /../inside.txt stays inside", "ok:inside", async w => "ok:" + await w.AccessPoint.ReadFileAsync("/../inside.txt"));
    }

    /// <summary>Every handle-taking call with handles this mount never issued or no longer holds.</summary>
    private static IEnumerable<BadInputCase> HandleMatrix()
    {
        var handles = new (string Name, Func<BadInputWorld, FileHandle> Handle)[]
        {
            ("closed handle", w => w.ClosedHandle),
            ("never-issued handle", _ => new FileHandle(987_654_321)),
            ("default handle", _ => default),
            ("negative handle", _ => new FileHandle(-3)),
            ("another mount's handle", w => w.AliceHandle),
            ("another file system's handle of the same value", w => w.OtherFileSystemHandle),
            ("an unmounted mount's handle", w => w.UnmountedHandle),
        };
        var calls = new (string Name, Func<BadInputWorld, FileHandle, Task> Act)[]
        {
            ("pread", (w, h) => w.Root.ReadAsync(h, new byte[4], 0).AsTask()),
            ("read", (w, h) => w.Root.ReadAsync(h, new byte[4]).AsTask()),
            ("pwrite", (w, h) => w.Root.WriteAsync(h, BadInputWorld.Bytes("x"), 0).AsTask()),
            ("write", (w, h) => w.Root.WriteAsync(h, BadInputWorld.Bytes("x")).AsTask()),
            ("lseek", (w, h) => w.Root.SeekAsync(h, 1, SeekOrigin.Begin).AsTask()),
            ("ftruncate", (w, h) => w.Root.TruncateAsync(h, 1).AsTask()),
            ("fsync", (w, h) => w.Root.FsyncAsync(h).AsTask()),
            ("close", (w, h) => w.Root.CloseAsync(h).AsTask()),
            ("fstat", (w, h) => w.Root.FstatAsync(h).AsTask()),
            ("fcntl(F_SETLK)", (w, h) => w.Root.SetLockAsync(h, new FileLock(LockType.Read, 0, 1)).AsTask()),
            ("fcntl(F_GETLK)", (w, h) => w.Root.GetLockAsync(h, new FileLock(LockType.Read, 0, 1)).AsTask()),
            ("flock", (w, h) => w.Root.FlockAsync(h, FlockOperation.Shared).AsTask()),
        };
        return from handle in handles
               from call in calls
               select Fails($"{call.Name} {handle.Name}", "EBADF", w => call.Act(w, handle.Handle(w)));
    }

    private static IEnumerable<BadInputCase> Offsets()
    {
        foreach (var offset in new[] { -1L, -4096L, long.MinValue })
        {
            yield return Fails($"pread offset {offset}", "EINVAL", w => w.Root.ReadAsync(w.ReadWriteHandle, new byte[4], offset).AsTask());
            yield return Fails($"pwrite offset {offset}", "EINVAL", w => w.Root.WriteAsync(w.ReadWriteHandle, BadInputWorld.Bytes("x"), offset).AsTask());
            yield return Fails($"pread offset {offset} on a closed handle (offset checked first)", "EINVAL", w => w.Root.ReadAsync(w.ClosedHandle, new byte[4], offset).AsTask());
            yield return Fails($"ftruncate length {offset}", "EINVAL", w => w.Root.TruncateAsync(w.ReadWriteHandle, offset).AsTask());
            yield return Fails($"truncate length {offset}", "EINVAL", w => w.Root.TruncateAsync("/file", offset).AsTask());
            yield return Fails($"truncate length {offset} on a missing file (length checked first)", "EINVAL", w => w.Root.TruncateAsync("/missing", offset).AsTask());
            yield return Fails($"lseek SEEK_SET {offset}", "EINVAL", w => w.Root.SeekAsync(w.ReadWriteHandle, offset, SeekOrigin.Begin).AsTask());
            yield return Fails($"lseek SEEK_END {offset} - 10 (before the start)", "EINVAL", w => w.Root.SeekAsync(w.ReadWriteHandle, offset == long.MinValue ? offset : offset - 10, SeekOrigin.End).AsTask());
        }

        foreach (var (name, offset) in new[] { ("long.MaxValue", long.MaxValue), ("long.MaxValue - 2", long.MaxValue - 2) })
        {
            yield return Fails($"pread 4 bytes at {name} (offset + count overflows)", "EINVAL", w => w.Root.ReadAsync(w.ReadWriteHandle, new byte[4], offset).AsTask());
            yield return Fails($"pwrite 4 bytes at {name} (offset + count overflows)", "EINVAL", w => w.Root.WriteAsync(w.ReadWriteHandle, BadInputWorld.Bytes("four"), offset).AsTask());
            yield return Fails($"lseek SEEK_CUR {name} (overflows)", "EINVAL", w => w.Root.SeekAsync(w.ReadHandle, offset, SeekOrigin.Current).AsTask());
            yield return Fails($"lseek SEEK_END {name} (overflows)", "EINVAL", w => w.Root.SeekAsync(w.ReadHandle, offset, SeekOrigin.End).AsTask());
            yield return Fails($"ftruncate length {name}", "EFBIG", w => w.Root.TruncateAsync(w.ReadWriteHandle, offset).AsTask());
            yield return Fails($"truncate length {name}", "EFBIG", w => w.Root.TruncateAsync("/file", offset).AsTask());
        }

        yield return Fails("pwrite at 48 TiB", "EFBIG", w => w.Root.WriteAsync(w.ReadWriteHandle, BadInputWorld.Bytes("x"), MaxFileSize).AsTask());
        yield return Fails("pwrite at 48 TiB + 1", "EFBIG", w => w.Root.WriteAsync(w.ReadWriteHandle, BadInputWorld.Bytes("x"), MaxFileSize + 1).AsTask());
        yield return Fails("pwrite at 2^62", "EFBIG", w => w.Root.WriteAsync(w.ReadWriteHandle, BadInputWorld.Bytes("x"), 1L << 62).AsTask());
        yield return Returns("pwrite of 0 bytes at 48 TiB", "ok:0", async w => "ok:" + await w.Root.WriteAsync(w.ReadWriteHandle, ReadOnlyMemory<byte>.Empty, MaxFileSize));
        yield return Returns("pread at 48 TiB reads nothing", "ok:0", async w => "ok:" + await w.Root.ReadAsync(w.ReadWriteHandle, new byte[4], MaxFileSize));
        yield return Returns("pread of 0 bytes at long.MaxValue", "ok:0", async w => "ok:" + await w.Root.ReadAsync(w.ReadWriteHandle, Memory<byte>.Empty, long.MaxValue));
        yield return Fails("ftruncate to 48 TiB + 1", "EFBIG", w => w.Root.TruncateAsync(w.ReadWriteHandle, MaxFileSize + 1).AsTask());
        yield return Fails("truncate to 48 TiB + 1", "EFBIG", w => w.Root.TruncateAsync("/file", MaxFileSize + 1).AsTask());
        yield return Fails("lseek SEEK_SET past 48 TiB", "EINVAL", w => w.Root.SeekAsync(w.ReadWriteHandle, MaxFileSize + 1, SeekOrigin.Begin).AsTask());
        yield return Fails("lseek SEEK_END past 48 TiB", "EINVAL", w => w.Root.SeekAsync(w.ReadWriteHandle, MaxFileSize, SeekOrigin.End).AsTask());
        yield return Fails("lseek with an undefined origin", "EINVAL", w => w.Root.SeekAsync(w.ReadWriteHandle, 0, (SeekOrigin)3).AsTask());
        yield return Fails("lseek with origin -1", "EINVAL", w => w.Root.SeekAsync(w.ReadWriteHandle, 0, (SeekOrigin)(-1)).AsTask());
        yield return Fails("pread on a write-only handle", "EBADF", w => w.Root.ReadAsync(w.WriteHandle, new byte[4], 0).AsTask());
        yield return Fails("read on a write-only handle", "EBADF", w => w.Root.ReadAsync(w.WriteHandle, new byte[4]).AsTask());
        yield return Fails("pwrite on a read-only handle", "EBADF", w => w.Root.WriteAsync(w.ReadHandle, BadInputWorld.Bytes("x"), 0).AsTask());
        yield return Fails("write on a read-only handle", "EBADF", w => w.Root.WriteAsync(w.ReadHandle, BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("write on a read-only append handle", "EBADF", w => w.Root.WriteAsync(w.AppendHandle, BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("ftruncate on a read-only handle", "EINVAL", w => w.Root.TruncateAsync(w.ReadHandle, 0).AsTask());
        yield return Fails("ftruncate on a directory handle", "EINVAL", w => w.Root.TruncateAsync(w.DirectoryHandle, 0).AsTask());
        yield return Fails("pread on a directory handle", "EISDIR", w => w.Root.ReadAsync(w.DirectoryHandle, new byte[4], 0).AsTask());
        yield return Fails("read on a directory handle", "EISDIR", w => w.Root.ReadAsync(w.DirectoryHandle, new byte[4]).AsTask());
        yield return Fails("pwrite on a directory handle", "EBADF", w => w.Root.WriteAsync(w.DirectoryHandle, BadInputWorld.Bytes("x"), 0).AsTask());
        yield return Fails("truncate a directory", "EISDIR", w => w.Root.TruncateAsync("/dir", 0).AsTask());
        yield return Fails("truncate a directory to -1 (length first)", "EINVAL", w => w.Root.TruncateAsync("/dir", -1).AsTask());
    }

    private static IEnumerable<BadInputCase> OpenFlagsAndModes()
    {
        yield return Fails("open O_WRONLY|O_RDWR", "EINVAL", w => w.Root.OpenAsync("/file", OpenFlags.WriteOnly | OpenFlags.ReadWrite).AsTask());
        yield return Fails("open O_WRONLY|O_RDWR on a missing file with O_CREAT", "EINVAL", w => w.Root.OpenAsync("/new", OpenFlags.WriteOnly | OpenFlags.ReadWrite | OpenFlags.Create).AsTask());
        yield return Fails("open O_CREAT|O_DIRECTORY", "EINVAL", w => w.Root.OpenAsync("/new", OpenFlags.Create | OpenFlags.Directory).AsTask());
        yield return Fails("open O_CREAT|O_DIRECTORY on a directory", "EINVAL", w => w.Root.OpenAsync("/dir", OpenFlags.Create | OpenFlags.Directory).AsTask());
        yield return Fails("open O_DIRECTORY on a file", "ENOTDIR", w => w.Root.OpenAsync("/file", OpenFlags.Directory).AsTask());
        yield return Fails("open O_DIRECTORY on a symlink to a file", "ENOTDIR", w => w.Root.OpenAsync("/link", OpenFlags.Directory).AsTask());
        yield return Fails("open O_CREAT|O_EXCL on a file", "EEXIST", w => w.Root.OpenAsync("/file", OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.WriteOnly).AsTask());
        yield return Fails("open O_CREAT|O_EXCL on a directory", "EEXIST", w => w.Root.OpenAsync("/dir", OpenFlags.Create | OpenFlags.Exclusive).AsTask());
        yield return Fails("open O_CREAT|O_EXCL on a symlink", "EEXIST", w => w.Root.OpenAsync("/link", OpenFlags.Create | OpenFlags.Exclusive).AsTask());
        yield return Fails("open O_WRONLY on a directory", "EISDIR", w => w.Root.OpenAsync("/dir", OpenFlags.WriteOnly).AsTask());
        yield return Fails("open O_RDWR on a directory", "EISDIR", w => w.Root.OpenAsync("/dir", OpenFlags.ReadWrite).AsTask());
        yield return Fails("open O_CREAT on a directory", "EISDIR", w => w.Root.OpenAsync("/dir", OpenFlags.Create).AsTask());
        yield return Fails("open O_TRUNC on a directory", "EISDIR", w => w.Root.OpenAsync("/dir", OpenFlags.Truncate).AsTask());
        yield return Fails("open O_CREAT of a name under a file", "ENOTDIR", w => w.Root.OpenAsync("/file/new", OpenFlags.Create | OpenFlags.WriteOnly).AsTask());
        yield return Fails("open O_CREAT with a trailing slash", "EISDIR", w => w.Root.OpenAsync("/new/", OpenFlags.Create | OpenFlags.WriteOnly).AsTask());
        yield return Fails("open a missing file", "ENOENT", w => w.Root.OpenAsync("/missing", OpenFlags.ReadOnly).AsTask());
        yield return Fails("open O_CREAT|O_EXCL the mount root", "EEXIST", w => w.Root.OpenAsync("/", OpenFlags.Create | OpenFlags.Exclusive).AsTask());
        yield return Fails("open O_WRONLY the mount root", "EISDIR", w => w.Root.OpenAsync("/", OpenFlags.WriteOnly).AsTask());
        yield return Fails("open O_DIRECTORY|O_NOFOLLOW on a symlink to a directory", "ELOOP", w => w.Root.OpenAsync("/loop1", OpenFlags.Directory | OpenFlags.NoFollow).AsTask());
    }

    private static IEnumerable<BadInputCase> EntryRules()
    {
        yield return Fails("rmdir /", "EBUSY", w => w.Root.RmdirAsync("/").AsTask());
        yield return Fails("rmdir a non-empty directory", "ENOTEMPTY", w => w.Root.RmdirAsync("/dir").AsTask());
        yield return Fails("rmdir /dir/.", "EINVAL", w => w.Root.RmdirAsync("/dir/.").AsTask());
        yield return Fails("rmdir /dir/..", "ENOTEMPTY", w => w.Root.RmdirAsync("/dir/..").AsTask());
        yield return Fails("rmdir a file", "ENOTDIR", w => w.Root.RmdirAsync("/file").AsTask());
        yield return Fails("rmdir a missing directory", "ENOENT", w => w.Root.RmdirAsync("/missing").AsTask());
        yield return Fails("unlink a directory", "EISDIR", w => w.Root.UnlinkAsync("/dir").AsTask());
        yield return Fails("unlink /", "EISDIR", w => w.Root.UnlinkAsync("/").AsTask());
        yield return Fails("unlink /dir/.", "EISDIR", w => w.Root.UnlinkAsync("/dir/.").AsTask());
        yield return Fails("unlink a missing file", "ENOENT", w => w.Root.UnlinkAsync("/missing").AsTask());
        yield return Fails("mkdir an existing directory", "EEXIST", w => w.Root.MkdirAsync("/dir").AsTask());
        yield return Fails("mkdir an existing file", "EEXIST", w => w.Root.MkdirAsync("/file").AsTask());
        yield return Fails("mkdir /", "EEXIST", w => w.Root.MkdirAsync("/").AsTask());
        yield return Fails("mkdir /dir/.", "EEXIST", w => w.Root.MkdirAsync("/dir/.").AsTask());
        yield return Fails("mkdir /dir/..", "EEXIST", w => w.Root.MkdirAsync("/dir/..").AsTask());
        yield return Fails("mkdir under a missing parent", "ENOENT", w => w.Root.MkdirAsync("/missing/new").AsTask());
        yield return Fails("rename /", "EBUSY", w => w.Root.RenameAsync("/", "/x").AsTask());
        yield return Fails("rename onto /", "EBUSY", w => w.Root.RenameAsync("/file", "/").AsTask());
        yield return Fails("rename onto / with RENAME_NOREPLACE", "EEXIST", w => w.Root.RenameAsync("/file", "/", RenameFlags.NoReplace).AsTask());
        yield return Fails("rename /dir/.", "EBUSY", w => w.Root.RenameAsync("/dir/.", "/x").AsTask());
        yield return Fails("rename a directory into itself", "EINVAL", w => w.Root.RenameAsync("/dir", "/dir/sub/dir").AsTask());
        yield return Fails("rename a directory onto its own child", "EINVAL", w => w.Root.RenameAsync("/dir", "/dir/sub").AsTask());
        yield return Fails("rename a directory onto its non-empty parent", "ENOTEMPTY", w => w.Root.RenameAsync("/dir/sub", "/dir").AsTask());
        yield return Fails("rename a file onto a directory", "EISDIR", w => w.Root.RenameAsync("/file", "/dir/sub").AsTask());
        yield return Fails("rename a directory onto a file", "ENOTDIR", w => w.Root.RenameAsync("/dir/sub", "/file").AsTask());
        yield return Fails("rename a directory onto a non-empty directory", "ENOTEMPTY", w => w.Root.RenameAsync("/secret", "/dir").AsTask());
        yield return Fails("rename with RENAME_NOREPLACE onto a file", "EEXIST", w => w.Root.RenameAsync("/file", "/ro.txt", RenameFlags.NoReplace).AsTask());
        yield return Fails("rename with RENAME_NOREPLACE onto a dangling symlink", "EEXIST", w => w.Root.RenameAsync("/file", "/dangling", RenameFlags.NoReplace).AsTask());
        yield return Fails("rename with undefined flag 2 (RENAME_EXCHANGE)", "EINVAL", w => w.Root.RenameAsync("/file", "/ro.txt", (RenameFlags)2).AsTask());
        yield return Fails("rename with undefined flag 4 (RENAME_WHITEOUT)", "EINVAL", w => w.Root.RenameAsync("/file", "/new", (RenameFlags)4).AsTask());
        yield return Fails("rename with flags -1", "EINVAL", w => w.Root.RenameAsync("/file", "/new", (RenameFlags)(-1)).AsTask());
        yield return Fails("rename a missing file", "ENOENT", w => w.Root.RenameAsync("/missing", "/new").AsTask());
        yield return Fails("rename into a missing directory", "ENOENT", w => w.Root.RenameAsync("/file", "/missing/new").AsTask());
        yield return Fails("rename a file with a trailing slash on the target", "ENOTDIR", w => w.Root.RenameAsync("/file", "/new/").AsTask());
        yield return Fails("readlink a file", "EINVAL", w => w.Root.ReadLinkAsync("/file").AsTask());
        yield return Fails("readlink a directory", "EINVAL", w => w.Root.ReadLinkAsync("/dir").AsTask());
        yield return Fails("readlink /", "EINVAL", w => w.Root.ReadLinkAsync("/").AsTask());
        yield return Fails("link a file (no hard links)", "EPERM", w => w.Root.LinkAsync("/file", "/hard").AsTask());
        yield return Fails("link onto an existing name", "EEXIST", w => w.Root.LinkAsync("/file", "/ro.txt").AsTask());
        yield return Fails("link a missing file", "ENOENT", w => w.Root.LinkAsync("/missing", "/hard").AsTask());
        yield return Fails("symlink an empty target", "ENOENT", w => w.Root.SymlinkAsync(string.Empty, "/new").AsTask());
        yield return Fails("symlink a 4,081-byte target", "ENAMETOOLONG", w => w.Root.SymlinkAsync("/" + new string('t', 4080), "/new").AsTask());
        yield return Fails("symlink a 4,096-byte target", "ENAMETOOLONG", w => w.Root.SymlinkAsync(new string('t', 4096), "/new").AsTask());
        yield return Fails("symlink a target of 2,041 two-byte characters", "ENAMETOOLONG", w => w.Root.SymlinkAsync(new string('é', 2041), "/new").AsTask());
        yield return Fails("symlink a target with NUL", "EINVAL", w => w.Root.SymlinkAsync("/fi\0le", "/new").AsTask());
        yield return Fails("symlink a target with a lone surrogate", "EINVAL", w => w.Root.SymlinkAsync("/fi\uD800le", "/new").AsTask());
        yield return Fails("symlink a null target", nameof(ArgumentNullException), w => w.Root.SymlinkAsync(null!, "/new").AsTask());
        yield return Fails("symlink onto an existing file", "EEXIST", w => w.Root.SymlinkAsync("/file", "/ro.txt").AsTask());
        yield return Fails("symlink onto /", "EEXIST", w => w.Root.SymlinkAsync("/file", "/").AsTask());
        yield return Fails("symlink with a trailing slash on a new name", "ENOENT", w => w.Root.SymlinkAsync("/file", "/new/").AsTask());
        yield return Fails("readdir a file", "ENOTDIR", w => w.Root.ReadDirectoryAsync("/file").AsTask());
        yield return Fails("readdir a missing directory", "ENOENT", w => w.Root.ReadDirectoryAsync("/missing").AsTask());
        yield return Fails("access with undefined mode bit 8", "EINVAL", w => w.Root.AccessAsync("/file", (AccessMode)8).AsTask());
        yield return Fails("access with mode -1", "EINVAL", w => w.Root.AccessAsync("/file", (AccessMode)(-1)).AsTask());
        yield return Fails("utimensat atime nanoseconds 1,000,000,000", "EINVAL", w => w.Root.SetTimesAsync("/file", TimeUpdate.To(new Timespec(1, 1_000_000_000)), TimeUpdate.Omit).AsTask());
        yield return Fails("utimensat mtime nanoseconds -1", "EINVAL", w => w.Root.SetTimesAsync("/file", TimeUpdate.Omit, TimeUpdate.To(new Timespec(1, -1))).AsTask());
        yield return Fails("utimensat mtime nanoseconds long.MaxValue", "EINVAL", w => w.Root.SetTimesAsync("/file", TimeUpdate.Now, TimeUpdate.To(new Timespec(0, long.MaxValue))).AsTask());
        yield return Fails("utimensat seconds that overflow 64-bit nanoseconds", "EINVAL", w => w.Root.SetTimesAsync("/file", TimeUpdate.To(new Timespec(long.MaxValue, 0)), TimeUpdate.Omit).AsTask());
        yield return Fails("utimensat seconds that underflow 64-bit nanoseconds", "EINVAL", w => w.Root.SetTimesAsync("/file", TimeUpdate.Omit, TimeUpdate.To(new Timespec(long.MinValue, 0))).AsTask());
        yield return Fails("utimensat nanoseconds invalid on a missing file (times first)", "EINVAL", w => w.Root.SetTimesAsync("/missing", TimeUpdate.To(new Timespec(0, -5)), TimeUpdate.Omit).AsTask());
        yield return Fails("statfs a missing path", "ENOENT", w => w.Root.StatFsAsync("/missing").AsTask());
        yield return Fails("stat a null path", nameof(ArgumentNullException), w => w.Root.StatAsync(null!).AsTask());
        yield return Fails("open a null path", nameof(ArgumentNullException), w => w.Root.OpenAsync(null!, OpenFlags.ReadOnly).AsTask());
        yield return Fails("mkdir a null path", nameof(ArgumentNullException), w => w.Root.MkdirAsync(null!).AsTask());
        yield return Fails("rename from a null path", nameof(ArgumentNullException), w => w.Root.RenameAsync(null!, "/x").AsTask());
        yield return Fails("rename to a null path", nameof(ArgumentNullException), w => w.Root.RenameAsync("/file", null!).AsTask());
        yield return Fails("truncate a null path", nameof(ArgumentNullException), w => w.Root.TruncateAsync(null!, 0).AsTask());
        yield return Fails("getxattr a null name", nameof(ArgumentNullException), w => w.Root.GetExtendedAttributeAsync("/file", null!).AsTask());
    }

    private static IEnumerable<BadInputCase> Locks()
    {
        yield return Fails("F_SETLK start -1", "EINVAL", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Read, -1, 1)).AsTask());
        yield return Fails("F_SETLK start long.MinValue", "EINVAL", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Write, long.MinValue, 0)).AsTask());
        yield return Fails("F_SETLK negative length reaching before 0", "EINVAL", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Write, 5, -6)).AsTask());
        yield return Fails("F_SETLK length long.MinValue", "EINVAL", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Write, 0, long.MinValue)).AsTask());
        yield return Fails("F_SETLK range past the largest offset", "EOVERFLOW", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Write, long.MaxValue, 2)).AsTask());
        yield return Fails("F_SETLK range of long.MaxValue from 1", "EOVERFLOW", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Write, 2, long.MaxValue)).AsTask());
        yield return Fails("F_SETLK undefined lock type 3", "EINVAL", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock((LockType)3, 0, 1)).AsTask());
        yield return Fails("F_SETLK undefined lock type -1", "EINVAL", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock((LockType)(-1), 0, 1)).AsTask());
        yield return Fails("F_SETLK read lock on a write-only handle", "EBADF", w => w.Root.SetLockAsync(w.WriteHandle, new FileLock(LockType.Read, 0, 1)).AsTask());
        yield return Fails("F_SETLK write lock on a read-only handle", "EBADF", w => w.Root.SetLockAsync(w.ReadHandle, new FileLock(LockType.Write, 0, 1)).AsTask());
        yield return Fails("F_SETLK write lock on a directory handle", "EBADF", w => w.Root.SetLockAsync(w.DirectoryHandle, new FileLock(LockType.Write, 0, 1)).AsTask());
        yield return Fails("F_SETLK conflicting lock of another mount", "EAGAIN", w => w.Alice.SetLockAsync(w.AliceHandle, new FileLock(LockType.Read, 5, 1)).AsTask());
        yield return Fails("F_SETLK conflicting lock, negative length form", "EAGAIN", w => w.Alice.SetLockAsync(w.AliceHandle, new FileLock(LockType.Read, 10, -1)).AsTask());
        yield return Fails("F_GETLK F_UNLCK", "EINVAL", w => w.Root.GetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Unlock, 0, 1)).AsTask());
        yield return Fails("F_GETLK start -1", "EINVAL", w => w.Root.GetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Read, -1, 1)).AsTask());
        yield return Fails("F_GETLK undefined lock type 9", "EINVAL", w => w.Root.GetLockAsync(w.ReadWriteHandle, new FileLock((LockType)9, 0, 1)).AsTask());
        yield return Fails("F_GETLK range past the largest offset", "EOVERFLOW", w => w.Root.GetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Read, long.MaxValue - 1, 3)).AsTask());
        yield return Fails("flock undefined operation 3", "EINVAL", w => w.Root.FlockAsync(w.ReadWriteHandle, (FlockOperation)3).AsTask());
        yield return Fails("flock undefined operation -1", "EINVAL", w => w.Root.FlockAsync(w.ReadWriteHandle, (FlockOperation)(-1)).AsTask());
        yield return Fails("flock LOCK_EX on a read-only handle", "EBADF", w => w.Root.FlockAsync(w.ReadHandle, FlockOperation.Exclusive).AsTask());
        yield return Fails("flock LOCK_EX|LOCK_NB against another mount's lock", "EAGAIN", w => w.Alice.FlockAsync(w.AliceHandle, FlockOperation.Shared).AsTask());
    }

    private static IEnumerable<BadInputCase> ExtendedAttributes()
    {
        yield return Fails("getxattr an unknown name", "ENODATA", w => w.Root.GetExtendedAttributeAsync("/file", "user.other").AsTask());
        yield return Fails("getxattr a status name with a bad suffix", "ENODATA", w => w.Root.GetExtendedAttributeAsync("/file", "user.s3files.status;12x").AsTask());
        yield return Fails("getxattr a status name with an empty suffix", "ENODATA", w => w.Root.GetExtendedAttributeAsync("/file", "user.s3files.status;").AsTask());
        yield return Fails("getxattr an empty name", "ERANGE", w => w.Root.GetExtendedAttributeAsync("/file", string.Empty).AsTask());
        yield return Fails("getxattr a 256-byte name", "ERANGE", w => w.Root.GetExtendedAttributeAsync("/file", "user." + new string('n', 251)).AsTask());
        yield return Fails("getxattr a 256-byte name of 2-byte characters", "ERANGE", w => w.Root.GetExtendedAttributeAsync("/file", new string('é', 128)).AsTask());
        yield return Fails("getxattr a 255-byte unknown name", "ENODATA", w => w.Root.GetExtendedAttributeAsync("/file", "user." + new string('n', 250)).AsTask());
        yield return Fails("getxattr on a missing file", "ENOENT", w => w.Root.GetExtendedAttributeAsync("/missing", "user.s3files.status").AsTask());
        yield return Fails("getxattr a security.* name", "EOPNOTSUPP", w => w.Root.GetExtendedAttributeAsync("/file", "security.capability").AsTask());
        yield return Fails("as Alice: setxattr a trusted.* name on root's file (namespace before permission)", "EOPNOTSUPP", w => w.Alice.SetExtendedAttributeAsync("/file", "trusted.overlay.opaque", BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("getxattr a security.* name on a missing file", "ENOENT", w => w.Root.GetExtendedAttributeAsync("/missing", "security.capability").AsTask());
        yield return Fails("setxattr a system.* name", "EOPNOTSUPP", w => w.Root.SetExtendedAttributeAsync("/file", "system.posix_acl_access", BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("setxattr the status attribute", "ENOTSUPP", w => w.Root.SetExtendedAttributeAsync("/file", "user.s3files.status", BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("setxattr a user attribute", "ENOTSUPP", w => w.Root.SetExtendedAttributeAsync("/file", "user.note", BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("setxattr an empty value", "ENOTSUPP", w => w.Root.SetExtendedAttributeAsync("/dir", "user.note", ReadOnlyMemory<byte>.Empty).AsTask());
        yield return Fails("setxattr an empty name", "ERANGE", w => w.Root.SetExtendedAttributeAsync("/file", string.Empty, BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("setxattr a 256-byte name", "ERANGE", w => w.Root.SetExtendedAttributeAsync("/file", "user." + new string('n', 251), BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("setxattr a 65,537-byte value", "E2BIG", w => w.Root.SetExtendedAttributeAsync("/file", "user.note", new byte[65_537]).AsTask());
        yield return Fails("setxattr a 1 MiB value", "E2BIG", w => w.Root.SetExtendedAttributeAsync("/file", "user.note", new byte[1 << 20]).AsTask());
        yield return Fails("setxattr a 65,537-byte value on a missing file (value first)", "E2BIG", w => w.Root.SetExtendedAttributeAsync("/missing", "user.note", new byte[65_537]).AsTask());
        yield return Fails("setxattr a null name", nameof(ArgumentNullException), w => w.Root.SetExtendedAttributeAsync("/file", null!, BadInputWorld.Bytes("x")).AsTask());
    }

    private static IEnumerable<BadInputCase> Permissions()
    {
        yield return Fails("as Alice: chmod root's file", "EPERM", w => w.Alice.ChmodAsync("/file", Mode600).AsTask());
        yield return Fails("as Alice: chown her file to Bob", "EPERM", w => w.Alice.ChownAsync("/shared/alice.txt", 1001, null).AsTask());
        yield return Fails("as Alice: chgrp her file to a foreign group", "EPERM", w => w.Alice.ChownAsync("/shared/alice.txt", null, 0).AsTask());
        yield return Fails("as Alice: chown root's file", "EPERM", w => w.Alice.ChownAsync("/file", 1000, 1000).AsTask());
        yield return Fails("as Alice: utimensat explicit times on root's file", "EPERM", w => w.Alice.SetTimesAsync("/file", TimeUpdate.To(new Timespec(5, 0)), TimeUpdate.Omit).AsTask());
        yield return Fails("as Alice: utimensat UTIME_NOW on root's read-only file", "EACCES", w => w.Alice.SetTimesAsync("/file", TimeUpdate.Now, TimeUpdate.Now).AsTask());
        yield return Fails("as Alice: open root's file for writing", "EACCES", w => w.Alice.OpenAsync("/file", OpenFlags.WriteOnly).AsTask());
        yield return Fails("as Alice: open O_TRUNC root's file", "EACCES", w => w.Alice.OpenAsync("/file", OpenFlags.ReadOnly | OpenFlags.Truncate).AsTask());
        yield return Fails("as Alice: truncate root's file", "EACCES", w => w.Alice.TruncateAsync("/file", 0).AsTask());
        yield return Fails("as Alice: create in a root directory", "EACCES", w => w.Alice.OpenAsync("/dir/new", OpenFlags.Create | OpenFlags.WriteOnly).AsTask());
        yield return Fails("as Alice: mkdir in a root directory", "EACCES", w => w.Alice.MkdirAsync("/dir/new").AsTask());
        yield return Fails("as Alice: symlink in a root directory", "EACCES", w => w.Alice.SymlinkAsync("/file", "/dir/new").AsTask());
        yield return Fails("as Alice: unlink in a root directory", "EACCES", w => w.Alice.UnlinkAsync("/dir/file.txt").AsTask());
        yield return Fails("as Alice: rmdir in a root directory", "EACCES", w => w.Alice.RmdirAsync("/dir/sub").AsTask());
        yield return Fails("as Alice: rename out of a root directory", "EACCES", w => w.Alice.RenameAsync("/dir/file.txt", "/shared/x").AsTask());
        yield return Fails("as Alice: rename into a root directory", "EACCES", w => w.Alice.RenameAsync("/shared/alice.txt", "/dir/x").AsTask());
        yield return Fails("as Alice: stat through a 0700 directory", "EACCES", w => w.Alice.StatAsync("/secret/x").AsTask());
        yield return Fails("as Alice: readdir a 0700 directory", "EACCES", w => w.Alice.ReadDirectoryAsync("/secret").AsTask());
        yield return Fails("as Alice: getxattr through a 0700 directory", "EACCES", w => w.Alice.GetExtendedAttributeAsync("/secret/x", "user.s3files.status").AsTask());
        yield return Fails("as Alice: setxattr root's file", "EACCES", w => w.Alice.SetExtendedAttributeAsync("/file", "user.note", BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("as Alice: access W_OK on root's file", "EACCES", w => w.Alice.AccessAsync("/file", AccessMode.Write).AsTask());
        yield return Fails("as Alice: access X_OK on root's file", "EACCES", w => w.Alice.AccessAsync("/file", AccessMode.Execute).AsTask());
        yield return Fails("as Alice: link in a root directory", "EACCES", w => w.Alice.LinkAsync("/file", "/dir/hard").AsTask());
    }

    private static IEnumerable<BadInputCase> ReadOnlyMount()
    {
        yield return Fails("ro mount: open O_WRONLY", "EROFS", w => w.ReadOnly.OpenAsync("/file", OpenFlags.WriteOnly).AsTask());
        yield return Fails("ro mount: open O_RDONLY|O_TRUNC", "EROFS", w => w.ReadOnly.OpenAsync("/file", OpenFlags.ReadOnly | OpenFlags.Truncate).AsTask());
        yield return Fails("ro mount: open O_CREAT a new file", "EROFS", w => w.ReadOnly.OpenAsync("/new", OpenFlags.Create | OpenFlags.WriteOnly).AsTask());
        yield return Fails("ro mount: truncate", "EROFS", w => w.ReadOnly.TruncateAsync("/file", 0).AsTask());
        yield return Fails("ro mount: chmod", "EROFS", w => w.ReadOnly.ChmodAsync("/file", Mode600).AsTask());
        yield return Fails("ro mount: chown", "EROFS", w => w.ReadOnly.ChownAsync("/file", 1, 1).AsTask());
        yield return Fails("ro mount: utimensat", "EROFS", w => w.ReadOnly.SetTimesAsync("/file", TimeUpdate.Now, TimeUpdate.Now).AsTask());
        yield return Fails("ro mount: access W_OK", "EROFS", w => w.ReadOnly.AccessAsync("/file", AccessMode.Write).AsTask());
        yield return Fails("ro mount: mkdir", "EROFS", w => w.ReadOnly.MkdirAsync("/new").AsTask());
        yield return Fails("ro mount: rmdir", "EROFS", w => w.ReadOnly.RmdirAsync("/dir/sub").AsTask());
        yield return Fails("ro mount: unlink", "EROFS", w => w.ReadOnly.UnlinkAsync("/file").AsTask());
        yield return Fails("ro mount: rename", "EROFS", w => w.ReadOnly.RenameAsync("/file", "/new").AsTask());
        yield return Fails("ro mount: symlink", "EROFS", w => w.ReadOnly.SymlinkAsync("/file", "/new").AsTask());
        yield return Fails("ro mount: link", "EROFS", w => w.ReadOnly.LinkAsync("/file", "/new").AsTask());
        yield return Fails("ro mount: setxattr", "EROFS", w => w.ReadOnly.SetExtendedAttributeAsync("/file", "user.note", BadInputWorld.Bytes("x")).AsTask());
        yield return Fails("ro mount: mkdir an existing directory", "EEXIST", w => w.ReadOnly.MkdirAsync("/dir").AsTask());
        yield return Fails("ro mount: unlink a missing file (EROFS before the lookup)", "EROFS", w => w.ReadOnly.UnlinkAsync("/missing").AsTask());
    }

    /// <summary>Every call with a token cancelled before the call: nothing happens.</summary>
    private static IEnumerable<BadInputCase> Cancelled()
    {
        var cancelled = new CancellationToken(canceled: true);
        var calls = new (string Name, Func<BadInputWorld, Task> Act)[]
        {
            ("open(O_CREAT)", w => w.Root.OpenAsync("/new", OpenFlags.Create | OpenFlags.WriteOnly, cancellationToken: cancelled).AsTask()),
            ("pread", w => w.Root.ReadAsync(w.ReadWriteHandle, new byte[4], 0, cancelled).AsTask()),
            ("read", w => w.Root.ReadAsync(w.ReadHandle, new byte[4], cancelled).AsTask()),
            ("pwrite", w => w.Root.WriteAsync(w.ReadWriteHandle, BadInputWorld.Bytes("x"), 0, cancelled).AsTask()),
            ("write", w => w.Root.WriteAsync(w.WriteHandle, BadInputWorld.Bytes("x"), cancelled).AsTask()),
            ("lseek", w => w.Root.SeekAsync(w.ReadHandle, 0, SeekOrigin.Begin, cancelled).AsTask()),
            ("truncate", w => w.Root.TruncateAsync("/file", 0, cancelled).AsTask()),
            ("ftruncate", w => w.Root.TruncateAsync(w.ReadWriteHandle, 0, cancelled).AsTask()),
            ("fsync", w => w.Root.FsyncAsync(w.WriteHandle, cancelled).AsTask()),
            ("close", w => w.Root.CloseAsync(w.WriteHandle, cancelled).AsTask()),
            ("stat", w => w.Root.StatAsync("/file", cancelled).AsTask()),
            ("lstat", w => w.Root.LstatAsync("/file", cancelled).AsTask()),
            ("fstat", w => w.Root.FstatAsync(w.ReadHandle, cancelled).AsTask()),
            ("chmod", w => w.Root.ChmodAsync("/file", Mode600, cancelled).AsTask()),
            ("chown", w => w.Root.ChownAsync("/file", 1, 1, cancellationToken: cancelled).AsTask()),
            ("utimensat", w => w.Root.SetTimesAsync("/file", TimeUpdate.Now, TimeUpdate.Now, cancellationToken: cancelled).AsTask()),
            ("access", w => w.Root.AccessAsync("/file", AccessMode.Read, cancelled).AsTask()),
            ("mkdir", w => w.Root.MkdirAsync("/new", cancellationToken: cancelled).AsTask()),
            ("rmdir", w => w.Root.RmdirAsync("/dir/sub", cancelled).AsTask()),
            ("readdir", w => w.Root.ReadDirectoryAsync("/", cancelled).AsTask()),
            ("unlink", w => w.Root.UnlinkAsync("/file", cancelled).AsTask()),
            ("rename", w => w.Root.RenameAsync("/file", "/new", cancellationToken: cancelled).AsTask()),
            ("symlink", w => w.Root.SymlinkAsync("/file", "/new", cancelled).AsTask()),
            ("readlink", w => w.Root.ReadLinkAsync("/link", cancelled).AsTask()),
            ("link", w => w.Root.LinkAsync("/file", "/new", cancelled).AsTask()),
            ("statfs", w => w.Root.StatFsAsync("/", cancelled).AsTask()),
            ("getxattr", w => w.Root.GetExtendedAttributeAsync("/file", "user.s3files.status", cancelled).AsTask()),
            ("setxattr", w => w.Root.SetExtendedAttributeAsync("/file", "user.note", BadInputWorld.Bytes("x"), cancelled).AsTask()),
            ("listxattr", w => w.Root.ListExtendedAttributesAsync("/file", cancelled).AsTask()),
            ("fcntl(F_SETLK)", w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Unlock, 0, 0), cancellationToken: cancelled).AsTask()),
            ("fcntl(F_GETLK)", w => w.Root.GetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Read, 0, 0), cancelled).AsTask()),
            ("flock", w => w.Root.FlockAsync(w.ReadWriteHandle, FlockOperation.Exclusive, cancellationToken: cancelled).AsTask()),
        };
        return calls.Select(call => Fails($"{call.Name} with a cancelled token", nameof(OperationCanceledException), call.Act));
    }

    private static IEnumerable<BadInputCase> UnmountedPaths()
    {
        var calls = new (string Name, Func<IFileSystem, Task> Act)[]
        {
            ("open", m => m.OpenAsync("/file", OpenFlags.ReadOnly).AsTask()),
            ("open(O_CREAT)", m => m.OpenAsync("/new", OpenFlags.Create | OpenFlags.WriteOnly).AsTask()),
            ("stat", m => m.StatAsync("/file").AsTask()),
            ("mkdir", m => m.MkdirAsync("/new").AsTask()),
            ("unlink", m => m.UnlinkAsync("/file").AsTask()),
            ("rename", m => m.RenameAsync("/file", "/new").AsTask()),
            ("truncate", m => m.TruncateAsync("/file", 0).AsTask()),
            ("readdir", m => m.ReadDirectoryAsync("/").AsTask()),
        };
        foreach (var call in calls)
        {
            yield return Fails($"unmounted mount: {call.Name}", nameof(ObjectDisposedException), w => call.Act(w.Unmounted));
        }

        yield return Fails("unmounted mount: read its own handle", "EBADF", w => w.Unmounted.ReadAsync(w.UnmountedHandle, new byte[4], 0).AsTask());
        yield return Fails("unmounted mount: close its own handle", "EBADF", w => w.Unmounted.CloseAsync(w.UnmountedHandle).AsTask());
    }

    /// <summary>The <see cref="FileSystemExtensions"/> helpers: invalid modes, and the errnos of the calls they make.</summary>
    private static IEnumerable<BadInputCase> Extensions()
    {
        var combinations = new (FileMode Mode, FileAccess Access, string Expected)[]
        {
            (FileMode.CreateNew, FileAccess.Read, nameof(ArgumentException)),
            (FileMode.Create, FileAccess.Read, nameof(ArgumentException)),
            (FileMode.Truncate, FileAccess.Read, nameof(ArgumentException)),
            (FileMode.Append, FileAccess.Read, nameof(ArgumentException)),
            (FileMode.Append, FileAccess.ReadWrite, nameof(ArgumentException)),
            ((FileMode)0, FileAccess.Read, nameof(ArgumentOutOfRangeException)),
            ((FileMode)99, FileAccess.Write, nameof(ArgumentOutOfRangeException)),
            (FileMode.Open, (FileAccess)0, nameof(ArgumentOutOfRangeException)),
            (FileMode.Open, (FileAccess)8, nameof(ArgumentOutOfRangeException)),
            (FileMode.CreateNew, FileAccess.Write, "EEXIST"),
            (FileMode.Open, FileAccess.Write, "EISDIR"),
        };
        foreach (var (mode, access, expected) in combinations)
        {
            var path = expected == "EISDIR" ? "/dir" : "/file";
            yield return Fails($"OpenStream {path} {mode} {access}", expected, w => Run(() => w.Root.OpenStream(path, mode, access).Dispose()));
        }

        yield return Fails("OpenStream a missing file", "ENOENT", w => Run(() => w.Root.OpenStream("/missing", FileMode.Open, FileAccess.Read).Dispose()));
        yield return Fails("OpenStream a null path", nameof(ArgumentNullException), w => Run(() => w.Root.OpenStream(null!, FileMode.Open, FileAccess.Read).Dispose()));
        yield return Fails("ReadAllBytesAsync a directory", "EISDIR", w => w.Root.ReadAllBytesAsync("/dir"));
        yield return Fails("ReadAllBytesAsync a missing file", "ENOENT", w => w.Root.ReadAllBytesAsync("/missing"));
        yield return Fails("ReadAllTextAsync a symlink loop", "ELOOP", w => w.Root.ReadAllTextAsync("/loop1"));
        yield return Fails("ReadAllTextAsync a relative path", "EINVAL", w => w.Root.ReadAllTextAsync("file"));
        yield return Fails("WriteAllBytesAsync a directory", "EISDIR", w => w.Root.WriteAllBytesAsync("/dir", BadInputWorld.Bytes("x")));
        yield return Fails("WriteAllTextAsync under a missing parent", "ENOENT", w => w.Root.WriteAllTextAsync("/missing/x", "x"));
        yield return Fails("WriteAllTextAsync with a trailing slash", "EISDIR", w => w.Root.WriteAllTextAsync("/new/", "x"));
        yield return Fails("WriteAllTextAsync a 256-byte name", "ENAMETOOLONG", w => w.Root.WriteAllTextAsync("/" + new string('n', 256), "x"));
        yield return Fails("AppendAllTextAsync a directory", "EISDIR", w => w.Root.AppendAllTextAsync("/dir", "x"));
        yield return Fails("AppendAllTextAsync as Alice to root's file", "EACCES", w => w.Alice.AppendAllTextAsync("/file", "x"));
        yield return Fails("CreateDirectoriesAsync through a file", "ENOTDIR", w => w.Root.CreateDirectoriesAsync("/file/x/y"));
        yield return Fails("CreateDirectoriesAsync onto a file", "EEXIST", w => w.Root.CreateDirectoriesAsync("/dir/file.txt"));
        yield return Fails("CreateDirectoriesAsync through a symlink loop", "ELOOP", w => w.Root.CreateDirectoriesAsync("/loop1/x"));
        yield return Fails("CreateDirectoriesAsync on a read-only mount", "EROFS", w => w.ReadOnly.CreateDirectoriesAsync("/dir/new/deeper"));
        yield return Fails("DeleteRecursiveAsync /", "EBUSY", w => w.Root.DeleteRecursiveAsync("/"));
        yield return Fails("DeleteRecursiveAsync /.", "EBUSY", w => w.Root.DeleteRecursiveAsync("/."));
        yield return Fails("DeleteRecursiveAsync //./", "EBUSY", w => w.Root.DeleteRecursiveAsync("//./"));
        yield return Fails("DeleteRecursiveAsync through a file", "ENOTDIR", w => w.Root.DeleteRecursiveAsync("/file/x"));
        yield return Fails("DeleteRecursiveAsync on a read-only mount", "EROFS", w => w.ReadOnly.DeleteRecursiveAsync("/dir"));
        yield return Fails("DeleteRecursiveAsync as Alice in a root directory", "EACCES", w => w.Alice.DeleteRecursiveAsync("/dir/sub"));
        yield return Fails("EnumerateEntriesAsync a file", "ENOTDIR", async w =>
        {
            await foreach (var entry in w.Root.EnumerateEntriesAsync("/file"))
            {
                throw new InvalidOperationException($"listed {entry.Path}");
            }
        });
    }

    /// <summary>A <see cref="FileSystemStream"/> over a fresh handle, used the ways <see cref="Stream"/> forbids.</summary>
    private static IEnumerable<BadInputCase> Streams()
    {
        var misuses = new (string Name, FileMode Mode, FileAccess Access, Action<Stream> Act, string Expected)[]
        {
            ("Write on a read-only stream", FileMode.Open, FileAccess.Read, s => s.Write([1]), nameof(NotSupportedException)),
            ("Read on a write-only stream", FileMode.Open, FileAccess.Write, s => s.ReadByte(), nameof(NotSupportedException)),
            ("SetLength on a read-only stream", FileMode.Open, FileAccess.Read, s => s.SetLength(0), nameof(NotSupportedException)),
            ("SetLength -1", FileMode.Open, FileAccess.ReadWrite, s => s.SetLength(-1), nameof(ArgumentOutOfRangeException)),
            ("SetLength past 48 TiB", FileMode.Open, FileAccess.ReadWrite, s => s.SetLength(FileSystemOptions.DefaultMaxFileSizeBytes + 1), "EFBIG"),
            ("Seek before the start", FileMode.Open, FileAccess.Read, s => s.Seek(-1, SeekOrigin.Begin), nameof(IOException)),
            ("Seek with an undefined origin", FileMode.Open, FileAccess.Read, s => s.Seek(0, (SeekOrigin)5), nameof(ArgumentOutOfRangeException)),
            ("Position = -1", FileMode.Open, FileAccess.Read, s => s.Position = -1, nameof(IOException)),
            ("Seek backwards in append mode", FileMode.Append, FileAccess.Write, s => s.Seek(0, SeekOrigin.Begin), nameof(IOException)),
            ("SetLength below the append start", FileMode.Append, FileAccess.Write, s => s.SetLength(0), nameof(IOException)),
            ("ReadExactly with a negative offset", FileMode.Open, FileAccess.Read, s => s.ReadExactly(new byte[4], -1, 1), nameof(ArgumentOutOfRangeException)),
            ("ReadExactly with a count past the buffer", FileMode.Open, FileAccess.Read, s => s.ReadExactly(new byte[4], 2, 3), nameof(ArgumentOutOfRangeException)),
            ("ReadExactly into a null buffer", FileMode.Open, FileAccess.Read, s => s.ReadExactly(null!, 0, 0), nameof(ArgumentNullException)),
            ("Write with a negative count", FileMode.Open, FileAccess.Write, s => s.Write(new byte[4], 0, -1), nameof(ArgumentOutOfRangeException)),
            ("Write after Dispose", FileMode.Open, FileAccess.Write, s =>
            {
                s.Dispose();
                s.Write([1]);
            }, nameof(ObjectDisposedException)),
            ("Write at 48 TiB", FileMode.Open, FileAccess.Write, s =>
            {
                s.Position = FileSystemOptions.DefaultMaxFileSizeBytes;
                s.Write([1]);
            }, "EFBIG"),
        };
        foreach (var (name, mode, access, act, expected) in misuses)
        {
            yield return Fails($"FileSystemStream {name}", expected, w => Run(() =>
            {
                using var stream = w.Root.OpenStream("/file", mode, access);
                act(stream);
            }));
        }
    }
}
