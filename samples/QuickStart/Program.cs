using S3FilesSim;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 7 });
await using var fs = sim.FileSystem.Mount(new MountOptions());                     // as root, like sudo mount -t s3files

await fs.CreateDirectoriesAsync("/inbox");
await fs.WriteAllTextAsync("/inbox/a.txt", "hello");
Console.WriteLine(await sim.Bucket.HeadObjectAsync("inbox/a.txt") is null);        // True: not exported yet

await sim.AdvanceAsync(TimeSpan.FromSeconds(61));                                   // virtual time: returns at once
var exported = await sim.Bucket.HeadObjectAsync("inbox/a.txt");
Console.WriteLine(exported!.Metadata["file-owner"]);                                // 0 (the uid, as object metadata)

await sim.Bucket.PutObjectAsync("inbox/a.txt", "from another S3 client");          // a bucket-side write
await sim.AdvanceAsync(TimeSpan.FromSeconds(5));                                    // the event is delivered
Console.WriteLine(await fs.ReadAllTextAsync("/inbox/a.txt"));                       // from another S3 client
