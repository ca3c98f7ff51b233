using AbstractionsAdapter;
using S3FilesSim;
using S3FilesSim.Abstractions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

// An unchanged System.IO.Abstractions class (InboxProcessor) runs on a simulated S3 Files mount at /mnt/s3files.
await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 20 });
await using var mount = sim.FileSystem.Mount(new MountOptions());
var fileSystem = mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = "/mnt/s3files" });

// Documents arrive in the bucket from another S3 client (an upload service).
await sim.Bucket.PutObjectAsync("inbox/contract.txt", "This agreement is made between two parties.\nIt ends in 2027.\n");
await sim.Bucket.PutObjectAsync("inbox/memo.txt", "Lunch is at noon.\n");
await sim.Bucket.PutObjectAsync("inbox/invoice.txt", "Invoice 42\nTotal: 1,200 EUR\nDue in 30 days\n");
await sim.AdvanceAsync(TimeSpan.FromSeconds(6));                 // their bucket events reach the file system

var processed = new InboxProcessor(fileSystem, "/mnt/s3files").ProcessAll();
Console.WriteLine($"processed through the mount: {string.Join(", ", processed)}");
Console.WriteLine($"summary seen through the mount:\n{fileSystem.File.ReadAllText("/mnt/s3files/processed/memo.summary.txt")}");

// Another S3 client overwrites one summary in the bucket while it is still waiting for export: the bucket wins.
await sim.AdvanceAsync(TimeSpan.FromSeconds(30));
Console.WriteLine($"after 30 s, processed/memo.summary.txt in the bucket: {await sim.Bucket.HeadObjectAsync("processed/memo.summary.txt") is not null}");
await sim.Bucket.PutObjectAsync("processed/invoice.summary.txt", "written by the billing system\n");

await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
var exported = 0;
foreach (var name in processed)
{
    var key = "processed/" + Path.ChangeExtension(name, ".summary.txt");
    exported += await sim.Bucket.HeadObjectAsync(key) is not null ? 1 : 0;
}

var lostAndFound = fileSystem.Directory.GetFiles($"/mnt/s3files/.s3files-lost+found-{sim.FileSystem.FileSystemId}");
Console.WriteLine($"after 91 s: {exported} summaries in the bucket; invoice summary through the mount: {fileSystem.File.ReadAllText("/mnt/s3files/processed/invoice.summary.txt").Trim()}");
Console.WriteLine($"lost+found: {string.Join(", ", lostAndFound.Select(Path.GetFileName))}");
Console.WriteLine($"AbstractionsAdapter: {processed.Count} documents processed, {exported} summaries exported, {sim.FileSystem.LostAndFoundFiles} in lost+found.");
