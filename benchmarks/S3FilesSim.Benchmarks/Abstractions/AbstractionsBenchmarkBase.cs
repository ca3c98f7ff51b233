using System.IO.Abstractions.TestingHelpers;
using S3FilesSim.Abstractions;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.Abstractions;

/// <summary>The three System.IO.Abstractions file systems compared: TestableIO's real <c>FileSystem</c> over a tmpfs directory
/// (/dev/shm, else the temp directory), TestableIO's <see cref="MockFileSystem"/>, and the adapter over a simulated mount.</summary>
public abstract class AbstractionsBenchmarkBase
{
    private S3FilesSimulation? _simulation;
    private S3FilesSim.FileSystem.IFileSystem? _mount;

    protected static byte[] Block4K { get; } = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();

    protected System.IO.Abstractions.IFileSystem Real { get; } = new System.IO.Abstractions.FileSystem();

    protected MockFileSystem Mock { get; private set; } = null!;

    protected System.IO.Abstractions.IFileSystem Adapter { get; private set; } = null!;

    /// <summary>Gets the directory every benchmark works in, on each file system.</summary>
    protected string RealRoot { get; private set; } = null!;

    protected static string MockRoot => "/data";

    protected static string AdapterRoot => "/mnt/s3files/data";

    protected void SetUp()
    {
        var tmpfs = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        RealRoot = Path.Combine(tmpfs, "s3filessim-abstractions-bench-" + Guid.NewGuid().ToString("N"));
        Real.Directory.CreateDirectory(RealRoot);
        Mock = new MockFileSystem();
        Mock.Directory.CreateDirectory(MockRoot);
        _simulation = S3FilesSimulation.Create();
        _mount = _simulation.FileSystem.Mount(new MountOptions());
        Adapter = _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = "/mnt/s3files" });
        Adapter.Directory.CreateDirectory(AdapterRoot);
    }

    protected void TearDown()
    {
        _mount?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _simulation?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Directory.Exists(RealRoot))
        {
            Directory.Delete(RealRoot, recursive: true);
        }
    }
}
