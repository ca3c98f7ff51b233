using Amazon.Runtime;
using S3FilesSim.Aws;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Planning;

/// <summary>Reads the dataset from the one source the settings name: a local tree, a bucket (listing only), an
/// <c>aws s3 ls --recursive</c> listing or an S3 Inventory CSV.</summary>
internal static class DatasetLoader
{
    /// <summary>Loads the dataset.</summary>
    /// <exception cref="CliException">No source or more than one; the source cannot be read or listed.</exception>
    public static async Task<Dataset> LoadAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var prefix = settings.Workload.Selection == WorkingSetSelection.Prefix ? settings.Workload.SelectionPrefix : null;
        if (settings.Source is { } source)
        {
            var dataset = new Dataset($"local tree {source}", prefix);
            ReadTree(source, dataset);
            return dataset;
        }

        if (settings.Listing is { } listing)
        {
            var dataset = new Dataset($"aws s3 ls listing {listing}", prefix);
            ListingReader.Read(listing, dataset, settings.Strict);
            return dataset;
        }

        if (settings.Inventory is { } inventory)
        {
            var dataset = new Dataset($"S3 Inventory {inventory}", prefix);
            InventoryReader.Read(inventory, settings.InventorySchema, dataset, settings.Strict);
            return dataset;
        }

        var bucketDataset = new Dataset($"bucket {settings.Bucket} at {settings.Endpoint}", prefix);
        await ListBucketAsync(settings, bucketDataset, cancellationToken).ConfigureAwait(false);
        return bucketDataset;
    }

    /// <summary>Adds every regular file under <paramref name="root"/> (keys = relative paths with '/'); symbolic links are not followed.</summary>
    private static void ReadTree(string root, Dataset dataset)
    {
        if (!Directory.Exists(root))
        {
            throw new CliException($"--source directory '{root}' does not exist.");
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, ReturnSpecialDirectories = false };
        var full = Path.GetFullPath(root);
        foreach (var file in new DirectoryInfo(full).EnumerateFiles("*", options))
        {
            var relative = Path.GetRelativePath(full, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            dataset.Add(relative, file.Length);
        }
    }

    /// <summary>Lists the bucket with ListObjectsV2 (no reads, no writes: no capability probe), page by page.</summary>
    private static async Task ListBucketAsync(PlanSettings settings, Dataset dataset, CancellationToken cancellationToken)
    {
        var endpoint = settings.Endpoint!;
        var options = new AmazonS3ObjectStoreOptions
        {
            BucketName = settings.Bucket!,
            ServiceUrl = string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase) ? null : ParseUrl(endpoint),
            Region = settings.Region,
        };
        try
        {
            using var client = AmazonS3ClientFactory.Create(options);
            var store = new AmazonS3ObjectStore(client, options.BucketName, new ObjectStoreCapabilities());
            string? token = null;
            do
            {
                var page = await store.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = token, MaxKeys = 1000 }, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Contents)
                {
                    dataset.Add(item.Key, item.Size, item.StorageClass.IsArchive);
                }

                token = page.IsTruncated ? page.NextContinuationToken : null;
            }
            while (token is not null);
        }
        catch (ObjectStoreException exception)
        {
            throw new CliException($"cannot list bucket '{options.BucketName}' at {endpoint}: {exception.ErrorCode}: {OneLine(exception.Message)}");
        }
        catch (AmazonClientException exception)
        {
            throw new CliException($"cannot list bucket '{options.BucketName}' at {endpoint}: {OneLine(exception.Message)}");
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"cannot list bucket '{options.BucketName}' at {endpoint}: {OneLine(exception.Message)}");
        }
    }

    private static Uri ParseUrl(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliException($"--endpoint must be an http:// or https:// URL, or 'aws'; it was '{endpoint}'.");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
