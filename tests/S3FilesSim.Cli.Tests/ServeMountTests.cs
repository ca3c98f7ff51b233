using System.Text.Json;
using FluentAssertions;
using S3FilesSim.Server;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Cli.Tests;

/// <summary>
/// <c>s3files-sim serve --manual-time --mount DIR</c> end to end, as a team uses it: the AWS CLI (a child process) writes
/// objects, the kernel's FUSE mount reads and writes files, and the control API moves virtual time. Bucket changes reach
/// the mount after the event delay (at most 5 s), file changes reach the bucket after the 60 s commit delay, and a bucket
/// write that conflicts with a dirty file wins while the file goes to lost+found
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html). Each test unmounts in
/// <see cref="DisposeAsync"/> (serve unmounts when cancelled).
/// </summary>
public sealed class ServeMountTests : IAsyncLifetime
{
    private readonly ServeHarness.LockedStringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly CancellationTokenSource _stop = new();
    private string _mountPoint = null!;
    private string _directory = null!;
    private Task<int> _run = null!;
    private Uri _endpoint = null!;
    private string _bucket = null!;
    private S3FilesSimClient _control = null!;

    public async Task InitializeAsync()
    {
        _mountPoint = Directory.CreateTempSubdirectory("s3filessim-serve-mount-").FullName;
        _directory = Directory.CreateTempSubdirectory("s3filessim-serve-files-").FullName;
        _run = CliApplication.RunAsync(["serve", "--s3", "127.0.0.1:0", "--manual-time", "--mount", _mountPoint], CliHarness.CreateConsole(_output), _output, _error, _stop.Token);
        JsonElement ready;
        try
        {
            ready = await ServeHarness.ReadyLineAsync(_output, _run);
        }
        catch
        {
            await StopAsync();
            throw new InvalidOperationException("serve --mount did not start: " + _error);
        }

        _endpoint = new Uri(ready.GetProperty("endpoint").GetString()!);
        _bucket = ready.GetProperty("bucket").GetString()!;
        _control = new S3FilesSimClient(_endpoint);
        ready.GetProperty("mounts").EnumerateArray().Select(m => m.GetString()).Should().Equal(_mountPoint);
    }

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
        Directory.Delete(_mountPoint);
    }

    [Fact]
    public async Task ServeMount_ListsTheMountPointInTheControlApi()
    {
        var mounts = await _control.ListMountsAsync();

        mounts.Should().ContainSingle().Which.Path.Should().Be(_mountPoint);
    }

    [Fact]
    public async Task AwsS3Cp_IsVisibleOnTheFuseMountAfterTheEventDelay()
    {
        var file = await LocalFileAsync("report.txt", "written by the AWS CLI");

        var copy = await Aws("s3", "cp", file, $"s3://{_bucket}/report.txt");
        var before = File.Exists(Path.Combine(_mountPoint, "report.txt"));
        await _control.AdvanceAsync(TimeSpan.FromSeconds(5));

        copy.ExitCode.Should().Be(0, copy.ToString());
        before.Should().BeFalse("the bucket event has not been delivered yet");
        (await File.ReadAllTextAsync(Path.Combine(_mountPoint, "report.txt"))).Should().Be("written by the AWS CLI");
    }

    [Fact]
    public async Task FileWrittenOnTheFuseMount_HeadObjectShowsItWithFileMetadataAfterTheCommitDelay()
    {
        await File.WriteAllTextAsync(Path.Combine(_mountPoint, "notes.txt"), "written on the mount");

        var before = await Aws("s3api", "head-object", "--bucket", _bucket, "--key", "notes.txt");
        await _control.AdvanceAsync(TimeSpan.FromSeconds(61));
        var after = await Aws("s3api", "head-object", "--bucket", _bucket, "--key", "notes.txt");

        before.ExitCode.Should().NotBe(0, "the file is not exported before the commit delay");
        after.ExitCode.Should().Be(0, after.ToString());
        var head = JsonDocument.Parse(after.Output).RootElement;
        head.GetProperty("ContentLength").GetInt64().Should().Be("written on the mount".Length);
        var metadata = head.GetProperty("Metadata");
        metadata.GetProperty("file-owner").GetString().Should().Be("0");
        metadata.EnumerateObject().Select(p => p.Name).Should().Contain("file-permissions").And.Contain("file-mtime");
    }

    [Fact]
    public async Task ConflictingAwsS3CpWhileTheFileIsDirty_BucketBytesAtThePathFileBytesInLostAndFound()
    {
        await File.WriteAllTextAsync(Path.Combine(_mountPoint, "shared.txt"), "the file system's edit");
        var file = await LocalFileAsync("shared.txt", "the other client's object");

        var copy = await Aws("s3", "cp", file, $"s3://{_bucket}/shared.txt");
        var quiet = await _control.RunUntilQuietAsync(TimeSpan.FromMinutes(5));
        var status = await _control.GetFileSystemAsync();
        var lostAndFound = await _control.GetLostAndFoundAsync();
        var download = Path.Combine(_directory, "downloaded.txt");
        var get = await Aws("s3", "cp", $"s3://{_bucket}/shared.txt", download);

        copy.ExitCode.Should().Be(0, copy.ToString());
        get.ExitCode.Should().Be(0, get.ToString());
        quiet.Quiet.Should().BeTrue();
        status.LostAndFoundFiles.Should().Be(1);
        (await File.ReadAllTextAsync(download)).Should().Be("the other client's object");
        (await File.ReadAllTextAsync(Path.Combine(_mountPoint, "shared.txt"))).Should().Be("the other client's object");
        var lost = lostAndFound.Files.Should().ContainSingle().Which;
        (await File.ReadAllTextAsync(Path.Combine(_mountPoint, lost.Path.TrimStart('/')))).Should().Be("the file system's edit");
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await _run.WaitAsync(deadline.Token);
        exitCode.Should().Be(0, _error.ToString());
    }

    private async Task<string> LocalFileAsync(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private Task<ProcessResult> Aws(params string[] arguments) => ChildProcess.AwsAsync(_endpoint, arguments);
}
