using System.Text;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;

namespace S3FilesSim.Tests.Export;

/// <summary>Helpers for the export tests: a simulation with export options, appends, and bucket inspection.</summary>
internal static class ExportTestKit
{
    /// <summary>A little more than the 60 s commit delay.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(61);

    public static S3FilesSimulation NewSimulation(ExportOptions? export = null, string prefix = "") =>
        S3FilesSimulation.Create(new SimulationOptions { FileSystem = new FileSystemOptions { Export = export ?? new ExportOptions(), Prefix = prefix } });

    public static async Task ExportFileAsync(this S3FilesSimulation sim, IFileSystem fs, string path, string text)
    {
        await fs.WriteFileAsync(path, text);
        await sim.AdvanceAsync(Quiet);
    }

    public static async Task AppendAsync(this IFileSystem fs, string path, string text)
    {
        var handle = await fs.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append);
        await fs.WriteAsync(handle, Encoding.UTF8.GetBytes(text));
        await fs.CloseAsync(handle);
    }

    public static async Task<IReadOnlyList<ObjectVersion>> VersionsAsync(this IObjectStore bucket, string prefix = "")
    {
        var result = await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { Prefix = prefix });
        return result.Versions;
    }

    public static async Task<IReadOnlyList<string>> KeysAsync(this IObjectStore bucket, string prefix = "")
    {
        var result = await bucket.ListObjectsV2Async(new ListObjectsV2Request { Prefix = prefix });
        return [.. result.Contents.Select(o => o.Key)];
    }

    public static async Task<string?> TextAsync(this IObjectStore bucket, string key)
    {
        var bytes = await bucket.GetObjectBytesAsync(key);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    public static async Task<string> StatusAsync(this IFileSystem fs, string path, long unixSeconds = 1_775_520_000) =>
        Encoding.UTF8.GetString(await fs.GetExtendedAttributeAsync(path, $"user.s3files.status;{unixSeconds}"));
}
