// The seed article's before/after, on one machine: a Lambda-style job that processes the documents of inbox/
// (count lines and words, write processed/<name>.meta.json, move the document to processed/), done twice:
// "before" with S3 API calls straight on a bucket (list, get, put, copy + delete), "after" through an S3 Files mount
// (readdir, read, write, rename). Request counts, modelled time and cost are printed side by side.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html
using System.Text;
using S3FilesSim;
using S3FilesSim.Cost;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

string[] documents =
[
    "Invoice 1001\nCustomer: Acme Corp\nAmount due: 1,250.00 USD\nDue date: 2026-05-01\n",
    "Invoice 1002\nCustomer: Globex\nAmount due: 310.75 USD\nDue date: 2026-05-03\nNotes: net 30\n",
    "Contract amendment\nThe parties agree to extend the term by twelve months.\nAll other terms remain unchanged.\n",
    "Meeting minutes\nAttendees: A. Lovelace, C. Babbage\nDecision: ship the analytical engine in Q3.\n",
    "Shipping manifest\nPallets: 14\nWeight: 6,200 kg\nPort of loading: Rotterdam\nPort of discharge: Halifax\n",
];
static (int Lines, int Words) Count(string text) =>
    (text.Count(c => c == '\n'), text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length);
static string Meta(string name, string text) => $"{{\"name\":\"{name}\",\"lines\":{Count(text).Lines},\"words\":{Count(text).Words}}}";

await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 11 });
var before = sim.CreateBucket("pipeline-before");                                   // the "before" bucket: plain S3 API
for (var i = 0; i < documents.Length; i++)
{
    await before.PutObjectAsync($"inbox/doc-{i}.txt", documents[i]);
    await sim.Bucket.PutObjectAsync($"inbox/doc-{i}.txt", documents[i]);            // the same documents behind the mount
}

// 1. Before: the job calls the S3 API itself. Every call is one request; copy + delete is the only way to "move".
var requests = new Dictionary<string, int> { ["LIST"] = 0, ["GET"] = 0, ["PUT"] = 0, ["COPY"] = 0, ["DELETE"] = 0 };
var listing = await before.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "inbox/" });
requests["LIST"]++;
long bytesRead = 0;
foreach (var item in listing.Contents)
{
    var text = Encoding.UTF8.GetString((await before.GetObjectBytesAsync(item.Key))!);
    requests["GET"]++;
    bytesRead += item.Size;
    var name = item.Key["inbox/".Length..];
    await before.PutObjectAsync($"processed/{name}.meta.json", Meta(name, text));
    requests["PUT"]++;
    await before.CopyObjectAsync(new CopyObjectRequest { SourceKey = item.Key, DestinationKey = $"processed/{name}" });
    requests["COPY"]++;
    await before.DeleteObjectAsync(item.Key);
    requests["DELETE"]++;
}

// 2. Model the S3 path's time with the latency profile the file system is calibrated with: one first-byte latency
//    per request (the published S3 first-byte figure), plus the bytes read at the direct-read rate.
var profile = new LatencyProfile();
var s3Time = profile.DirectReadFirstByte * requests.Values.Sum() + TimeSpan.FromSeconds(bytesRead / profile.DirectReadBytesPerSecond);
var prices = PriceTable.UsEast1;
var s3Cost = (requests["LIST"] + requests["PUT"] + requests["COPY"]) * prices.S3PutCopyPostListPer1000 / 1000
    + requests["GET"] * prices.S3GetHeadPer1000 / 1000 + requests["DELETE"] * prices.S3DeletePer1000 / 1000;

// 3. After: the same job through an S3 Files mount, with ordinary file calls.
await using var fs = sim.FileSystem.Mount(new MountOptions());
await fs.CreateDirectoriesAsync("/processed");
foreach (var entry in await fs.ReadDirectoryAsync("/inbox"))
{
    var text = await fs.ReadAllTextAsync($"/inbox/{entry.Name}");
    await fs.WriteAllTextAsync($"/processed/{entry.Name}.meta.json", Meta(entry.Name, text));
    await fs.RenameAsync($"/inbox/{entry.Name}", $"/processed/{entry.Name}");      // one rename; the bucket sees copy + delete later
}

// 4. Let the 60 s commit delay pass so the results reach the bucket, then read the file system's own meters.
await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
var cost = sim.FileSystem.GetCostReport();
var mountTime = sim.FileSystem.Latency.GetSummaries().Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Total);
long Requests(CostLineKind kind) => (long)Math.Round(cost[kind].Quantity * 1000);
var exported = (await sim.Bucket.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "processed/" })).Contents.Count;

// 5. Side by side.
Console.WriteLine($"{"",-34}{"S3 API (before)",18}{"S3 Files mount (after)",26}");
Console.WriteLine($"{"S3 PUT/COPY/POST/LIST requests",-34}{requests["LIST"] + requests["PUT"] + requests["COPY"],18}{Requests(CostLineKind.S3PutCopyPostListRequests),26}");
Console.WriteLine($"{"S3 GET/HEAD requests",-34}{requests["GET"],18}{Requests(CostLineKind.S3GetHeadRequests),26}");
Console.WriteLine($"{"S3 DELETE requests",-34}{requests["DELETE"],18}{Requests(CostLineKind.S3DeleteRequests),26}");
Console.WriteLine($"{"File operations (modelled)",-34}{"-",18}{sim.FileSystem.Latency.GetSummaries().Sum(s => s.Count),26}");
Console.WriteLine($"{"Modelled time of the job",-34}{s3Time.TotalMilliseconds,15:F1} ms{mountTime.TotalMilliseconds,23:F1} ms");
Console.WriteLine($"{"Cost over the run (USD)",-34}{s3Cost,18:F8}{cost.Total,26:F8}");
foreach (var line in cost.Lines.Where(l => l.Amount > 0))
{
    Console.WriteLine($"  mount: {line.Description,-60} {line.Quantity,12:F6} {line.Unit,-16} {line.Amount:F8} USD");
}

Console.WriteLine($"DocumentPipeline: {listing.Contents.Count} documents processed both ways; {exported} keys under processed/ in the mount's bucket after the commit delay.");
