using System.Text.Json;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>
/// S3 Files as a team sees it when serving it with manual time: the AWS CLI writes to the bucket while a mount reads and
/// writes files, and the control API moves virtual time. Each side sees the other after the documented delays: bucket
/// changes after the event delay (at most 5 s here), file changes after the 60 s commit delay; a conflicting bucket write
/// wins and the file goes to lost+found
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private ServedSimulation _served = null!;
    private IFileSystem _mount = null!;
    private string _directory = null!;

    private string Bucket => _served.Simulation.Bucket.BucketName;

    public async Task InitializeAsync()
    {
        _served = await ServedSimulation.StartAsync(withKeys: true);
        _mount = _served.Simulation.FileSystem.Mount(new MountOptions());
        await _mount.ReadDirectoryAsync("/");
        _directory = Directory.CreateTempSubdirectory("s3filessim-e2e-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _mount.DisposeAsync();
        await _served.DisposeAsync();
    }

    [Fact]
    public async Task AwsS3Cp_IsVisibleOnTheMountAfterTheEventDelay()
    {
        var file = await LocalFileAsync("report.txt", "written by the AWS CLI");

        var copy = await Aws("s3", "cp", file, $"s3://{Bucket}/report.txt");
        var before = await _mount.ExistsAsync("/report.txt");
        await _served.Control.AdvanceAsync(TimeSpan.FromSeconds(5));

        copy.ExitCode.Should().Be(0, copy.ToString());
        before.Should().BeFalse("the bucket event has not been delivered yet");
        (await _mount.ReadAllTextAsync("/report.txt")).Should().Be("written by the AWS CLI");
    }

    [Fact]
    public async Task MountWrite_HeadObjectShowsItWithFileMetadataAfterTheCommitDelay()
    {
        await _mount.WriteAllTextAsync("/notes.txt", "written on the mount");

        var before = await Aws("s3api", "head-object", "--bucket", Bucket, "--key", "notes.txt");
        await _served.Control.AdvanceAsync(TimeSpan.FromSeconds(61));
        var after = await Aws("s3api", "head-object", "--bucket", Bucket, "--key", "notes.txt");

        before.ExitCode.Should().NotBe(0, "the file is not exported before the commit delay");
        after.ExitCode.Should().Be(0, after.ToString());
        var metadata = JsonDocument.Parse(after.Output).RootElement.GetProperty("Metadata");
        metadata.GetProperty("file-owner").GetString().Should().Be("0");
        metadata.GetProperty("file-group").GetString().Should().Be("0");
        metadata.EnumerateObject().Select(p => p.Name).Should().Contain("file-permissions").And.Contain("file-mtime");
    }

    [Fact]
    public async Task ConflictingAwsS3CpWhileTheFileIsDirty_BucketWinsAndTheFileGoesToLostAndFound()
    {
        await _mount.WriteAllTextAsync("/shared.txt", "the file system's edit");
        var file = await LocalFileAsync("shared.txt", "the other client's object");

        var copy = await Aws("s3", "cp", file, $"s3://{Bucket}/shared.txt");
        var quiet = await _served.Control.RunUntilQuietAsync(TimeSpan.FromMinutes(5));
        var status = await _served.Control.GetFileSystemAsync();
        var lostAndFound = await _served.Control.GetLostAndFoundAsync();
        var download = Path.Combine(_directory, "downloaded.txt");
        await Aws("s3", "cp", $"s3://{Bucket}/shared.txt", download);

        copy.ExitCode.Should().Be(0, copy.ToString());
        quiet.Quiet.Should().BeTrue();
        status.LostAndFoundFiles.Should().Be(1);
        (await _mount.ReadAllTextAsync("/shared.txt")).Should().Be("the other client's object");
        (await File.ReadAllTextAsync(download)).Should().Be("the other client's object");
        var lost = lostAndFound.Files.Should().ContainSingle().Which;
        (await _mount.ReadAllTextAsync(lost.Path)).Should().Be("the file system's edit");
    }

    private async Task<string> LocalFileAsync(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private Task<ProcessResult> Aws(params string[] arguments) => ChildProcess.AwsAsync(_served.Endpoint, arguments);
}
