using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>The AWS CLI as a child process against the endpoint, with signed requests: what people type.</summary>
public sealed class AwsCliTests : IAsyncLifetime
{
    private ServedSimulation _served = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _served = await ServedSimulation.StartAsync(withKeys: true);
        _directory = Directory.CreateTempSubdirectory("s3filessim-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _served.DisposeAsync();
    }

    [Fact]
    public async Task MbCpLsCpRm_RoundTripAFile()
    {
        var source = Path.Combine(_directory, "hello.txt");
        await File.WriteAllTextAsync(source, "hello from the AWS CLI");

        (await Aws("s3", "mb", "s3://cli-bucket")).ExitCode.Should().Be(0);
        (await Aws("s3", "cp", source, "s3://cli-bucket/docs/hello.txt")).ExitCode.Should().Be(0);
        var listing = await Aws("s3", "ls", "s3://cli-bucket/docs/");
        var download = Path.Combine(_directory, "back.txt");
        (await Aws("s3", "cp", "s3://cli-bucket/docs/hello.txt", download)).ExitCode.Should().Be(0);
        (await Aws("s3", "rm", "s3://cli-bucket/docs/hello.txt")).ExitCode.Should().Be(0);

        listing.Output.Should().Contain("hello.txt").And.Contain("22");
        (await File.ReadAllTextAsync(download)).Should().Be("hello from the AWS CLI");
        (await _served.Simulation.GetBucket("cli-bucket").HeadObjectAsync("docs/hello.txt")).Should().BeNull();
    }

    [Fact]
    public async Task Cp_20MiBFile_UploadsInPartsAndDownloadsTheSameBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(20 << 20);
        var source = Path.Combine(_directory, "big.bin");
        await File.WriteAllBytesAsync(source, bytes);
        _served.Simulation.CreateBucket("big");

        var up = await Aws("s3", "cp", source, "s3://big/big.bin");
        var head = JsonDocument.Parse((await Aws("s3api", "head-object", "--bucket", "big", "--key", "big.bin")).Output).RootElement;
        var download = Path.Combine(_directory, "big-back.bin");
        var down = await Aws("s3", "cp", "s3://big/big.bin", download);

        up.ExitCode.Should().Be(0, up.ToString());
        down.ExitCode.Should().Be(0, down.ToString());
        head.GetProperty("ETag").GetString().Should().MatchRegex("^\"[0-9a-f]{32}-[0-9]+\"$");
        head.GetProperty("ContentLength").GetInt64().Should().Be(bytes.Length);
        (await File.ReadAllBytesAsync(download)).Should().Equal(bytes);
    }

    [Fact]
    public async Task PutObjectWithMetadata_HeadObjectShowsItAndTheVersionId()
    {
        _served.Simulation.CreateBucket("meta");
        var body = Path.Combine(_directory, "body.txt");
        await File.WriteAllTextAsync(body, "x");

        var put = JsonDocument.Parse((await Aws("s3api", "put-object", "--bucket", "meta", "--key", "k", "--body", body, "--metadata", "owner=alice,purpose=test", "--content-type", "text/plain")).Output).RootElement;
        var head = JsonDocument.Parse((await Aws("s3api", "head-object", "--bucket", "meta", "--key", "k")).Output).RootElement;

        head.GetProperty("Metadata").GetProperty("owner").GetString().Should().Be("alice");
        head.GetProperty("ContentType").GetString().Should().Be("text/plain");
        head.GetProperty("VersionId").GetString().Should().Be(put.GetProperty("VersionId").GetString());
    }

    [Fact]
    public async Task ListObjectVersions_AfterOverwriteAndDelete_ShowsVersionsAndTheDeleteMarker()
    {
        _served.Simulation.CreateBucket("versions");
        var body = Path.Combine(_directory, "v.txt");
        await File.WriteAllTextAsync(body, "one");
        await Aws("s3api", "put-object", "--bucket", "versions", "--key", "k", "--body", body);
        await Aws("s3api", "put-object", "--bucket", "versions", "--key", "k", "--body", body);
        await Aws("s3api", "delete-object", "--bucket", "versions", "--key", "k");

        var listing = JsonDocument.Parse((await Aws("s3api", "list-object-versions", "--bucket", "versions")).Output).RootElement;

        listing.GetProperty("Versions").GetArrayLength().Should().Be(2);
        listing.GetProperty("DeleteMarkers").EnumerateArray().Single().GetProperty("IsLatest").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Sync_DirectoryUpAndDown_CopiesEveryFile()
    {
        var up = Directory.CreateDirectory(Path.Combine(_directory, "up")).FullName;
        Directory.CreateDirectory(Path.Combine(up, "sub"));
        await File.WriteAllTextAsync(Path.Combine(up, "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(up, "sub", "b.txt"), "b");
        _served.Simulation.CreateBucket("sync");
        var down = Path.Combine(_directory, "down");

        (await Aws("s3", "sync", up, "s3://sync/tree")).ExitCode.Should().Be(0);
        (await Aws("s3", "sync", "s3://sync/tree", down)).ExitCode.Should().Be(0);

        (await File.ReadAllTextAsync(Path.Combine(down, "sub", "b.txt"))).Should().Be("b");
        _served.Simulation.GetBucket("sync").ObjectCount.Should().Be(2);
    }

    [Fact]
    public async Task Presign_UrlWorksWithoutCredentialsUntilItExpires()
    {
        var bucket = _served.Simulation.CreateBucket("presign");
        await bucket.PutObjectAsync("k", "presigned body");

        var url = (await Aws("s3", "presign", "s3://presign/k", "--expires-in", "300")).Output.Trim();
        using var http = new HttpClient();
        var body = await http.GetStringAsync(url);
        using var unsigned = await http.GetAsync(new Uri(_served.Endpoint, "presign/k"));

        body.Should().Be("presigned body");
        ((int)unsigned.StatusCode).Should().Be(403);
    }

    private Task<ProcessResult> Aws(params string[] arguments) => ChildProcess.AwsAsync(_served.Endpoint, arguments);
}
