using System.Globalization;
using System.Text.Json;
using S3FilesSim.Cost;

namespace S3FilesSim.Cli.Planning;

/// <summary>Amazon EFS prices (Regional, Elastic Throughput) the plan compares with, in USD.</summary>
internal sealed record EfsPrices
{
    /// <summary>Gets EFS Standard storage per GB-month (default 0.30).</summary>
    public decimal StandardPerGBMonth { get; init; } = 0.30m;

    /// <summary>Gets EFS Infrequent Access storage per GB-month (default 0.016).</summary>
    public decimal InfrequentAccessPerGBMonth { get; init; } = 0.016m;

    /// <summary>Gets EFS Archive storage per GB-month (default 0.008).</summary>
    public decimal ArchivePerGBMonth { get; init; } = 0.008m;

    /// <summary>Gets reads per GB transferred, every storage class, Elastic Throughput (default 0.03).</summary>
    public decimal ReadPerGB { get; init; } = 0.03m;

    /// <summary>Gets writes per GB transferred, every storage class, Elastic Throughput (default 0.06).</summary>
    public decimal WritePerGB { get; init; } = 0.06m;

    /// <summary>Gets the extra charge per GB read from Infrequent Access (default 0.01).</summary>
    public decimal InfrequentAccessReadPerGB { get; init; } = 0.01m;

    /// <summary>Gets the extra charge per GB read from Archive (default 0.03).</summary>
    public decimal ArchiveReadPerGB { get; init; } = 0.03m;

    /// <summary>Gets the charge per GB moved to Infrequent Access by lifecycle management (default 0.01).</summary>
    public decimal InfrequentAccessTieringPerGB { get; init; } = 0.01m;

    /// <summary>Gets the charge per GB moved to Archive by lifecycle management (default 0.03).</summary>
    public decimal ArchiveTieringPerGB { get; init; } = 0.03m;

    /// <summary>Gets the smallest billed file in Infrequent Access and Archive, in bytes (default 131,072).</summary>
    public long ColdMinimumFileBytes { get; init; } = 128 * 1024;
}

/// <summary>The prices of every option, with where each came from and when.</summary>
internal sealed record PlanPrices
{
    /// <summary>The built-in sources: S3 Files (third-party, launch day), S3 Standard and EFS list prices.</summary>
    public const string S3FilesSource = "S3 Files us-east-1 launch prices as quoted in the launch-day thread https://news.ycombinator.com/item?id=47680404 (2026-04-07) and the hands-on lab https://github.com/chaosreload/aws-hands-on-lab/blob/main/docs/storage/s3-files-vs-opensource.md (verified 2026-04-09); AWS's pricing page https://aws.amazon.com/s3/pricing/ could not be read";

    /// <summary>The S3 Standard source.</summary>
    public const string S3Source = "S3 Standard us-east-1 list prices, first 50 TB tier (https://aws.amazon.com/s3/pricing/, unchanged since 2016-12-01)";

    /// <summary>The EFS source.</summary>
    public const string EfsSource = "Amazon EFS us-east-1 Regional file systems with Elastic Throughput, the price list in force since 2023-11-27 (https://aws.amazon.com/efs/pricing/, as tabulated at https://blog.gslin.org/archives/tag/tiering/ and https://www.vantage.sh/blog/amazon-efs-pricing)";

    /// <summary>Gets the Region the prices are for.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the date the prices were taken.</summary>
    public string Date { get; init; } = "2026-04-09";

    /// <summary>Gets the S3 Files and S3 prices and the metering quanta.</summary>
    public PriceTable Table { get; init; } = PriceTable.UsEast1;

    /// <summary>Gets the EFS prices.</summary>
    public EfsPrices Efs { get; init; } = new();

    /// <summary>Gets the source of the S3 Files prices.</summary>
    public string S3FilesPriceSource { get; init; } = S3FilesSource;

    /// <summary>Gets the source of the S3 prices.</summary>
    public string S3PriceSource { get; init; } = S3Source;

    /// <summary>Gets the source of the EFS prices.</summary>
    public string EfsPriceSource { get; init; } = EfsSource;

    /// <summary>Gets the built-in us-east-1 prices.</summary>
    public static PlanPrices UsEast1 { get; } = new();

    /// <summary>
    /// Reads a price file: a JSON object with <c>region</c>, <c>date</c>, <c>source</c>, and any of
    /// <c>s3Files</c> {<c>storagePerGBMonth</c>, <c>readPerGB</c>, <c>writePerGB</c>}, <c>s3</c>
    /// {<c>storagePerGBMonth</c>, <c>putCopyPostListPer1000</c>, <c>getHeadPer1000</c>}, <c>efs</c> {the
    /// <see cref="EfsPrices"/> names in camelCase}; a price it omits keeps its us-east-1 value and says so.
    /// </summary>
    /// <exception cref="CliException">The file cannot be read, is not such an object, or a price is negative.</exception>
    public static PlanPrices Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"--prices {path}: expected a JSON object.");
            }

            var region = Text(root, "region") ?? throw new CliException($"--prices {path}: 'region' is required.");
            var date = Text(root, "date") ?? throw new CliException($"--prices {path}: 'date' (when the prices were taken) is required.");
            var source = Text(root, "source") ?? throw new CliException($"--prices {path}: 'source' (where the prices come from) is required.");
            var table = PriceTable.UsEast1;
            var efs = new EfsPrices();
            var omitted = new List<string>();
            if (Section(root, "s3Files") is { } files)
            {
                table = table with
                {
                    HighPerformanceStoragePerGBMonth = Price(files, "storagePerGBMonth", table.HighPerformanceStoragePerGBMonth, path, omitted, "s3Files"),
                    HighPerformanceReadPerGB = Price(files, "readPerGB", table.HighPerformanceReadPerGB, path, omitted, "s3Files"),
                    HighPerformanceWritePerGB = Price(files, "writePerGB", table.HighPerformanceWritePerGB, path, omitted, "s3Files"),
                };
            }
            else
            {
                omitted.Add("s3Files");
            }

            if (Section(root, "s3") is { } s3)
            {
                table = table with
                {
                    S3StandardStoragePerGBMonth = Price(s3, "storagePerGBMonth", table.S3StandardStoragePerGBMonth, path, omitted, "s3"),
                    S3PutCopyPostListPer1000 = Price(s3, "putCopyPostListPer1000", table.S3PutCopyPostListPer1000, path, omitted, "s3"),
                    S3GetHeadPer1000 = Price(s3, "getHeadPer1000", table.S3GetHeadPer1000, path, omitted, "s3"),
                };
            }
            else
            {
                omitted.Add("s3");
            }

            if (Section(root, "efs") is { } e)
            {
                efs = new EfsPrices
                {
                    StandardPerGBMonth = Price(e, "standardPerGBMonth", efs.StandardPerGBMonth, path, omitted, "efs"),
                    InfrequentAccessPerGBMonth = Price(e, "infrequentAccessPerGBMonth", efs.InfrequentAccessPerGBMonth, path, omitted, "efs"),
                    ArchivePerGBMonth = Price(e, "archivePerGBMonth", efs.ArchivePerGBMonth, path, omitted, "efs"),
                    ReadPerGB = Price(e, "readPerGB", efs.ReadPerGB, path, omitted, "efs"),
                    WritePerGB = Price(e, "writePerGB", efs.WritePerGB, path, omitted, "efs"),
                    InfrequentAccessReadPerGB = Price(e, "infrequentAccessReadPerGB", efs.InfrequentAccessReadPerGB, path, omitted, "efs"),
                    ArchiveReadPerGB = Price(e, "archiveReadPerGB", efs.ArchiveReadPerGB, path, omitted, "efs"),
                    InfrequentAccessTieringPerGB = Price(e, "infrequentAccessTieringPerGB", efs.InfrequentAccessTieringPerGB, path, omitted, "efs"),
                    ArchiveTieringPerGB = Price(e, "archiveTieringPerGB", efs.ArchiveTieringPerGB, path, omitted, "efs"),
                };
            }
            else
            {
                omitted.Add("efs");
            }

            var suffix = omitted.Count == 0 ? string.Empty : $"; not in the file, so the built-in us-east-1 values: {string.Join(", ", omitted)}";
            return new PlanPrices
            {
                Region = region,
                Date = date,
                Table = table,
                Efs = efs,
                S3FilesPriceSource = source + (omitted.Any(o => o.StartsWith("s3Files", StringComparison.Ordinal)) ? $" (built-in for the omitted ones: {S3FilesSource})" : string.Empty),
                S3PriceSource = source + (omitted.Any(o => o.StartsWith("s3", StringComparison.Ordinal) && !o.StartsWith("s3Files", StringComparison.Ordinal)) ? $" (built-in for the omitted ones: {S3Source})" : string.Empty),
                EfsPriceSource = source + (omitted.Any(o => o.StartsWith("efs", StringComparison.Ordinal)) ? $" (built-in for the omitted ones: {EfsSource})" : string.Empty) + suffix,
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            throw new CliException($"cannot read the price file '{path}': {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static JsonElement? Section(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static decimal Price(JsonElement section, string name, decimal fallback, string path, List<string> omitted, string sectionName)
    {
        if (!section.TryGetProperty(name, out var value))
        {
            omitted.Add($"{sectionName}.{name}");
            return fallback;
        }

        var price = value.GetDecimal();
        return price >= 0 ? price : throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--prices {path}: {sectionName}.{name} must not be negative; it was {price}."));
    }
}
