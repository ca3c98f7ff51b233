using System.Collections.Concurrent;
using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;
using Xunit.Abstractions;

namespace S3FilesSim.Tests.Reliability.Concurrency;

// Several NFS clients on one file system, each with close-to-open consistency, while the service works in the
// background (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html): no deadlock, no torn file, no
// errno a call does not document, and the reliability invariants hold once everything is quiet.
public sealed class ConcurrencyStressTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int OperationsPerWorker = 400;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private static readonly string[] Paths = ["/s/f0", "/s/f1", "/s/f2", "/s/t/f3", "/s/t/f4", "/f5"];
    private static readonly string[] Directories = ["/s", "/s/t", "/u"];
    private static readonly Errno[] Documented = [Errno.ENOENT, Errno.ENOTDIR, Errno.EISDIR, Errno.EEXIST, Errno.ENOTEMPTY, Errno.EINVAL, Errno.EBUSY];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task MixedOperations_SeveralMountsAndTimeAdvancing_NoDeadlockNoTornFileInvariantsHold(int seed)
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions
        {
            Seed = seed,
            FileSystem = new FileSystemOptions { Import = new ImportOptions { RevalidationInterval = TimeSpan.FromMinutes(5) } },
        });
        var payloads = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var undocumented = new ConcurrentQueue<string>();
        var errnos = new ConcurrentDictionary<Errno, int>();
        using var timeout = new CancellationTokenSource(Deadline);
        var workers = Enumerable.Range(0, Workers)
            .Select(w => Task.Run(() => WorkAsync(sim, sim.FileSystem.Mount(new MountOptions()), seed * 100 + w, payloads, undocumented, errnos, timeout.Token)))
            .Append(Task.Run(() => BucketClientAsync(sim, seed, payloads, timeout.Token)))
            .ToArray();
        var done = Task.WhenAll(workers);
        var clock = Task.Run(async () =>
        {
            while (!done.IsCompleted)
            {
                await sim.AdvanceAsync(TimeSpan.FromSeconds(3), timeout.Token);
            }
        });

        await Task.WhenAll(done, clock).WaitAsync(Deadline + TimeSpan.FromSeconds(30));
        await sim.AdvanceAsync(TimeSpan.FromHours(1));
        var root = sim.FileSystem.Mount(new MountOptions());
        var violations = await new InvariantChecker(sim.FileSystem, sim.Bucket).CheckAsync(root);
        var torn = await TornFilesAsync(root, "/", payloads);

        output.WriteLine($"seed {seed}: {Workers} x {OperationsPerWorker} operations, errnos {string.Join(", ", errnos.Select(e => $"{e.Key} {e.Value}"))}");
        undocumented.Should().BeEmpty();
        violations.Should().BeEmpty();
        torn.Should().BeEmpty();
    }

    private static async Task WorkAsync(S3FilesSimulation sim, IFileSystem mount, int seed, ConcurrentDictionary<string, byte> payloads, ConcurrentQueue<string> undocumented, ConcurrentDictionary<Errno, int> errnos, CancellationToken cancellationToken)
    {
        var random = new DeterministicRandom(seed);
        for (var i = 0; i < OperationsPerWorker; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Paths[random.Next(Paths.Length)];
            try
            {
                switch (random.Next(9))
                {
                    case 0 or 1:
                        var data = $"fs {seed}:{i};" + new string('x', random.Next(200));
                        payloads.TryAdd(data, 0);
                        var handle = await mount.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, cancellationToken: cancellationToken);
                        await mount.WriteAsync(handle, Encoding.UTF8.GetBytes(data), 0, cancellationToken);
                        await mount.CloseAsync(handle, cancellationToken);
                        break;
                    case 2:
                        await mount.ReadAllBytesAsync(path, cancellationToken);
                        break;
                    case 3:
                        await mount.RenameAsync(path, Paths[random.Next(Paths.Length)], cancellationToken: cancellationToken);
                        break;
                    case 4:
                        await mount.UnlinkAsync(path, cancellationToken);
                        break;
                    case 5:
                        await mount.MkdirAsync(Directories[random.Next(Directories.Length)], cancellationToken: cancellationToken);
                        break;
                    case 6:
                        await mount.RmdirAsync(Directories[random.Next(Directories.Length)], cancellationToken);
                        break;
                    case 7:
                        await mount.ChmodAsync(path, (UnixFileMode)Convert.ToInt32(random.Next(2) == 0 ? "644" : "640", 8), cancellationToken);
                        break;
                    default:
                        await mount.ReadDirectoryAsync(Directories[random.Next(Directories.Length)], cancellationToken);
                        break;
                }
            }
            catch (FileSystemException e) when (Documented.Contains(e.Errno))
            {
                errnos.AddOrUpdate(e.Errno, 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                undocumented.Enqueue($"seed {seed} op {i} {path}: {e}");
            }
        }
    }

    private static async Task BucketClientAsync(S3FilesSimulation sim, int seed, ConcurrentDictionary<string, byte> payloads, CancellationToken cancellationToken)
    {
        var random = new DeterministicRandom(seed + 7);
        for (var i = 0; i < OperationsPerWorker / 4; i++)
        {
            var key = Paths[random.Next(Paths.Length)][1..];
            var data = $"bucket {seed}:{i}";
            payloads.TryAdd(data, 0);
            await sim.Bucket.PutObjectAsync(key, data, cancellationToken);
        }
    }

    private static async Task<List<string>> TornFilesAsync(IFileSystem root, string directory, ConcurrentDictionary<string, byte> payloads)
    {
        var torn = new List<string>();
        foreach (var entry in await root.ReadDirectoryAsync(directory))
        {
            var path = (directory == "/" ? "/" : directory + "/") + entry.Name;
            if (entry.Type == FileType.Directory)
            {
                torn.AddRange(await TornFilesAsync(root, path, payloads));
            }
            else if (entry.Type == FileType.RegularFile)
            {
                var text = Encoding.UTF8.GetString(await root.ReadAllBytesAsync(path));
                if (text.Length > 0 && !payloads.ContainsKey(text))
                {
                    torn.Add($"{path}: {text}");
                }
            }
        }

        return torn;
    }
}
