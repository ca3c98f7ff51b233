using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Import;

/// <summary>Helpers for the import tests: bucket objects with POSIX metadata, and a simulation with import options.</summary>
internal static class ImportTestKit
{
    public static S3FilesSimulation NewSimulation(ImportOptions? import = null, string prefix = "", long directReadThreshold = 1_048_576, bool bucketEvents = true) =>
        S3FilesSimulation.Create(new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { Enabled = bucketEvents } },
            FileSystem = new FileSystemOptions { Import = import ?? new ImportOptions(), Prefix = prefix, DirectReadThreshold = directReadThreshold },
        });

    public static Dictionary<string, string> PosixMetadata(uint uid, uint gid, string permissions) => new()
    {
        ["file-owner"] = uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["file-group"] = gid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["file-permissions"] = permissions,
    };

    public static ValueTask<ObjectWriteResult> PutAsync(this IObjectStore bucket, string key, long size, IReadOnlyDictionary<string, string>? metadata = null, StorageClass? storageClass = null) =>
        bucket.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.Generated(size, key.Length), Metadata = metadata, StorageClass = storageClass });

    public static async Task<byte[]> ExpectedAsync(this IObjectStore bucket, string key) => (await bucket.GetObjectBytesAsync(key))!;

    public static async Task<List<string>> NamesAsync(this IFileSystem fs, string path) =>
        [.. (await fs.ReadDirectoryAsync(path)).Select(e => e.Name).Order(StringComparer.Ordinal)];
}
