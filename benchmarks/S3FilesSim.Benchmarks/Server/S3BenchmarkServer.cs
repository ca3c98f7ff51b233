using Amazon.Runtime;
using Amazon.S3;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.Server;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Benchmarks.Server;

/// <summary>The server an S3 endpoint benchmark drives over loopback, started in <c>GlobalSetup</c>: <c>serve</c>
/// (<see cref="S3FilesSimServer"/> in process, manual time, unversioned new buckets) or <c>moto</c> (a moto_server child
/// process), with an AWSSDK.S3 client configured as an application would (path style, checksums only when required)
/// and one bucket.</summary>
internal sealed class S3BenchmarkServer : IAsyncDisposable
{
    public const string Bucket = "bench";
    private readonly S3FilesSimulation? _simulation;
    private readonly S3FilesSimServer? _server;
    private readonly MotoServer? _moto;

    private S3BenchmarkServer(Uri endpoint, S3FilesSimulation? simulation, S3FilesSimServer? server, MotoServer? moto)
    {
        Endpoint = endpoint;
        _simulation = simulation;
        _server = server;
        _moto = moto;
        Client = CreateClient(endpoint);
    }

    /// <summary>Gets the S3 endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the AWSSDK.S3 client for <see cref="Endpoint"/>.</summary>
    public AmazonS3Client Client { get; }

    /// <summary>Starts <paramref name="server"/> (<c>serve</c> or <c>moto</c>) and creates <see cref="Bucket"/>.</summary>
    public static async Task<S3BenchmarkServer> StartAsync(string server)
    {
        S3BenchmarkServer started;
        if (server == "moto")
        {
            var moto = await MotoServer.StartAsync();
            started = new S3BenchmarkServer(moto.ServiceUrl, null, null, moto);
        }
        else if (server == "serve")
        {
            var simulation = S3FilesSimulation.Create();
            var served = await S3FilesSimServer.StartAsync(simulation, new S3FilesSimServerOptions { Port = 0, TimeMode = TimeMode.Manual, VersionNewBuckets = false });
            started = new S3BenchmarkServer(served.Endpoint, simulation, served, null);
        }
        else
        {
            throw new ArgumentException($"Unknown server '{server}': serve or moto.", nameof(server));
        }

        await started.Client.PutBucketAsync(new Sdk.PutBucketRequest { BucketName = Bucket });
        return started;
    }

    /// <summary>Creates an AWSSDK.S3 client for <paramref name="endpoint"/>: path style, checksums only when required.</summary>
    public static AmazonS3Client CreateClient(Uri endpoint) => new(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config
    {
        ServiceURL = endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>PutObject of <paramref name="body"/> at <paramref name="key"/>.</summary>
    public async Task PutAsync(string key, byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        await Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = Bucket, Key = key, InputStream = stream, AutoCloseStream = false });
    }

    /// <summary>GetObject of <paramref name="key"/>, the body read to the end into <paramref name="buffer"/>.</summary>
    /// <returns>The bytes read.</returns>
    public async Task<long> GetAsync(string key, byte[] buffer)
    {
        using var response = await Client.GetObjectAsync(Bucket, key);
        return await ReadToEndAsync(response.ResponseStream, buffer);
    }

    /// <summary>Reads <paramref name="stream"/> to the end into <paramref name="buffer"/>, over and over.</summary>
    /// <returns>The bytes read.</returns>
    public static async Task<long> ReadToEndAsync(Stream stream, byte[] buffer)
    {
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Creates a deterministic random body of <paramref name="length"/> bytes.</summary>
    public static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(15).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
}
