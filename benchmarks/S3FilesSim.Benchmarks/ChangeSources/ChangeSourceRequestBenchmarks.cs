using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using BenchmarkDotNet.Attributes;
using S3FilesSim.Aws;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Benchmarks.ChangeSources;

/// <summary>
/// What each change source costs the store: one workload (a mount writes <see cref="Files"/> files that are exported,
/// then another S3 client changes <see cref="Files"/> keys in the listed directory and the changes are imported) run
/// over the in-memory bucket with its own events (the baseline), and over real stores with bounded polling (moto, Ceph
/// RGW), S3 event notifications through SQS (moto) and HTTP push (RGW). The columns count the S3 requests the simulator
/// made per exported file and per imported change, and divide them by the baseline's, all in the same run.
/// </summary>
/// <remarks>Wall times here are network round trips to servers on loopback and vary with load; the request counts do not.</remarks>
[RequestCountColumns]
public class ChangeSourceRequestBenchmarks
{
    /// <summary>Files exported, and changes imported, per invocation.</summary>
    public const int Files = 20;

    private MotoServer? _moto;
    private RgwServer? _rgw;
    private AmazonS3Client? _client;
    private AmazonS3ObjectStoreOptions? _options;
    private int _buckets;

    /// <summary>Starts moto for the benchmarks that need it.</summary>
    [GlobalSetup(Targets = [nameof(BoundedPollingMoto), nameof(SqsNotificationsMoto)])]
    public async Task StartMotoAsync()
    {
        _moto = await MotoServer.StartAsync();
        Connect(_moto.ServiceUrl, new BasicAWSCredentials("testing", "testing"));
    }

    /// <summary>Starts Ceph RGW for the benchmarks that need it.</summary>
    [GlobalSetup(Targets = [nameof(BoundedPollingRgw), nameof(HttpPushRgw)])]
    public async Task StartRgwAsync()
    {
        _rgw = await RgwServer.StartAsync();
        Connect(_rgw.ServiceUrl, new BasicAWSCredentials(_rgw.AccessKey, _rgw.SecretKey));
    }

    /// <summary>Stops the servers.</summary>
    [GlobalCleanup]
    public void Stop()
    {
        _client?.Dispose();
        _moto?.Dispose();
        _rgw?.Dispose();
    }

    /// <summary>The in-memory bucket and its own events (the EventBridge model).</summary>
    [Benchmark(Baseline = true)]
    public async Task InMemoryEvents()
    {
        await using var sim = S3FilesSimulation.Create();
        var counted = new RequestCountingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, counted, sim.Bucket.Events);
        await RunAsync(nameof(InMemoryEvents), sim, fileSystem, counted, (key, text) => sim.Bucket.PutObjectAsync(key, text).AsTask());
    }

    /// <summary>Bounded polling of the listed directories over moto.</summary>
    [Benchmark]
    public Task BoundedPollingMoto() => PollAsync(nameof(BoundedPollingMoto));

    /// <summary>Bounded polling of the listed directories over Ceph RGW.</summary>
    [Benchmark]
    public Task BoundedPollingRgw() => PollAsync(nameof(BoundedPollingRgw));

    /// <summary>S3 event notifications through moto's SQS.</summary>
    [Benchmark]
    public async Task SqsNotificationsMoto()
    {
        var bucket = await CreateBucketAsync();
        await using var sim = S3FilesSimulation.Create();
        using var store = await AmazonS3ObjectStore.CreateAsync(_client!, _options! with { BucketName = bucket });
        using var sqs = BucketNotifications.CreateSqsClient(_options!);
        var queueUrl = await BucketNotifications.ConfigureQueueAsync(_client!, sqs, bucket, "bench-" + bucket);
        using var source = new SqsBucketEventSource(sqs, bucket, sim.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = queueUrl });
        var counted = new RequestCountingObjectStore(store);
        var fileSystem = sim.CreateFileSystem(null, counted, source);
        await RunAsync(nameof(SqsNotificationsMoto), sim, fileSystem, counted, (key, text) => PutAsync(bucket, key, text));
    }

    /// <summary>HTTP push from a Ceph RGW topic.</summary>
    [Benchmark]
    public async Task HttpPushRgw()
    {
        var bucket = await CreateBucketAsync();
        await using var sim = S3FilesSimulation.Create();
        using var store = await AmazonS3ObjectStore.CreateAsync(_client!, _options! with { BucketName = bucket });
        using var source = HttpPushBucketEventSource.Start(bucket, sim.Scheduler);
        var topicArn = await RgwTopics.CreateTopicAsync(_options!, "bench-" + bucket, source.Endpoint);
        await BucketNotifications.ConfigureTopicAsync(_client!, bucket, topicArn);
        var counted = new RequestCountingObjectStore(store);
        var fileSystem = sim.CreateFileSystem(null, counted, source);
        await RunAsync(nameof(HttpPushRgw), sim, fileSystem, counted, (key, text) => PutAsync(bucket, key, text));
        await RgwTopics.DeleteBucketNotificationAsync(_options! with { BucketName = bucket }, BucketNotifications.ConfigurationId);
        await RgwTopics.DeleteTopicAsync(_options!, topicArn);
    }

    private static async Task RunAsync(string name, S3FilesSimulation sim, S3FilesFileSystem fileSystem, RequestCountingObjectStore counted, Func<string, string, Task> put)
    {
        await using var fs = fileSystem.Mount(new MountOptions());
        await fs.MkdirAsync("/d");
        for (var i = 0; i < Files; i++)
        {
            await fs.WriteAllTextAsync($"/d/f{i}.txt", "from the mount " + i);
        }

        var beforeExport = counted.Total;
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        await fs.ReadDirectoryAsync("/d");
        var exportRequests = counted.Total - beforeExport;

        var beforeImport = counted.Total;
        for (var i = 0; i < Files; i++)
        {
            await put($"d/{(i % 2 == 0 ? "f" + i : "new" + i)}.txt", "from another client " + i);
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(12));
        var importRequests = counted.Total - beforeImport;
        if ((await fs.ReadAllTextAsync($"/d/new{Files - 1}.txt")) != "from another client " + (Files - 1))
        {
            throw new InvalidOperationException($"{name}: the last change was not imported within 12 s.");
        }

        RequestCountColumnsAttribute.Record(name, (double)exportRequests / Files, (double)importRequests / Files);
    }

    private async Task PollAsync(string name)
    {
        var bucket = await CreateBucketAsync();
        await using var sim = S3FilesSimulation.Create();
        using var store = await AmazonS3ObjectStore.CreateAsync(_client!, _options! with { BucketName = bucket });
        var counted = new RequestCountingObjectStore(store);
        using var source = new PollingBucketEventSource(counted, sim.Scheduler);
        var fileSystem = sim.CreateFileSystem(null, counted, source);
        source.Watch(fileSystem);
        await RunAsync(name, sim, fileSystem, counted, (key, text) => PutAsync(bucket, key, text));
    }

    private void Connect(Uri serviceUrl, AWSCredentials credentials)
    {
        _options = new AmazonS3ObjectStoreOptions { BucketName = "unset", ServiceUrl = serviceUrl, Credentials = credentials };
        _client = AmazonS3ClientFactory.Create(_options);
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = $"bench-{Environment.ProcessId:x}-{Interlocked.Increment(ref _buckets)}";
        await _client!.PutBucketAsync(bucket);
        await _client.PutBucketVersioningAsync(new Sdk.PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new Sdk.S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
        return bucket;
    }

    private Task PutAsync(string bucket, string key, string text) =>
        _client!.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text });
}
