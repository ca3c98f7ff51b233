using System.Net;
using Amazon.S3;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace S3FilesSim.Benchmarks.Server;

/// <summary>
/// Where the time of a 1 MiB GET over loopback goes: the same GET from <c>serve</c> and from a trivial Kestrel endpoint
/// that answers every GET with 1 MiB from memory (the floor of any ASP.NET Core server on this machine), each read by
/// AWSSDK.S3 (<c>GetObjectAsync</c>, as <see cref="S3EndpointBenchmarks.GetObject1MiB"/>) and by a plain
/// <see cref="HttpClient"/> (the floor of any .NET client), for an object with a single-part ETag (the MD5 of its bytes,
/// as a PutObject gives) and with a multipart ETag (<c>"…-1"</c>, as a CompleteMultipartUpload gives). serve ÷ kestrel
/// is what the endpoint costs; sdk ÷ http is what the client costs.
/// </summary>
/// <remarks>AWSSDK.S3 computes the MD5 of every whole-object GET whose ETag is single-part and compares it with the ETag
/// (<c>AmazonS3ResponseHandler</c> wraps the body in an <c>MD5Stream</c>; neither <c>ResponseChecksumValidation</c> nor
/// any other setting turns it off), so a 1 MiB GET through the SDK costs one MD5 of 1 MiB on the client whatever the
/// server; a multipart ETag skips it.</remarks>
public class S3EndpointGetBaselineBenchmarks
{
    private const string Key = "get/large";
    private static readonly byte[] Large = S3BenchmarkServer.Bytes(1024 * 1024);
    private readonly byte[] _buffer = new byte[1024 * 1024];
    private S3BenchmarkServer? _serve;
    private WebApplication? _kestrel;
    private AmazonS3Client? _sdk;
    private HttpClient? _http;
    private Uri? _url;

    /// <summary>The server: <c>serve</c> (S3FilesSimServer) or <c>kestrel</c> (a trivial endpoint answering 1 MiB from memory).</summary>
    [Params("serve", "kestrel")]
    public string Server { get; set; } = "serve";

    /// <summary>The client: <c>sdk</c> (AWSSDK.S3 GetObjectAsync) or <c>http</c> (HttpClient GET, headers read first, body streamed).</summary>
    [Params("sdk", "http")]
    public string Client { get; set; } = "sdk";

    /// <summary>The object's ETag: <c>md5</c> (single-part, stored by PutObject) or <c>multipart</c> (stored by a one-part
    /// CompleteMultipartUpload).</summary>
    [Params("md5", "multipart")]
    public string ETag { get; set; } = "md5";

    /// <summary>Starts the server and the client; on serve, stores the object.</summary>
    [GlobalSetup]
    public async Task StartAsync()
    {
        Uri endpoint;
        if (Server == "serve")
        {
            _serve = await S3BenchmarkServer.StartAsync("serve");
            if (ETag == "md5")
            {
                await _serve.PutAsync(Key, Large);
            }
            else
            {
                await PutOnePartUploadAsync(_serve.Client);
            }

            endpoint = _serve.Endpoint;
        }
        else
        {
            var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Large));
            _kestrel = await StartTrivialEndpointAsync(ETag == "md5" ? $"\"{md5}\"" : $"\"{md5}-1\"");
            endpoint = new Uri(_kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        }

        _url = new Uri(endpoint, $"{S3BenchmarkServer.Bucket}/{Key}");
        _http = new HttpClient();
        _sdk = S3BenchmarkServer.CreateClient(endpoint);
    }

    /// <summary>Stops the server and the clients.</summary>
    [GlobalCleanup]
    public async Task StopAsync()
    {
        _sdk?.Dispose();
        _http?.Dispose();
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        if (_kestrel is not null)
        {
            await _kestrel.StopAsync();
            await _kestrel.DisposeAsync();
        }
    }

    /// <summary>GET of 1 MiB, body read to the end.</summary>
    [Benchmark]
    public async Task<long> GetObject1MiB()
    {
        if (Client == "sdk")
        {
            using var response = await _sdk!.GetObjectAsync(S3BenchmarkServer.Bucket, Key);
            return await S3BenchmarkServer.ReadToEndAsync(response.ResponseStream, _buffer);
        }

        using var message = await _http!.GetAsync(_url, HttpCompletionOption.ResponseHeadersRead);
        message.EnsureSuccessStatusCode();
        using var body = await message.Content.ReadAsStreamAsync();
        return await S3BenchmarkServer.ReadToEndAsync(body, _buffer);
    }

    private static async Task PutOnePartUploadAsync(AmazonS3Client client)
    {
        var create = await client.InitiateMultipartUploadAsync(new Amazon.S3.Model.InitiateMultipartUploadRequest { BucketName = S3BenchmarkServer.Bucket, Key = Key });
        using var body = new MemoryStream(Large, writable: false);
        var part = await client.UploadPartAsync(new Amazon.S3.Model.UploadPartRequest { BucketName = S3BenchmarkServer.Bucket, Key = Key, UploadId = create.UploadId, PartNumber = 1, InputStream = body });
        await client.CompleteMultipartUploadAsync(new Amazon.S3.Model.CompleteMultipartUploadRequest
        {
            BucketName = S3BenchmarkServer.Bucket,
            Key = Key,
            UploadId = create.UploadId,
            PartETags = [new Amazon.S3.Model.PartETag { PartNumber = 1, ETag = part.ETag }],
        });
    }

    /// <summary>Starts a Kestrel endpoint on a free loopback port that answers every GET with <see cref="Large"/> and the
    /// headers an S3 GET carries (<paramref name="etag"/>, Last-Modified, Content-Type, Content-Length).</summary>
    private static async Task<WebApplication> StartTrivialEndpointAsync(string etag)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var lastModified = DateTimeOffset.UnixEpoch.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        app.Run(async context =>
        {
            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = lastModified;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = Large.Length;
            await context.Response.Body.WriteAsync(Large, context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }
}
