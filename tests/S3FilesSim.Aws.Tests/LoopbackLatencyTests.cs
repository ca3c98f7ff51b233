using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using Xunit;
using Xunit.Abstractions;

namespace S3FilesSim.Aws.Tests;

/// <summary>Measures the adapter's per-operation latency against the endpoint (moto on loopback by default) and prints it.</summary>
[Collection(S3EndpointCollection.Name)]
public sealed class LoopbackLatencyTests(S3EndpointFixture endpoint, ITestOutputHelper output)
{
    private const int Iterations = 50;

    [Fact]
    public async Task Operations_SmallObjects_MedianLatencyPrintedAndUnderOneSecond()
    {
        using var store = await endpoint.CreateStoreAsync();
        for (var i = 0; i < 100; i++)
        {
            await store.PutObjectAsync($"list/{i:D3}", "x");
        }

        var body = ObjectContent.Generated(4096, seed: 1);
        var timings = new Dictionary<string, double>
        {
            ["PutObject 4 KiB"] = await MedianAsync(i => store.PutObjectAsync(new PutObjectRequest { Key = $"k/{i}", Content = body }).AsTask()),
            ["PutObject If-None-Match"] = await MedianAsync(i => store.PutObjectAsync(new PutObjectRequest { Key = $"new/{i}", Content = body, IfNoneMatch = ETag.Any }).AsTask()),
            ["GetObject 4 KiB"] = await MedianAsync(async i => (await store.GetObjectBytesAsync($"k/{i}"))!.Length.Should().Be(4096)),
            ["GetObject range"] = await MedianAsync(async i =>
            {
                using var get = await store.GetObjectAsync(new GetObjectRequest { Key = $"k/{i}", Range = ByteRange.Between(0, 127) });
                get.ContentLength.Should().Be(128);
            }),
            ["HeadObject"] = await MedianAsync(async i => (await store.HeadObjectAsync($"k/{i}"))!.ContentLength.Should().Be(4096)),
            ["HeadObject absent"] = await MedianAsync(async i => (await store.HeadObjectAsync($"absent/{i}")).Should().BeNull()),
            ["ListObjectsV2 100 keys"] = await MedianAsync(async _ => (await store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "list/" })).Contents.Should().HaveCount(100)),
            ["ListObjectVersions 100"] = await MedianAsync(async _ => (await store.ListObjectVersionsAsync(new ListObjectVersionsRequest { Prefix = "list/" })).Versions.Should().HaveCount(100)),
            ["CopyObject"] = await MedianAsync(i => store.CopyObjectAsync(new CopyObjectRequest { SourceKey = $"k/{i}", DestinationKey = $"copy/{i}" }).AsTask()),
            ["DeleteObject"] = await MedianAsync(i => store.DeleteObjectAsync($"copy/{i}").AsTask()),
        };

        foreach (var (operation, milliseconds) in timings)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation,-26} {milliseconds,7:F2} ms (median of {Iterations})"));
        }

        timings.Values.Should().OnlyContain(ms => ms < 1000);
    }

    private static async Task<double> MedianAsync(Func<int, Task> operation)
    {
        var samples = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return samples[Iterations / 2];
    }
}
