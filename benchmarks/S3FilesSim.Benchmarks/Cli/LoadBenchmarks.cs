using System.Globalization;
using BenchmarkDotNet.Attributes;
using S3FilesSim.Benchmarks.FileSystem;
using S3FilesSim.Cli;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Benchmarks.Cli;

/// <summary>
/// The loader of <c>s3files-sim run</c> (issue 17 point 9: at least 50,000 small files a second into the in-memory
/// bucket, the directory walk included): a tree of 20,000 files of about 20 bytes in 20 directories of 1,000, loaded
/// into a fresh in-memory bucket per iteration (walk, stat, access check, PUT; the bucket computes each ETag when it is
/// first needed, so no file is read), against the baseline of merely walking the same tree with
/// <see cref="Directory.EnumerateFiles(string, string, EnumerationOptions)"/> and reading every file whole, and the
/// reference row of walking it and reading each file's size.
/// The Mean is per file (files a second = 1 / Mean). The <c>Retained/file</c> column (issue 17 point 8: memory grows
/// with metadata) is the heap each loaded object still holds in the bucket after the iteration (the growth of
/// <c>GC.GetTotalMemory(forceFullCollection: true)</c> over the iteration divided by the files; about 0 for the baseline).
/// </summary>
[MemoryDiagnoser]
[RetainedBytesPerFileColumn]
public class LoadBenchmarks
{
    private const int Files = 20_000;
    private string _root = string.Empty;
    private S3FilesSimulation? _simulation;
    private InMemoryObjectStore? _bucket;
    private long _heapBefore;

    /// <summary>Writes the tree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), $"s3files-sim-load-{Environment.ProcessId}");
        for (var i = 0; i < Files; i++)
        {
            var directory = Path.Combine(_root, "d" + (i / 1_000).ToString("D4", CultureInfo.InvariantCulture));
            if (i % 1_000 == 0)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(Path.Combine(directory, "f" + i.ToString("D7", CultureInfo.InvariantCulture) + ".txt"), "small file " + i + "\n");
        }
    }

    /// <summary>Deletes the tree.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>A fresh simulation and bucket, so each load fills an empty bucket that no file system watches (the
    /// simulation's default bucket, watched by its default file system, has another name), as <c>run</c> loads.</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _simulation = S3FilesSimulation.Create(new SimulationOptions { BucketName = "s3files-sim-unused" });
        _bucket = _simulation.CreateBucket("s3files-sim-bucket");
        _heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Drops the loaded bucket.</summary>
    [IterationCleanup]
    public void IterationCleanup()
    {
        var retained = GC.GetTotalMemory(forceFullCollection: true) - _heapBefore;
        Console.WriteLine(RetainedBytesPerFileColumnAttribute.OutputPrefix + (retained / (double)Files).ToString("F1", CultureInfo.InvariantCulture));
        GC.KeepAlive(_bucket);
        _simulation?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _simulation = null;
        _bucket = null;
    }

    /// <summary>The baseline: the tree walked and every file read, nothing stored.</summary>
    /// <returns>The bytes read.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Files, Description = "EnumerateFiles + ReadAllBytes")]
    public long WalkAndRead() => TreeBaselines.WalkAndRead(_root);

    /// <summary>The tree walked and every regular file's size read (one stat each), nothing read or stored: the least a loader that reads files on demand does.</summary>
    /// <returns>The sum of the sizes.</returns>
    [Benchmark(OperationsPerInvoke = Files, Description = "EnumerateFiles + FileInfo.Length")]
    public long WalkAndStat() => TreeBaselines.WalkAndStat(_root);

    /// <summary>The CLI's loader into a bucket no file system watches, as <c>run</c> loads a tree.</summary>
    /// <returns>The files loaded.</returns>
    [Benchmark(OperationsPerInvoke = Files, Description = "CorpusLoader.LoadAsync")]
    public async Task<int> Load()
    {
        var report = await CorpusLoader.LoadAsync(_root, _bucket!, RunProgress.Silent, CancellationToken.None).ConfigureAwait(false);
        return report.Files;
    }
}
