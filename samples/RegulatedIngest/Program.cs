// A regulated ingest: records arrive in a Source bucket, a job reads them through a read-only S3 Files mount and writes
// its results through a read-write mount of a separate Result bucket. Each result is stamped with the freshness of the
// record it came from, and the downstream consumer checks that stamp on the exported object's metadata. Another S3
// client overwrites one result while it waits for export: the bucket wins, the file goes to lost+found, and the
// LostAndFoundFiles alarm fires.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
using S3FilesSim;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 21 });
var sourceBucket = sim.CreateBucket("ingest-source");
var resultBucket = sim.CreateBucket("ingest-results");
var sourceFs = sim.CreateFileSystem(null, sourceBucket);                             // two file systems, one per bucket
var resultFs = sim.CreateFileSystem(null, resultBucket);
var alarms = new List<string>();
resultFs.Alarms.StateChanged += (_, change) => alarms.Add($"{change.AlarmName} {change.OldState} -> {change.NewState} at {change.Timestamp:HH:mm:ss}");

// 1. The upstream system drops records into the Source bucket with the S3 API.
for (var i = 1; i <= 4; i++)
{
    await sourceBucket.PutObjectAsync($"records/batch-{i}.csv", $"id,amount\n{i},{i * 100}\n");
    await sim.AdvanceAsync(TimeSpan.FromSeconds(2));
}

// 2. Mount the Source read-only (the job must not change evidence) and the Result bucket read-write.
await using var input = sourceFs.Mount(new MountOptions { ReadOnly = true });
await using var output = resultFs.Mount(new MountOptions());
try
{
    await input.WriteAllTextAsync("/records/tampered.csv", "x");
}
catch (FileSystemException e)
{
    Console.WriteLine($"source mount is read-only: {e.Errno}");                      // EROFS
}

// 3. Process each record. The freshness stamp is the source object's LastModified, set as the result's mtime: S3 Files
//    has no user-defined xattrs (setxattr fails), but every export carries the mtime as the object's file-mtime metadata.
try
{
    await output.WriteAllTextAsync("/probe", "");
    await output.SetExtendedAttributeAsync("/probe", "user.freshness", "x"u8.ToArray());
}
catch (FileSystemException e)
{
    Console.WriteLine($"custom xattr: {e.Errno}; the stamp travels as file-mtime instead");
    await output.UnlinkAsync("/probe");
}

await output.CreateDirectoriesAsync("/results");
var stamps = new Dictionary<string, DateTimeOffset>();
foreach (var entry in await input.ReadDirectoryAsync("/records"))
{
    var record = await input.ReadAllTextAsync($"/records/{entry.Name}");
    var sourceObject = await sourceBucket.HeadObjectAsync($"records/{entry.Name}");
    var result = $"/results/{Path.GetFileNameWithoutExtension(entry.Name)}.json";
    await output.WriteAllTextAsync(result, $"{{\"rows\":{record.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1}}}");
    await output.SetTimesAsync(result, TimeUpdate.Omit, TimeUpdate.To(sourceObject!.LastModified));
    stamps[result.TrimStart('/')] = sourceObject.LastModified;
}

// 4. Watch PendingExports while the 60 s commit delay runs; halfway, another S3 client overwrites one result.
Console.WriteLine($"t+0s   PendingExports={resultFs.PendingExports}");
await sim.AdvanceAsync(TimeSpan.FromSeconds(30));
await resultBucket.PutObjectAsync("results/batch-2.json", "{\"rows\":-1,\"writer\":\"legacy ETL\"}");
Console.WriteLine($"t+30s  PendingExports={resultFs.PendingExports} (legacy ETL overwrote results/batch-2.json in the bucket)");
await sim.AdvanceAsync(TimeSpan.FromSeconds(35));
Console.WriteLine($"t+65s  PendingExports={resultFs.PendingExports}");

// 5. The downstream consumer accepts a result only if its file-mtime stamp matches the source record's freshness.
foreach (var (key, stamp) in stamps)
{
    var exported = await resultBucket.HeadObjectAsync(key);
    var fresh = exported is not null && exported.Metadata.TryGetValue("file-mtime", out var mtime)
        && mtime == $"{Timespec.FromDateTimeOffset(stamp).TotalNanoseconds}ns";
    Console.WriteLine($"downstream: {key,-22} {(fresh ? "fresh, accepted" : "no freshness stamp, rejected")}");
}

// 6. The overwritten result is in lost+found; the LostAndFoundFiles alarm fires at the next 1-minute datapoint.
await sim.AdvanceAsync(TimeSpan.FromMinutes(2));
var lostAndFound = $"/.s3files-lost+found-{resultFs.FileSystemId}";
foreach (var entry in await output.ReadDirectoryAsync(lostAndFound))
{
    Console.WriteLine($"lost+found: {entry.Name}");
}

alarms.ForEach(Console.WriteLine);
Console.WriteLine($"RegulatedIngest: {stamps.Count} results, {resultFs.LostAndFoundFiles} in lost+found, alarm {resultFs.Alarms.GetState("S3Files-LostAndFoundFiles")}.");
