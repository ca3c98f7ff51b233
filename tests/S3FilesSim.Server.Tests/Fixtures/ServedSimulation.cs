using Amazon.Runtime;
using Amazon.S3;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.Tests.Fixtures;

/// <summary>A simulation served on a free loopback port with manual time, and S3 clients for it.</summary>
public sealed class ServedSimulation : IAsyncDisposable
{
    public const string AccessKey = ChildProcess.AccessKey;
    public const string SecretKey = ChildProcess.SecretKey;

    private readonly List<IDisposable> _clients = [];
    private int _buckets;

    private ServedSimulation(S3FilesSimulation simulation, S3FilesSimServer server)
    {
        Simulation = simulation;
        Server = server;
        Control = new S3FilesSimClient(server.Endpoint);
    }

    public S3FilesSimulation Simulation { get; }

    public S3FilesSimServer Server { get; }

    public Uri Endpoint => Server.Endpoint;

    public S3FilesSimClient Control { get; }

    /// <summary>Starts a simulation (seed 1, events after 1 to 5 s) served with manual time.</summary>
    public static async Task<ServedSimulation> StartAsync(bool withKeys = false, SimulationOptions? simulationOptions = null, S3FilesSimServerOptions? serverOptions = null)
    {
        var simulation = S3FilesSimulation.Create(simulationOptions ?? new SimulationOptions { Seed = 1 });
        var options = (serverOptions ?? new S3FilesSimServerOptions()) with { Port = 0, TimeMode = TimeMode.Manual };
        if (withKeys)
        {
            options = options with { Keys = [new S3AccessKey(AccessKey, SecretKey)] };
        }

        var server = await S3FilesSimServer.StartAsync(simulation, options);
        return new ServedSimulation(simulation, server);
    }

    /// <summary>Creates an AWSSDK.S3 client for the endpoint.</summary>
    /// <param name="checksums">When the SDK computes request checksums: <c>WHEN_SUPPORTED</c> (the default of current SDKs:
    /// aws-chunked bodies with a CRC32 trailer) or <c>WHEN_REQUIRED</c> (plain bodies).</param>
    /// <param name="pathStyle">Path-style (<c>/bucket/key</c>) or virtual-hosted-style (<c>bucket.localhost</c>) addressing.</param>
    /// <param name="secretKey">The secret to sign with.</param>
    public AmazonS3Client CreateClient(RequestChecksumCalculation? checksums = null, bool pathStyle = true, string secretKey = SecretKey)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = pathStyle ? Endpoint.ToString() : $"http://localhost:{Endpoint.Port}/",
            ForcePathStyle = pathStyle,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            RequestChecksumCalculation = checksums ?? RequestChecksumCalculation.WHEN_SUPPORTED,
            ResponseChecksumValidation = checksums == RequestChecksumCalculation.WHEN_REQUIRED ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED,
        };
        if (!pathStyle)
        {
            // BUCKET.localhost resolves to loopback only where the resolver knows the .localhost domain (systemd-resolved,
            // nss-myhostname); connect every host name to the endpoint, as such a resolver would.
            config.HttpClientFactory = new LoopbackHttpClientFactory(Endpoint);
        }

        var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, secretKey), config);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Returns a new bucket name.</summary>
    public string NewBucketName(string prefix = "bucket") => $"{prefix}-{Interlocked.Increment(ref _buckets)}";

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        Control.Dispose();
        await Server.DisposeAsync();
        await Simulation.DisposeAsync();
    }
}

/// <summary>Creates SDK HTTP clients that connect every host name to one loopback endpoint.</summary>
internal sealed class LoopbackHttpClientFactory(Uri endpoint) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    });
}
