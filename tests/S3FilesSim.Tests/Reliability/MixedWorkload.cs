using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Tests.Reliability;

/// <summary>
/// A seeded mixed workload on one file system: whole-file writes, renames, unlinks, mkdir, rmdir and chmod through
/// several mounts, bucket-side PutObject and DeleteObject by another client on the same keys, and virtual time
/// advancing by random amounts. Every file-system call either succeeds or fails with an errno documented for it
/// (invariant 4); <see cref="Errno.EIO"/> is documented only while the bucket is failing (<see cref="FaultsActive"/>).
/// </summary>
internal sealed class MixedWorkload(S3FilesSimulation sim, IReadOnlyList<IFileSystem> mounts, InMemoryObjectStore bucket, InvariantChecker checker, int seed)
{
    private static readonly string[] DirectoryPaths = ["/a", "/b", "/a/c"];
    private static readonly string[] FileNames = ["f0", "f1", "f2", "f3"];
    private static readonly Errno[] PathErrors = [Errno.ENOENT, Errno.ENOTDIR];
    private static readonly Errno[] OpenErrors = [.. PathErrors, Errno.EISDIR];
    private static readonly Errno[] RenameErrors = [.. PathErrors, Errno.EISDIR, Errno.ENOTEMPTY, Errno.EINVAL, Errno.EBUSY];
    private static readonly Errno[] UnlinkErrors = [.. PathErrors, Errno.EISDIR];
    private static readonly Errno[] MkdirErrors = [.. PathErrors, Errno.EEXIST];
    private static readonly Errno[] RmdirErrors = [.. PathErrors, Errno.ENOTEMPTY];

    private readonly DeterministicRandom _random = new(seed);
    private long _token;

    /// <summary>Gets or sets the size of the occasional large write (multipart export); 0 for small writes only.</summary>
    public long LargeWriteBytes { get; init; }

    /// <summary>Gets or sets a value telling whether bucket faults are being injected now (which documents <see cref="Errno.EIO"/>).</summary>
    public Func<bool> FaultsActive { get; init; } = () => false;

    /// <summary>Gets the operations run, one line each with the virtual time and the outcome, to replay a failing seed.</summary>
    public List<string> Trace { get; } = [];

    /// <summary>Gets the count of each errno the file-system calls failed with.</summary>
    public Dictionary<Errno, int> Errnos { get; } = [];

    /// <summary>Runs <paramref name="operations"/> seeded operations.</summary>
    /// <exception cref="InvalidOperationException">A call failed with an errno not documented for it (the message names the seed).</exception>
    public async Task RunAsync(int operations)
    {
        for (var i = 0; i < operations; i++)
        {
            var roll = _random.Next(100);
            var mount = mounts[_random.Next(mounts.Count)];
            if (roll < 30)
            {
                await WriteAsync(mount, RandomFile());
            }
            else if (roll < 40)
            {
                var (from, to) = _random.Next(4) == 0 ? (RandomDirectory(), RandomDirectory()) : (RandomFile(), RandomFile());
                await CallAsync($"rename {from} {to}", RenameErrors, () => mount.RenameAsync(from, to), () => checker.Move(from, to));
            }
            else if (roll < 48)
            {
                var path = RandomFile();
                await CallAsync($"unlink {path}", UnlinkErrors, () => mount.UnlinkAsync(path), () => checker.Supersede(path));
            }
            else if (roll < 53)
            {
                var path = RandomDirectory();
                await CallAsync($"mkdir {path}", MkdirErrors, () => mount.MkdirAsync(path), null);
            }
            else if (roll < 56)
            {
                var path = RandomDirectory();
                await CallAsync($"rmdir {path}", RmdirErrors, () => mount.RmdirAsync(path), null);
            }
            else if (roll < 62)
            {
                var mode = (UnixFileMode)Convert.ToInt32(_random.Next(2) == 0 ? "644" : "600", 8);
                var path = RandomFile();
                await CallAsync($"chmod {path} {mode}", PathErrors, () => mount.ChmodAsync(path, mode), null);
            }
            else if (roll < 72)
            {
                var key = RandomFile()[1..];
                Trace.Add($"{sim.Now:HH:mm:ss.fff} bucket put {key} bucket {seed}:{_token}");
                await bucket.PutObjectAsync(key, Encoding.UTF8.GetBytes($"bucket {seed}:{_token++}"));
            }
            else if (roll < 76)
            {
                var key = RandomFile()[1..];
                Trace.Add($"{sim.Now:HH:mm:ss.fff} bucket delete {key}");
                await bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = key });
            }
            else
            {
                var duration = _random.Next(10) == 0 ? TimeSpan.FromMinutes(_random.Next(20)) : TimeSpan.FromSeconds(_random.Next(90));
                Trace.Add($"{sim.Now:HH:mm:ss.fff} advance {duration}");
                await sim.AdvanceAsync(duration);
            }
        }
    }

    private string RandomDirectory() => DirectoryPaths[_random.Next(DirectoryPaths.Length)];

    private string RandomFile() => (_random.Next(4) == 0 ? string.Empty : RandomDirectory()) + "/" + FileNames[_random.Next(FileNames.Length)];

    private async Task WriteAsync(IFileSystem mount, string path)
    {
        var data = Content();
        FileHandle? handle = null;
        await CallAsync($"write {path} {Encoding.UTF8.GetString(data[..Math.Min(data.Length, 16)])}", OpenErrors, async ValueTask () => handle = await mount.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate), () => checker.Supersede(path));
        if (handle is not { } opened)
        {
            return;
        }

        await mount.WriteAsync(opened, data);
        await mount.CloseAsync(opened);
        checker.Acknowledge(path, data);
    }

    private byte[] Content()
    {
        var header = Encoding.UTF8.GetBytes($"fs {seed}:{_token++};");
        if (LargeWriteBytes == 0 || _random.Next(8) != 0)
        {
            return header;
        }

        var data = new byte[LargeWriteBytes];
        data.AsSpan().Fill((byte)_token);
        header.CopyTo(data, 0);
        return data;
    }

    private async Task CallAsync(string operation, Errno[] documented, Func<ValueTask> call, Action? onSuccess)
    {
        try
        {
            await call();
        }
        catch (FileSystemException e) when (documented.Contains(e.Errno) || (e.Errno == Errno.EIO && FaultsActive()))
        {
            Trace.Add($"{sim.Now:HH:mm:ss.fff} {operation}: {e.Errno}");
            Errnos[e.Errno] = Errnos.GetValueOrDefault(e.Errno) + 1;
            return;
        }
        catch (FileSystemException e)
        {
            throw new InvalidOperationException($"Seed {seed}: undocumented {e.Errno} from {e.Message}", e);
        }

        Trace.Add($"{sim.Now:HH:mm:ss.fff} {operation}");
        onSuccess?.Invoke();
    }
}
