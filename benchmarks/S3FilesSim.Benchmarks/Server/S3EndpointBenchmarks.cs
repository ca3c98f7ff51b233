using Amazon.Runtime;
using Amazon.S3;
using BenchmarkDotNet.Attributes;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.Server;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Benchmarks.Server;

/// <summary>
/// The S3 endpoint of <c>s3files-sim serve</c> (<see cref="S3FilesSimServer"/>, in process) against moto_server (a child
/// process the benchmark starts), both on loopback, driven by AWSSDK.S3 over HTTP: PUT and GET of 1 KiB and 1 MiB objects
/// and a full ListObjectsV2 of 10,000 keys (10 pages of 1,000). Both buckets are unversioned, so repeated PUTs replace
/// one object. Compare the <see cref="Server"/> rows of one method: the ratio moto / serve is the speed-up.
/// </summary>
/// <remarks>Targets of issue 15: at least 10 times moto's request rate for 1 KiB objects; a 1 MiB GET at 500 MB/s or more.</remarks>
public class S3EndpointBenchmarks
{
    private const string Bucket = "bench";
    private const int ListedKeys = 10_000;
    private static readonly byte[] Small = Bytes(1024);
    private static readonly byte[] Large = Bytes(1024 * 1024);
    private readonly byte[] _buffer = new byte[1024 * 1024];
    private S3FilesSimulation? _simulation;
    private S3FilesSimServer? _server;
    private MotoServer? _moto;
    private AmazonS3Client? _client;

    /// <summary>The server under test: <c>serve</c> (S3FilesSimServer) or <c>moto</c> (moto_server).</summary>
    [Params("serve", "moto")]
    public string Server { get; set; } = "serve";

    private AmazonS3Client Client => _client ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>Starts the server, creates the bucket and the two objects GETs read.</summary>
    [GlobalSetup(Targets = [nameof(PutObject1KiB), nameof(PutObject1MiB), nameof(GetObject1KiB), nameof(GetObject1MiB)])]
    public async Task StartAsync()
    {
        Uri endpoint;
        if (Server == "moto")
        {
            _moto = await MotoServer.StartAsync();
            endpoint = _moto.ServiceUrl;
        }
        else
        {
            _simulation = S3FilesSimulation.Create();
            _server = await S3FilesSimServer.StartAsync(_simulation, new S3FilesSimServerOptions { Port = 0, TimeMode = TimeMode.Manual, VersionNewBuckets = false });
            endpoint = _server.Endpoint;
        }

        _client = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        await Client.PutBucketAsync(new Sdk.PutBucketRequest { BucketName = Bucket });
        await PutAsync("get/small", Small);
        await PutAsync("get/large", Large);
    }

    /// <summary>Starts the server and creates the 10,000 keys the listing reads.</summary>
    [GlobalSetup(Target = nameof(ListObjectsV2Of10000Keys))]
    public async Task StartWithKeysAsync()
    {
        await StartAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, ListedKeys), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
            await Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = Bucket, Key = $"list/{i:D5}", ContentBody = "x" }, cancellationToken));
    }

    /// <summary>Stops the server.</summary>
    [GlobalCleanup]
    public async Task StopAsync()
    {
        _client?.Dispose();
        _moto?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_simulation is not null)
        {
            await _simulation.DisposeAsync();
        }
    }

    /// <summary>PutObject of 1 KiB.</summary>
    [Benchmark]
    public Task PutObject1KiB() => PutAsync("put/small", Small);

    /// <summary>PutObject of 1 MiB.</summary>
    [Benchmark]
    public Task PutObject1MiB() => PutAsync("put/large", Large);

    /// <summary>GetObject of 1 KiB, body read to the end.</summary>
    [Benchmark]
    public Task<long> GetObject1KiB() => GetAsync("get/small");

    /// <summary>GetObject of 1 MiB, body read to the end.</summary>
    [Benchmark]
    public Task<long> GetObject1MiB() => GetAsync("get/large");

    /// <summary>ListObjectsV2 of 10,000 keys: 10 pages of 1,000.</summary>
    [Benchmark]
    public async Task<int> ListObjectsV2Of10000Keys()
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await Client.ListObjectsV2Async(new Sdk.ListObjectsV2Request { BucketName = Bucket, Prefix = "list/", ContinuationToken = token });
            count += page.KeyCount ?? 0;
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return count == ListedKeys ? count : throw new InvalidOperationException($"Listed {count} keys, expected {ListedKeys}.");
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(15).NextBytes(bytes);
        return bytes;
    }

    private async Task PutAsync(string key, byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        await Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = Bucket, Key = key, InputStream = stream, AutoCloseStream = false });
    }

    private async Task<long> GetAsync(string key)
    {
        using var response = await Client.GetObjectAsync(Bucket, key);
        long total = 0;
        int read;
        while ((read = await response.ResponseStream.ReadAsync(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
