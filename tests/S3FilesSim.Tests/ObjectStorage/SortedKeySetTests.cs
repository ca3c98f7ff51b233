using System.Text;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>The sorted key index and the UTF-8 binary key order behind ListObjectsV2.</summary>
public sealed class SortedKeySetTests
{
    [Fact]
    public void CompareKeys_RandomStrings_AgreesWithUtf8ByteOrder()
    {
        const int seed = 1234;
        var random = new Random(seed);
        char[] alphabet = ['a', 'b', '/', 'é', '\u4E2D', '\uE000', '\uFFFD'];
        string Next()
        {
            var builder = new StringBuilder();
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                builder.Append(random.Next(8) == 0 ? "😀" : alphabet[random.Next(alphabet.Length)].ToString());
            }

            return builder.ToString();
        }

        for (var i = 0; i < 5000; i++)
        {
            var (x, y) = (Next(), Next());

            Math.Sign(KeyOrder.CompareKeys(x, y)).Should().Be(Math.Sign(Utf8Order.Bytes.Compare(x, y)), "seed {0}: '{1}' vs '{2}'", seed, x, y);
        }
    }

    [Fact]
    public void AddAndRemove_ManyKeysInRandomOrder_EnumeratesSortedWithoutDuplicates()
    {
        const int seed = 99;
        var random = new Random(seed);
        var set = new SortedKeySet();
        var model = new SortedSet<string>(Utf8Order.Bytes);
        for (var i = 0; i < 5000; i++)
        {
            var key = $"k{random.Next(2000)}";
            if (random.Next(3) == 0)
            {
                set.Remove(key).Should().Be(model.Remove(key));
            }
            else
            {
                set.Add(key).Should().Be(model.Add(key));
            }
        }

        Enumerate(set, set.SeekFrom(string.Empty, exclusive: false)).Should().Equal(model, "seed {0}", seed);
        set.Count.Should().Be(model.Count);
    }

    [Fact]
    public void Add_KeysInOrder_FillsEveryChunkAndEnumeratesThemAll()
    {
        var set = new SortedKeySet();
        var keys = Enumerable.Range(0, 1000).Select(i => $"d/f{i:D4}").ToList();

        foreach (var key in keys)
        {
            set.Add(key);
        }

        set.ChunkCount.Should().Be(4, "keys added in order leave each chunk full (256 keys), not half full");
        Enumerate(set, set.SeekFrom(string.Empty, exclusive: false)).Should().Equal(keys);
    }

    [Fact]
    public void SeekPast_CommonPrefix_LandsOnFirstKeyAfterIt()
    {
        var set = new SortedKeySet();
        foreach (var key in new[] { "a/1", "a/2", "a/b/3", "a0", "a.txt", "b" })
        {
            set.Add(key);
        }

        var position = set.SeekPast("a/");

        Enumerate(set, position).Should().Equal("a0", "b");
    }

    [Fact]
    public void SeekFrom_Exclusive_StartsAfterKey()
    {
        var set = new SortedKeySet();
        foreach (var key in new[] { "a", "b", "c" })
        {
            set.Add(key);
        }

        var position = set.SeekFrom("b", exclusive: true);

        Enumerate(set, position).Should().Equal("c");
    }

    private static List<string> Enumerate(SortedKeySet set, SortedKeySet.Position position)
    {
        var keys = new List<string>();
        while (set.TryGet(position, out var key))
        {
            keys.Add(key);
            position = set.Next(position);
        }

        return keys;
    }
}
