using System.Globalization;
using CsvHelper;

namespace S3FilesSim.Cli.Planning;

/// <summary>
/// Reads an Amazon S3 Inventory report in CSV format with CsvHelper: no header row, fields in the order of the manifest's
/// <c>fileSchema</c> (default <see cref="DefaultSchema"/>), keys URL-encoded
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-inventory-location.html). Delete markers and
/// noncurrent versions are skipped; objects in S3 Glacier Flexible Retrieval, Deep Archive or the Intelligent-Tiering
/// archive tiers count in S3 storage only (S3 Files cannot read them).
/// </summary>
internal static class InventoryReader
{
    /// <summary>The field order assumed without <c>--inventory-schema</c>: an inventory with the size, last-modified date, ETag and storage class fields.</summary>
    public const string DefaultSchema = "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass";

    /// <summary>Reads <paramref name="path"/> into <paramref name="dataset"/>.</summary>
    /// <param name="path">The CSV file (not gzip-compressed).</param>
    /// <param name="schema">The manifest's <c>fileSchema</c>: comma-separated field names.</param>
    /// <param name="dataset">Receives the objects and the problems.</param>
    /// <param name="strict">Stop at the first unusable row instead of skipping it.</param>
    /// <exception cref="CliException">The schema lacks Key or Size, the file cannot be read, or (strict) a row cannot be used.</exception>
    public static void Read(string path, string schema, Dataset dataset, bool strict)
    {
        var fields = schema.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var key = IndexOf(fields, "Key");
        var size = IndexOf(fields, "Size");
        if (key < 0 || size < 0)
        {
            throw new CliException($"--inventory-schema must name the Key and Size fields (the manifest's fileSchema); it was '{schema}'.");
        }

        var isLatest = IndexOf(fields, "IsLatest");
        var isDeleteMarker = IndexOf(fields, "IsDeleteMarker");
        var storageClass = IndexOf(fields, "StorageClass");
        var tier = IndexOf(fields, "IntelligentTieringAccessTier");
        var options = new CsvReaderOptions { HasHeader = false, Separator = ',', TrackLineNumbers = true, SkipEmptyLines = true };
        try
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("the file does not exist");
            }

            using var csv = CsvReader.FromFile(path, options);
            while (csv.Read())
            {
                var problem = Row(csv, fields.Length, key, size, isLatest, isDeleteMarker, storageClass, tier, dataset);
                if (problem is null)
                {
                    continue;
                }

                dataset.AddProblem(csv.LineNumber, problem);
                if (strict)
                {
                    throw new CliException($"{path} line {csv.LineNumber}: {problem} (without --strict such rows are skipped)");
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            throw new CliException($"cannot read the inventory '{path}': {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string? Row(CsvReader csv, int columns, int key, int size, int isLatest, int isDeleteMarker, int storageClass, int tier, Dataset dataset)
    {
        if (csv.FieldCount != columns)
        {
            return $"expected {columns} fields (the schema), found {csv.FieldCount}";
        }

        if ((isDeleteMarker >= 0 && string.Equals(csv.GetString(isDeleteMarker), "true", StringComparison.OrdinalIgnoreCase))
            || (isLatest >= 0 && string.Equals(csv.GetString(isLatest), "false", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var sizeText = csv.GetString(size);
        if (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            return $"the Size field is not a byte count: '{sizeText}'";
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(csv.GetString(key).Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return "the Key field is not URL-encoded text";
        }

        if (decoded.Length == 0)
        {
            return "the Key field is empty";
        }

        var archived = (storageClass >= 0 && csv.GetString(storageClass) is "GLACIER" or "DEEP_ARCHIVE")
            || (tier >= 0 && csv.GetString(tier) is "ARCHIVE_ACCESS" or "DEEP_ARCHIVE_ACCESS");
        dataset.Add(decoded, bytes, archived);
        return null;
    }

    private static int IndexOf(string[] fields, string name) => Array.FindIndex(fields, field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase));
}
