using System.IO.Abstractions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <summary>
/// One suite written against <see cref="System.IO.Abstractions.IFileSystem"/>, run twice: on TestableIO's real
/// <c>FileSystem</c> over a temp directory (<see cref="OnRealFileSystem"/>) and on the adapter over a simulated S3 Files
/// mount (<see cref="OnSimulatedS3Files"/>). Each test asserts the same result on both, except the tests in
/// FileSystemParityTests.Differences.cs, which assert each side and say why S3 Files differs.
/// </summary>
/// <typeparam name="TTarget">The side.</typeparam>
public abstract partial class FileSystemParityTests<TTarget> : IAsyncLifetime
    where TTarget : ParityTarget, new()
{
    protected FileSystemParityTests()
    {
        Target = new TTarget();
    }

    protected TTarget Target { get; }

    protected System.IO.Abstractions.IFileSystem Fs => Target.FileSystem;

    protected string Root => Target.Root;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Target.DisposeAsync();

    /// <summary>A path under the test's root.</summary>
    protected string P(params string[] parts) => Fs.Path.Combine([Root, .. parts]);

    /// <summary>Creates a file with text content under the root and returns its path.</summary>
    protected string Given(string name, string content = "content")
    {
        var path = P(name);
        var directory = Fs.Path.GetDirectoryName(path)!;
        Fs.Directory.CreateDirectory(directory);
        Fs.File.WriteAllText(path, content);
        return path;
    }
}

/// <summary>The parity suite on the real Linux file system (the reference).</summary>
public sealed class OnRealFileSystem : FileSystemParityTests<RealTarget>;

/// <summary>The parity suite on the adapter over a simulated S3 Files mount.</summary>
public sealed class OnSimulatedS3Files : FileSystemParityTests<SimulatedTarget>;
