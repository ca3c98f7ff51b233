using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using S3FilesSim.FileSystem;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>How the server binds, refuses unsafe binds, follows time modes and exports its meters over OTLP.</summary>
public sealed class ServerHostingTests
{
    [Fact]
    public async Task StartAsync_Port0_ListensOnAFreeLoopbackPort()
    {
        await using var sim = S3FilesSimulation.Create();

        await using var server = await S3FilesSimServer.StartAsync(sim, new S3FilesSimServerOptions { Port = 0, TimeMode = TimeMode.Manual });

        server.Endpoint.Host.Should().Be("127.0.0.1");
        server.Endpoint.Port.Should().BeGreaterThan(0);
        using var http = new HttpClient();
        (await http.GetStringAsync(server.ControlUrl)).Should().Contain(server.Endpoint.ToString());
    }

    [Fact]
    public async Task StartAsync_NonLoopbackAddressWithoutKeys_IsRefused()
    {
        await using var sim = S3FilesSimulation.Create();

        var act = () => S3FilesSimServer.StartAsync(sim, new S3FilesSimServerOptions { Host = "0.0.0.0", Port = 0 });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("not a loopback address");
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsIOException()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        await using var sim = S3FilesSimulation.Create();

        var act = () => S3FilesSimServer.StartAsync(sim, new S3FilesSimServerOptions { Port = ((IPEndPoint)taken.LocalEndpoint).Port, TimeMode = TimeMode.Manual });

        await act.Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task ScaledTime_TheClockMovesOnItsOwn()
    {
        await using var served = await ServedSimulation.StartAsync();
        var before = served.Simulation.Now;

        await served.Control.SetTimeModeAsync(TimeMode.Scaled, 600);
        await PollAsync(() => served.Simulation.Now >= before + TimeSpan.FromSeconds(61));

        served.Server.TimeMode.Should().Be(TimeMode.Scaled);
    }

    [Fact]
    public async Task OtlpEndpoint_ExportsTheCloudWatchNamedInstruments()
    {
        var received = new ConcurrentQueue<byte[]>();
        await using var collector = await StartCollectorAsync(received);
        await using var sim = S3FilesSimulation.Create();
        var options = new S3FilesSimServerOptions { Port = 0, TimeMode = TimeMode.Manual, OtlpEndpoint = new Uri(collector.Url, "v1/metrics"), OtlpExportInterval = TimeSpan.FromMilliseconds(200) };
        await using var server = await S3FilesSimServer.StartAsync(sim, options);
        await using (var mount = sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/a.txt", "measured");
        }

        await PollAsync(() => received.Any(body => Contains(body, "PendingExports") && Contains(body, "DataWriteBytes")));

        received.Should().Contain(body => Contains(body, sim.FileSystem.FileSystemId));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 60 s of wall time");
            await Task.Delay(50);
        }
    }

    /// <summary>An OTLP/HTTP metrics receiver on a free loopback port that keeps every request body.</summary>
    private static async Task<Collector> StartCollectorAsync(ConcurrentQueue<byte[]> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/metrics", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Collector(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    private sealed class Collector(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url => url;

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
