using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

// User-defined object metadata: names are stored in lower case and matched case-insensitively
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html#UserMetadata).
public sealed class UserMetadataTests
{
    [Fact]
    public void Copy_MixedCaseNames_StoresLowerCaseNamesInOrder()
    {
        var metadata = UserMetadata.Copy(new Dictionary<string, string> { ["File-Owner"] = "0", ["file-group"] = "1", ["X"] = "2" });

        metadata.Select(p => p.Key).Should().Equal("file-owner", "file-group", "x");
    }

    [Fact]
    public void TryGetValue_NameInAnotherCase_FindsTheValue()
    {
        var metadata = UserMetadata.Copy(new Dictionary<string, string> { ["file-owner"] = "1000" });

        metadata.TryGetValue("FILE-OWNER", out var value).Should().BeTrue();
        value.Should().Be("1000");
    }

    [Fact]
    public void Copy_NamesEqualButForCase_LaterValueWins()
    {
        var metadata = UserMetadata.Copy(new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "first", ["A"] = "second", ["b"] = "x" });

        metadata.Should().HaveCount(2);
        metadata["a"].Should().Be("second");
        metadata.Keys.Should().Equal("a", "b");
    }

    [Fact]
    public void Indexer_MissingName_ThrowsKeyNotFound()
    {
        var metadata = UserMetadata.Copy(new Dictionary<string, string> { ["a"] = "1" });

        var act = () => metadata["b"];

        act.Should().Throw<KeyNotFoundException>();
        metadata.ContainsKey("b").Should().BeFalse();
    }

    [Fact]
    public void Keys_CastToAnArray_CannotChangeTheStoredNames()
    {
        var metadata = UserMetadata.Copy(new Dictionary<string, string> { ["a"] = "1" });

        (metadata.Keys as string[]).Should().BeNull("the stored names are not handed out as a writable array");
        (metadata.Values as string[]).Should().BeNull();
    }
}
