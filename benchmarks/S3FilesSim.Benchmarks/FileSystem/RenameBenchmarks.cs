using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>rename(2) of one file, and of a directory holding 1,000 exported files (each of which the export then has to
/// copy to its new key), against System.IO on tmpfs (the baseline of each category). Each call renames back and forth
/// between two names.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RenameBenchmarks : FileSystemBenchmarkBase
{
    private const int DirectoryEntries = 1_000;
    private const string FileCategory = "file";
    private const string DirectoryCategory = "directory of 1,000 files";
    private string[] _baselineFiles = null!;
    private string[] _baselineDirectories = null!;
    private int _fileToggle;
    private int _directoryToggle;

    [GlobalSetup]
    public void Setup()
    {
        SetUpBoth();
        Mount.MkdirAsync("/data").AsTask().GetAwaiter().GetResult();
        Mount.MkdirAsync("/dir-a").AsTask().GetAwaiter().GetResult();
        CreateSimFileAsync("/data/a.bin", Block4K).GetAwaiter().GetResult();
        var small = Block4K.AsSpan(0, 100).ToArray();
        for (var i = 0; i < DirectoryEntries; i++)
        {
            CreateSimFileAsync("/dir-a/file-" + i, small).GetAwaiter().GetResult();
        }

        Simulation.AdvanceAsync(TimeSpan.FromMinutes(10)).AsTask().GetAwaiter().GetResult();

        _baselineFiles = [Path.Combine(BaselineRoot, "a.bin"), Path.Combine(BaselineRoot, "b.bin")];
        File.WriteAllBytes(_baselineFiles[0], Block4K);
        _baselineDirectories = [Path.Combine(BaselineRoot, "dir-a"), Path.Combine(BaselineRoot, "dir-b")];
        Directory.CreateDirectory(_baselineDirectories[0]);
        for (var i = 0; i < DirectoryEntries; i++)
        {
            File.WriteAllBytes(Path.Combine(_baselineDirectories[0], "file-" + i), small);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => TearDownBoth();

    [BenchmarkCategory(FileCategory), Benchmark(Baseline = true, Description = "System.IO File.Move (tmpfs)")]
    public void SystemIoRenameFile()
    {
        var from = _fileToggle++ & 1;
        File.Move(_baselineFiles[from], _baselineFiles[1 - from]);
    }

    [BenchmarkCategory(FileCategory), Benchmark(Description = "IFileSystem rename of a file")]
    public ValueTask SimulatorRenameFile() =>
        (_fileToggle++ & 1) == 0 ? Mount.RenameAsync("/data/a.bin", "/data/b.bin") : Mount.RenameAsync("/data/b.bin", "/data/a.bin");

    [BenchmarkCategory(DirectoryCategory), Benchmark(Baseline = true, Description = "System.IO Directory.Move of 1,000 files (tmpfs)")]
    public void SystemIoRenameDirectory()
    {
        var from = _directoryToggle++ & 1;
        Directory.Move(_baselineDirectories[from], _baselineDirectories[1 - from]);
    }

    [BenchmarkCategory(DirectoryCategory), Benchmark(Description = "IFileSystem rename of a directory of 1,000 exported files")]
    public ValueTask SimulatorRenameDirectory() =>
        (_directoryToggle++ & 1) == 0 ? Mount.RenameAsync("/dir-a", "/dir-b") : Mount.RenameAsync("/dir-b", "/dir-a");
}
