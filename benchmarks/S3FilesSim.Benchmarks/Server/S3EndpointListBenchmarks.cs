using BenchmarkDotNet.Attributes;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Benchmarks.Server;

/// <summary>
/// A full ListObjectsV2 of 10,000 keys (10 pages of 1,000) through AWSSDK.S3 over loopback: <c>serve</c> against
/// moto_server. One listing per iteration (moto takes a second or more per listing: with BenchmarkDotNet's pilot stage
/// choosing the invocation count, the in-process toolchain aborted the moto case as taking too long); the ratio moto /
/// serve is the speed-up.
/// </summary>
[InvocationCount(1, 1)]
public class S3EndpointListBenchmarks
{
    private const int ListedKeys = 10_000;
    private S3BenchmarkServer? _target;

    /// <summary>The server under test: <c>serve</c> (S3FilesSimServer) or <c>moto</c> (moto_server).</summary>
    [Params("serve", "moto")]
    public string Server { get; set; } = "serve";

    private S3BenchmarkServer Target => _target ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>Starts the server and creates the 10,000 keys (1 byte each) the listing reads.</summary>
    [GlobalSetup]
    public async Task StartAsync()
    {
        _target = await S3BenchmarkServer.StartAsync(Server);
        await Parallel.ForEachAsync(Enumerable.Range(0, ListedKeys), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
            await Target.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = S3BenchmarkServer.Bucket, Key = $"list/{i:D5}", ContentBody = "x" }, cancellationToken));
    }

    /// <summary>Stops the server.</summary>
    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
    }

    /// <summary>ListObjectsV2 of 10,000 keys: 10 pages of 1,000.</summary>
    [Benchmark]
    public async Task<int> ListObjectsV2Of10000Keys()
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await Target.Client.ListObjectsV2Async(new Sdk.ListObjectsV2Request { BucketName = S3BenchmarkServer.Bucket, Prefix = "list/", ContinuationToken = token });
            count += page.KeyCount ?? 0;
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return count == ListedKeys ? count : throw new InvalidOperationException($"Listed {count} keys, expected {ListedKeys}.");
    }
}
