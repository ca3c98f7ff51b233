using System.Security.Cryptography;
using Amazon.Runtime.Internal.Util;
using BenchmarkDotNet.Attributes;

namespace S3FilesSim.Benchmarks.Server;

/// <summary>
/// What AWSSDK.S3 spends on the client for every whole-object GET of an object with a single-part ETag, whatever the
/// server: it reads the body through an <c>MD5Stream</c> (AWSSDK.Core's managed MD5, <c>ThirdParty.MD5.MD5Managed</c>)
/// and compares the hash with the ETag. Baseline: the same MD5 of 1 MiB with <see cref="MD5.HashData(byte[])"/>
/// (OpenSSL). A 1 MiB GET through the SDK cannot be faster than <see cref="SdkMd5StreamOf1MiB"/>; at 500 MB/s the
/// whole GET has 2.1 ms.
/// </summary>
public class S3EndpointClientMd5Benchmarks
{
    private static readonly byte[] Large = S3BenchmarkServer.Bytes(1024 * 1024);
    private static readonly byte[] Expected = MD5.HashData(Large);
    private readonly byte[] _buffer = new byte[1024 * 1024];

    /// <summary>Reads 1 MiB from memory through the SDK's <c>MD5Stream</c>, as <c>GetObjectAsync</c>'s response stream does.</summary>
    [Benchmark]
    public async Task<long> SdkMd5StreamOf1MiB()
    {
        using var stream = new MD5Stream(new MemoryStream(Large, writable: false), Expected, Large.Length);
        return await S3BenchmarkServer.ReadToEndAsync(stream, _buffer);
    }

    /// <summary>The MD5 of 1 MiB with the framework's implementation (OpenSSL).</summary>
    [Benchmark(Baseline = true)]
    public byte[] SystemMd5Of1MiB() => MD5.HashData(Large);
}
