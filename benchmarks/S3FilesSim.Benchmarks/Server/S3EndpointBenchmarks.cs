using BenchmarkDotNet.Attributes;

namespace S3FilesSim.Benchmarks.Server;

/// <summary>
/// The S3 endpoint of <c>s3files-sim serve</c> (<see cref="S3FilesSim.Server.S3FilesSimServer"/>, in process) against
/// moto_server (a child process the benchmark starts), both on loopback, driven by AWSSDK.S3 over HTTP: PUT and GET of
/// 1 KiB and 1 MiB objects. Both buckets are unversioned, so repeated PUTs replace one object. Compare the
/// <see cref="Server"/> rows of one method: the ratio moto / serve is the speed-up. The listing of 10,000 keys is
/// <see cref="S3EndpointListBenchmarks"/>; where the time of a 1 MiB GET goes is <see cref="S3EndpointGetBaselineBenchmarks"/>.
/// </summary>
/// <remarks>Targets of issue 15: at least 10 times moto's request rate for 1 KiB objects; a 1 MiB GET at 500 MB/s or more.</remarks>
public class S3EndpointBenchmarks
{
    private static readonly byte[] Small = S3BenchmarkServer.Bytes(1024);
    private static readonly byte[] Large = S3BenchmarkServer.Bytes(1024 * 1024);
    private readonly byte[] _buffer = new byte[1024 * 1024];
    private S3BenchmarkServer? _target;

    /// <summary>The server under test: <c>serve</c> (S3FilesSimServer) or <c>moto</c> (moto_server).</summary>
    [Params("serve", "moto")]
    public string Server { get; set; } = "serve";

    private S3BenchmarkServer Target => _target ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>Starts the server, creates the bucket and the two objects GETs read.</summary>
    [GlobalSetup]
    public async Task StartAsync()
    {
        _target = await S3BenchmarkServer.StartAsync(Server);
        await Target.PutAsync("get/small", Small);
        await Target.PutAsync("get/large", Large);
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

    /// <summary>PutObject of 1 KiB.</summary>
    [Benchmark]
    public Task PutObject1KiB() => Target.PutAsync("put/small", Small);

    /// <summary>PutObject of 1 MiB.</summary>
    [Benchmark]
    public Task PutObject1MiB() => Target.PutAsync("put/large", Large);

    /// <summary>GetObject of 1 KiB, body read to the end.</summary>
    [Benchmark]
    public Task<long> GetObject1KiB() => Target.GetAsync("get/small", _buffer);

    /// <summary>GetObject of 1 MiB, body read to the end.</summary>
    [Benchmark]
    public Task<long> GetObject1MiB() => Target.GetAsync("get/large", _buffer);
}
