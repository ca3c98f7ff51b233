// The document pipeline over a real bucket: the file system runs on the virtual clock, but every bucket call is a real
// request to the endpoint named by the environment (Amazon S3, MinIO, moto, ...). Credentials come from the AWS SDK's
// default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...).
//   S3FILESSIM_S3_ENDPOINT  endpoint URL, or "aws" for Amazon S3
//   S3FILESSIM_S3_REGION    Region (default: AWS_REGION, else us-east-1)
//   S3FILESSIM_S3_BUCKET    bucket name; created with versioning enabled if it does not exist
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html (a versioned bucket)
using Amazon.S3;
using Amazon.S3.Model;
using S3FilesSim;
using S3FilesSim.Aws;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

var endpoint = Environment.GetEnvironmentVariable("S3FILESSIM_S3_ENDPOINT");
var bucketName = Environment.GetEnvironmentVariable("S3FILESSIM_S3_BUCKET");
if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(bucketName))
{
    Console.WriteLine("AwsBucket: skipped, set S3FILESSIM_S3_ENDPOINT and S3FILESSIM_S3_BUCKET to run against a real bucket.");
    return;
}

var options = new AmazonS3ObjectStoreOptions
{
    BucketName = bucketName,
    ServiceUrl = endpoint == "aws" ? null : new Uri(endpoint),
    Region = Environment.GetEnvironmentVariable("S3FILESSIM_S3_REGION") is { Length: > 0 } region ? region
        : Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
};

// 1. Make sure the bucket exists and is versioned (S3 Files requires versioning).
using (var client = AmazonS3ClientFactory.Create(options))
{
    if (!await Amazon.S3.Util.AmazonS3Util.DoesS3BucketExistV2Async(client, bucketName))
    {
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucketName });
    }

    await client.PutBucketVersioningAsync(new PutBucketVersioningRequest
    {
        BucketName = bucketName,
        VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
    });
}

// 2. A file system over the real bucket; bounded polling of the directories it has listed stands in for the
//    EventBridge rules that report bucket changes (SqsBucketEventSource reads the bucket's own notifications instead).
await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 3 });
using var bucket = await AmazonS3ObjectStore.CreateAsync(options);
using var changes = new PollingBucketEventSource(bucket, sim.Scheduler);
var fileSystem = sim.CreateFileSystem(null, bucket, changes);
changes.Watch(fileSystem);
await using var fs = fileSystem.Mount(new MountOptions());

// 3. Another S3 client drops documents into inbox/ (a run prefix keeps runs apart).
var run = $"run-{Guid.NewGuid():N}"[..12];
for (var i = 0; i < 3; i++)
{
    await bucket.PutObjectAsync($"{run}/inbox/doc-{i}.txt", $"document {i}\nline two of document {i}\n");
}

await sim.AdvanceAsync(TimeSpan.FromSeconds(6));                                   // one poll (every 5 s) reports them

// 4. The job, through the mount: read each document, write its metadata, move it to processed/.
await fs.CreateDirectoriesAsync($"/{run}/processed");
foreach (var entry in await fs.ReadDirectoryAsync($"/{run}/inbox"))
{
    var text = await fs.ReadAllTextAsync($"/{run}/inbox/{entry.Name}");
    await fs.WriteAllTextAsync($"/{run}/processed/{entry.Name}.meta.json", $"{{\"lines\":{text.Count(c => c == '\n')}}}");
    await fs.RenameAsync($"/{run}/inbox/{entry.Name}", $"/{run}/processed/{entry.Name}");
}

// 5. Virtual time passes the 60 s commit delay at once; the exports are real requests to the endpoint.
var before = (await bucket.ListObjectsV2Async(new S3FilesSim.ObjectStorage.ListObjectsV2Request { Prefix = $"{run}/processed/" })).Contents.Count;
await sim.AdvanceAsync(TimeSpan.FromSeconds(65));
var after = (await bucket.ListObjectsV2Async(new S3FilesSim.ObjectStorage.ListObjectsV2Request { Prefix = $"{run}/processed/" })).Contents;
foreach (var item in after)
{
    Console.WriteLine($"s3://{bucketName}/{item.Key} ({item.Size} bytes)");
}

Console.WriteLine($"AwsBucket: {after.Count(i => i.Key.EndsWith(".meta.json", StringComparison.Ordinal))} results exported to s3://{bucketName}/{run}/processed/ ({before} keys there before the commit delay).");
