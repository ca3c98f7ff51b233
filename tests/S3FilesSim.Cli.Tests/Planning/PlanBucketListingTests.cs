using Amazon.S3.Model;
using FluentAssertions;
using S3FilesSim.Cli.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Cli.Tests.Planning;

/// <summary><c>plan --endpoint URL --bucket NAME</c> against a real S3-compatible server (moto): listing only.</summary>
[Collection(MotoBucketCollection.Name)]
public sealed class PlanBucketListingTests(MotoBucketFixture moto)
{
    [Fact]
    public async Task Plan_Bucket_ListsItsObjectsWithoutWritingAny()
    {
        var bucket = await moto.CreateBucketAsync();
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "docs/a.txt", ContentBody = new string('a', 5_000) });
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "docs/deep/b.txt", ContentBody = "b" });

        var (exitCode, output, error) = await CliHarness.RunAsync("plan", "--endpoint", moto.Endpoint, "--bucket", bucket);

        (exitCode, error).Should().Be((0, string.Empty));
        output.Should().Contain("2 files").And.Contain($"bucket {bucket}");
        (await moto.ListKeysAsync(bucket)).Should().BeEquivalentTo("docs/a.txt", "docs/deep/b.txt");
    }

    [Fact]
    public async Task Plan_MissingBucket_FailsWithOneLineAndExitCode1()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("plan", "--endpoint", moto.Endpoint, "--bucket", "no-such-bucket-for-plan");

        exitCode.Should().Be(1);
        error.Should().StartWith("error: cannot list bucket 'no-such-bucket-for-plan'").And.Contain("NoSuchBucket");
        error.TrimEnd().Split('\n').Should().HaveCount(1);
    }
}
