using System.Runtime.InteropServices;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>Shared set-up: a simulator mount and a System.IO baseline directory on tmpfs (/dev/shm, else the temp dir).</summary>
public abstract class FileSystemBenchmarkBase
{
    private S3FilesSimulation? _simulation;

    protected S3FilesSimulation Simulation => _simulation ?? throw new InvalidOperationException("Call SetUpBoth first.");

    protected IFileSystem Mount { get; private set; } = null!;

    protected string BaselineRoot { get; private set; } = null!;

    protected static byte[] Block4K { get; } = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();

    /// <summary>Returns <paramref name="length"/> pseudo-random bytes from a SplitMix64 sequence seeded with <paramref name="seed"/>
    /// (a gibibyte in well under a second, where <see cref="Random.NextBytes(byte[])"/> with a seed takes many).</summary>
    /// <returns>The bytes.</returns>
    protected static byte[] DeterministicBytes(long length, ulong seed)
    {
        var bytes = new byte[length];
        var words = MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan());
        var state = seed;
        for (var i = 0; i < words.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            words[i] = z ^ (z >> 31);
        }

        return bytes;
    }

    protected void SetUpBoth()
    {
        _simulation = S3FilesSimulation.Create();
        Mount = _simulation.FileSystem.Mount(new MountOptions { User = PosixUser.Root });
        var tmpfs = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        BaselineRoot = Path.Combine(tmpfs, "s3filessim-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(BaselineRoot);
    }

    /// <summary>Sets up both sides with one 4 KiB file: <c>/data/file.bin</c> on the mount (hot), and the returned path on tmpfs.</summary>
    /// <returns>The baseline file's path.</returns>
    protected string SetUpWithOneHotFile()
    {
        SetUpBoth();
        Mount.MkdirAsync("/data").AsTask().GetAwaiter().GetResult();
        CreateSimFileAsync("/data/file.bin", Block4K).GetAwaiter().GetResult();
        var baselineFile = Path.Combine(BaselineRoot, "file.bin");
        File.WriteAllBytes(baselineFile, Block4K);
        return baselineFile;
    }

    protected void TearDownBoth()
    {
        if (_simulation is not null)
        {
            _simulation.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (Directory.Exists(BaselineRoot))
        {
            Directory.Delete(BaselineRoot, recursive: true);
        }
    }

    protected async Task CreateSimFileAsync(string path, byte[] data)
    {
        var handle = await Mount.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate);
        await Mount.WriteAsync(handle, data, 0);
        await Mount.CloseAsync(handle);
    }
}
