using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using S3FilesSim.Cli.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Cli.Tests;

/// <summary><c>run --endpoint URL --bucket NAME</c> against a real S3-compatible server (moto).</summary>
[Collection(MotoBucketCollection.Name)]
public sealed class EndpointTests(MotoBucketFixture moto)
{
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html (exports land in the bucket after the commit delay)
    [Fact]
    public async Task Run_VersionedBucketOnEndpoint_ExportsThePipelineResultsToTheRealBucket()
    {
        var bucket = await moto.CreateBucketAsync();

        var (exitCode, output, error) = await CliHarness.RunAsync("run", "--endpoint", moto.Endpoint, "--bucket", bucket);

        (exitCode, error).Should().Be((0, string.Empty));
        output.Should().Contain("s3://" + bucket);
        (await moto.ListKeysAsync(bucket)).Should().Contain("processed/Apache-2.0.txt.meta.json").And.Contain("processed/Apache-2.0.txt").And.NotContain("inbox/Apache-2.0.txt");
    }

    [Fact]
    public async Task Run_SourceTreeOnEndpoint_UploadsEveryFileByItsRelativeKey()
    {
        var bucket = await moto.CreateBucketAsync();
        using var tree = new TempTree().File("docs/a.txt", "alpha").File("b.txt", "beta");

        var (exitCode, _, _) = await CliHarness.RunAsync("run", "--endpoint", moto.Endpoint, "--bucket", bucket, "--source", tree.Root, "--scenario", "walk");

        exitCode.Should().Be(0);
        (await moto.ListKeysAsync(bucket)).Should().BeEquivalentTo("docs/a.txt", "b.txt");
    }

    [Fact]
    public async Task Execute_VersionedBucketOnEndpoint_ReportsTheRealBucketsObjectCount()
    {
        var bucket = await moto.CreateBucketAsync();

        var report = await CliHarness.ExecuteAsync(new RunSettings { Endpoint = moto.Endpoint, Bucket = bucket });

        report.Sync.BucketObjects.Should().Be((await moto.ListKeysAsync(bucket)).Count).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task Run_MissingBucket_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--endpoint", moto.Endpoint, "--bucket", "no-such-bucket-s3files-sim");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be($"error: bucket 'no-such-bucket-s3files-sim' does not exist at {moto.Endpoint}.");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html (S3 Files needs a versioned bucket)
    [Fact]
    public async Task Run_UnversionedBucket_FailsWithOneLineError()
    {
        var bucket = await moto.CreateBucketAsync(versioned: false);

        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--endpoint", moto.Endpoint, "--bucket", bucket);

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().StartWith($"error: bucket '{bucket}' at {moto.Endpoint} does not have versioning enabled;").And.NotContain("\n");
    }

    [Fact]
    public async Task Run_UnreachableEndpoint_FailsWithOneLineError()
    {
        var endpoint = $"http://127.0.0.1:{ClosedPort()}/";

        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--endpoint", endpoint, "--bucket", "any");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().StartWith($"error: cannot reach the S3 endpoint {endpoint}:").And.NotContain("\n");
    }

    [Fact]
    public async Task Run_BucketWithoutEndpoint_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--bucket", "any");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be("error: --bucket needs --endpoint (the URL of the S3-compatible server, or 'aws' for Amazon S3).");
    }

    [Fact]
    public async Task Run_EndpointThatIsNotAUrl_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--endpoint", "ftp://example", "--bucket", "any");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be("error: --endpoint must be an http:// or https:// URL, or 'aws'; it was 'ftp://example'.");
    }

    [Fact]
    public async Task RunHelp_EndpointOptions_NameTheBucketRegionAndTheClockChoice()
    {
        var (exitCode, output, _) = await CliHarness.RunAsync("run", "--help");

        exitCode.Should().Be(0);
        output.Should().Contain("--endpoint").And.Contain("--bucket").And.Contain("--region").And.Contain("virtual clock");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
    [Fact]
    public async Task Execute_ChangesSqs_ReadsTheBucketsNotificationsAndCountsTheRequestsByOperation()
    {
        var bucket = await moto.CreateBucketAsync();

        var report = await CliHarness.ExecuteAsync(new RunSettings { Endpoint = moto.Endpoint, Bucket = bucket, Changes = "sqs" });

        report.Requests!.ChangeSource.Should().Be("sqs");
        report.Requests.Sqs["ReceiveMessage"].Should().BePositive();
        report.Requests.Notifications!.EventsDelivered.Should().BePositive("the pipeline's exports and the other client's writes are notified");
        report.Requests.S3.Should().ContainKey("PutObject").And.NotContainKey("ListObjectVersions");
    }

    [Fact]
    public async Task Execute_DefaultChangeSource_PollsBoundedWithoutListingVersions()
    {
        var bucket = await moto.CreateBucketAsync();

        var report = await CliHarness.ExecuteAsync(new RunSettings { Endpoint = moto.Endpoint, Bucket = bucket });

        report.Requests!.ChangeSource.Should().Be("poll");
        report.Requests.PollingRequests.Should().BePositive();
        report.Requests.S3["ListObjectsV2"].Should().BeGreaterThanOrEqualTo(report.Requests.PollingRequests!.Value);
        report.Requests.S3.Should().NotContainKey("ListObjectVersions");
        report.Requests.Sqs.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_UnknownChangeSource_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--endpoint", moto.Endpoint, "--bucket", "any", "--changes", "eventbridge");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be("error: --changes must be one of poll, sqs, push; it was 'eventbridge'.");
    }

    [Fact]
    public async Task Run_QueueUrlWithPolling_FailsWithOneLineError()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("run", "--endpoint", moto.Endpoint, "--bucket", "any", "--changes", "poll", "--queue-url", "http://127.0.0.1:1/q");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.TrimEnd().Should().Be("error: --queue-url goes with --changes sqs; it was given with --changes poll.");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
