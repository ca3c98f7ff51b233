using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>ListObjectsV2 against a naive reference model over random keys, prefixes, delimiters and page sizes
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).</summary>
public sealed class ListObjectsV2ModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task ListObjectsV2_RandomBucketAndQueries_PagesMatchReferenceModel(int seed)
    {
        var random = new Random(seed);
        var store = new InMemoryObjectStore("model-bucket", new VirtualClock().Scheduler, new DeterministicRandom(seed));
        string[] parts = ["a", "b", "é", "😀", "/", "//", "-", "\uE000"];
        var live = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 300; i++)
        {
            var key = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => parts[random.Next(parts.Length)]));
            if (random.Next(5) == 0)
            {
                await store.DeleteObjectAsync(key);
                live.Remove(key);
            }
            else
            {
                await store.PutObjectAsync(key, Array.Empty<byte>());
                live.Add(key);
            }
        }

        for (var query = 0; query < 40; query++)
        {
            var prefix = random.Next(3) == 0 ? null : parts[random.Next(parts.Length)];
            var delimiter = random.Next(3) == 0 ? null : parts[random.Next(parts.Length)];
            var maxKeys = random.Next(1, 12);

            var paged = await ListAllPagesAsync(store, prefix, delimiter, maxKeys);

            paged.Should().Equal(Model(live, prefix ?? string.Empty, delimiter), "seed {0}, prefix '{1}', delimiter '{2}', max-keys {3}", seed, prefix, delimiter, maxKeys);
        }
    }

    private static async Task<List<string>> ListAllPagesAsync(InMemoryObjectStore store, string? prefix, string? delimiter, int maxKeys)
    {
        var entries = new List<string>();
        var request = new ListObjectsV2Request { Prefix = prefix, Delimiter = delimiter, MaxKeys = maxKeys };
        ListObjectsV2Result page;
        do
        {
            page = await store.ListObjectsV2Async(request);
            page.KeyCount.Should().BeLessThanOrEqualTo(maxKeys);
            entries.AddRange(page.Contents.Select(o => o.Key).Concat(page.CommonPrefixes).Order(Utf8Order.Bytes));
            request = request with { ContinuationToken = page.NextContinuationToken };
        }
        while (page.IsTruncated);

        return entries;
    }

    private static List<string> Model(IEnumerable<string> keys, string prefix, string? delimiter) =>
        keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => delimiter is not null && k.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var cut and >= 0
                ? k[..(cut + delimiter.Length)]
                : k)
            .Distinct(StringComparer.Ordinal)
            .Order(Utf8Order.Bytes)
            .ToList();
}
