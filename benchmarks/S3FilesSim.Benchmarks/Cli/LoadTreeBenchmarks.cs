using BenchmarkDotNet.Attributes;
using S3FilesSim.Cli;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Benchmarks.Cli;

/// <summary>
/// The loader of <c>s3files-sim run</c> on a real tree (issue 17 point 9): <c>/usr/share/doc</c>, or the directory in
/// <c>S3FILESSIM_LOAD_TREE</c>, loaded into a fresh in-memory bucket per iteration (walk, stat, access check, PUT; the
/// bucket computes each ETag when it is first needed, so no file is read), against the baseline of merely walking it with
/// <see cref="Directory.EnumerateFiles(string, string, EnumerationOptions)"/> and reading every regular file whole, and
/// the reference row of walking it and reading each file's size. The Mean is per load of the whole tree (files a second
/// = files / Mean; the global setup prints the file count).
/// </summary>
[MemoryDiagnoser]
public class LoadTreeBenchmarks
{
    private string _root = string.Empty;
    private S3FilesSimulation? _simulation;
    private InMemoryObjectStore? _bucket;

    /// <summary>Picks the tree and prints its file count.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _root = Environment.GetEnvironmentVariable("S3FILESSIM_LOAD_TREE") is { Length: > 0 } tree ? tree : "/usr/share/doc";
        Console.WriteLine($"// tree {_root}: {Directory.EnumerateFiles(_root, "*", TreeBaselines.Recursive).Count():N0} regular files");
    }

    /// <summary>A fresh simulation and bucket, as <c>run</c> loads (see <see cref="LoadBenchmarks"/>).</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _simulation = S3FilesSimulation.Create(new SimulationOptions { BucketName = "s3files-sim-unused" });
        _bucket = _simulation.CreateBucket("s3files-sim-bucket");
    }

    /// <summary>Drops the loaded bucket.</summary>
    [IterationCleanup]
    public void IterationCleanup()
    {
        _simulation?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _simulation = null;
        _bucket = null;
    }

    /// <summary>The baseline: the tree walked (symbolic links not followed) and every regular file read, nothing stored.</summary>
    /// <returns>The bytes read.</returns>
    [Benchmark(Baseline = true, Description = "EnumerateFiles + ReadAllBytes (whole tree)")]
    public long WalkAndRead() => TreeBaselines.WalkAndRead(_root);

    /// <summary>The tree walked and every regular file's size read (one stat each), nothing read or stored: the least a loader that reads files on demand does.</summary>
    /// <returns>The sum of the sizes.</returns>
    [Benchmark(Description = "EnumerateFiles + FileInfo.Length (whole tree)")]
    public long WalkAndStat() => TreeBaselines.WalkAndStat(_root);

    /// <summary>The CLI's loader into a bucket no file system watches.</summary>
    /// <returns>The files loaded.</returns>
    [Benchmark(Description = "CorpusLoader.LoadAsync (whole tree)")]
    public async Task<int> Load()
    {
        var report = await CorpusLoader.LoadAsync(_root, _bucket!, RunProgress.Silent, CancellationToken.None).ConfigureAwait(false);
        return report.Files;
    }
}
