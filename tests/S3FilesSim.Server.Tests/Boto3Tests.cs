using System.Text.Json;
using FluentAssertions;
using S3FilesSim.Server.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>boto3 (a Python child process) against the endpoint with signed requests and its default checksums.</summary>
public sealed class Boto3Tests : IAsyncLifetime
{
    private const string Prelude = """
        import sys, json, boto3
        from botocore.config import Config
        s3 = boto3.client('s3', endpoint_url=sys.argv[1], config=Config(retries={'max_attempts': 1}))
        out = {}
        """;

    private ServedSimulation _served = null!;

    public async Task InitializeAsync() => _served = await ServedSimulation.StartAsync(withKeys: true);

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task PutGetListCopyDelete_EveryCallAnswersAsS3()
    {
        var result = await RunAsync("""
            s3.create_bucket(Bucket='boto')
            put = s3.put_object(Bucket='boto', Key='dir/a.txt', Body=b'alpha', Metadata={'k': 'v'}, ChecksumAlgorithm='SHA256')
            out['checksum'] = put.get('ChecksumSHA256')
            out['get'] = s3.get_object(Bucket='boto', Key='dir/a.txt')['Body'].read().decode()
            s3.copy_object(Bucket='boto', Key='dir/b.txt', CopySource={'Bucket': 'boto', 'Key': 'dir/a.txt'})
            listing = s3.list_objects_v2(Bucket='boto', Prefix='dir/', Delimiter='/')
            out['keys'] = [o['Key'] for o in listing['Contents']]
            out['meta'] = s3.head_object(Bucket='boto', Key='dir/b.txt')['Metadata']
            deleted = s3.delete_objects(Bucket='boto', Delete={'Objects': [{'Key': 'dir/a.txt'}, {'Key': 'dir/b.txt'}]})
            out['deleted'] = sorted(d['Key'] for d in deleted['Deleted'])
            out['after'] = s3.list_objects_v2(Bucket='boto').get('KeyCount')
            """);

        result.GetProperty("checksum").GetString().Should().Be(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("alpha"u8)));
        result.GetProperty("get").GetString().Should().Be("alpha");
        result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).Should().Equal("dir/a.txt", "dir/b.txt");
        result.GetProperty("meta").GetProperty("k").GetString().Should().Be("v");
        result.GetProperty("deleted").EnumerateArray().Select(k => k.GetString()).Should().Equal("dir/a.txt", "dir/b.txt");
        result.GetProperty("after").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task MultipartUpload_ThreePartsWithChecksums_CompletesIntoOneObject()
    {
        var result = await RunAsync("""
            s3.create_bucket(Bucket='multipart')
            up = s3.create_multipart_upload(Bucket='multipart', Key='big', ChecksumAlgorithm='CRC32')
            parts = []
            for n, fill in enumerate([b'a', b'b', b'c'], start=1):
                body = fill * (5 * 1024 * 1024 if n < 3 else 1000)
                r = s3.upload_part(Bucket='multipart', Key='big', UploadId=up['UploadId'], PartNumber=n, Body=body, ChecksumAlgorithm='CRC32')
                parts.append({'PartNumber': n, 'ETag': r['ETag'], 'ChecksumCRC32': r['ChecksumCRC32']})
            out['uploads'] = len(s3.list_multipart_uploads(Bucket='multipart').get('Uploads', []))
            done = s3.complete_multipart_upload(Bucket='multipart', Key='big', UploadId=up['UploadId'], MultipartUpload={'Parts': parts})
            out['etag'] = done['ETag']
            head = s3.head_object(Bucket='multipart', Key='big', PartNumber=2)
            out['parts'] = head['PartsCount']
            out['part2'] = head['ContentLength']
            out['size'] = s3.head_object(Bucket='multipart', Key='big')['ContentLength']
            attributes = s3.get_object_attributes(Bucket='multipart', Key='big', ObjectAttributes=['ObjectParts', 'ObjectSize'])
            out['attributeParts'] = attributes['ObjectParts']['TotalPartsCount']
            """);

        result.GetProperty("uploads").GetInt32().Should().Be(1);
        result.GetProperty("etag").GetString().Should().EndWith("-3\"");
        result.GetProperty("parts").GetInt32().Should().Be(3);
        result.GetProperty("part2").GetInt64().Should().Be(5 << 20);
        result.GetProperty("size").GetInt64().Should().Be((10 << 20) + 1000);
        result.GetProperty("attributeParts").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Errors_ComeBackAsTheirS3Codes()
    {
        var result = await RunAsync("""
            from botocore.exceptions import ClientError
            def code(call):
                try:
                    call()
                    return None
                except ClientError as e:
                    return e.response['Error']['Code']
            s3.create_bucket(Bucket='errors')
            out['noSuchKey'] = code(lambda: s3.get_object(Bucket='errors', Key='missing'))
            out['noSuchBucket'] = code(lambda: s3.list_objects_v2(Bucket='missing-bucket'))
            out['preconditionFailed'] = code(lambda: (s3.put_object(Bucket='errors', Key='k', Body=b'1'), s3.put_object(Bucket='errors', Key='k', Body=b'2', IfNoneMatch='*')))
            out['notImplemented'] = code(lambda: s3.get_bucket_policy(Bucket='errors'))
            """);

        result.GetProperty("noSuchKey").GetString().Should().Be("NoSuchKey");
        result.GetProperty("noSuchBucket").GetString().Should().Be("NoSuchBucket");
        result.GetProperty("preconditionFailed").GetString().Should().Be("PreconditionFailed");
        result.GetProperty("notImplemented").GetString().Should().Be("NotImplemented");
    }

    private async Task<JsonElement> RunAsync(string body)
    {
        var script = Prelude + "\n" + body + "\nprint(json.dumps(out))\n";
        var result = await ChildProcess.PythonAsync(_served.Endpoint, script);
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement;
    }
}
