using FluentAssertions;
using Xunit;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>
/// Table-driven hostile input to every public entry point. Each row names the input and its documented errno, S3 error
/// code or exception type; the row passes when the call produces exactly that and every observable piece of state
/// (see <see cref="StateSnapshot"/>) is unchanged. File-system errnos follow the Linux NFS v4.2 client and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html; bucket codes follow
/// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.
/// </summary>
public sealed class BadInputTests
{
    private static readonly BadInputTable FileSystemTable = new(FileSystemBadInputCases.All());
    private static readonly BadInputTable ObjectStoreTable = new(ObjectStoreBadInputCases.All());
    private static readonly BadInputTable CreationTable = new(CreationBadInputCases.All());
    private static readonly BadInputTable TimeTable = new(TimeBadInputCases.All());

    public static TheoryData<string, string> FileSystemRows => FileSystemTable.ToTheoryData();

    public static TheoryData<string, string> ObjectStoreRows => ObjectStoreTable.ToTheoryData();

    public static TheoryData<string, string> CreationRows => CreationTable.ToTheoryData();

    public static TheoryData<string, string> TimeRows => TimeTable.ToTheoryData();

    [Theory]
    [MemberData(nameof(FileSystemRows))]
    public Task FileSystemCall_HostileInput_FailsAsDocumentedAndChangesNothing(string input, string expected) =>
        AssertRowAsync(FileSystemTable, input, expected);

    [Theory]
    [MemberData(nameof(ObjectStoreRows))]
    public Task ObjectStoreCall_HostileInput_FailsAsDocumentedAndChangesNothing(string input, string expected) =>
        AssertRowAsync(ObjectStoreTable, input, expected);

    [Theory]
    [MemberData(nameof(CreationRows))]
    public Task CreationCall_InvalidOptions_FailsAsDocumentedAndChangesNothing(string input, string expected) =>
        AssertRowAsync(CreationTable, input, expected);

    [Theory]
    [MemberData(nameof(TimeRows))]
    public Task ClockCall_HostileInput_FailsAsDocumentedAndChangesNothing(string input, string expected) =>
        AssertRowAsync(TimeTable, input, expected);

    [Fact]
    public void Tables_TogetherHoldHundredsOfInputs()
    {
        var counts = new[] { FileSystemTable.Count, ObjectStoreTable.Count, CreationTable.Count, TimeTable.Count };

        counts.Sum().Should().BeGreaterThan(700);
    }

    private static async Task AssertRowAsync(BadInputTable table, string input, string expected)
    {
        var (outcome, before, after) = await table.RunAsync(input);

        outcome.Should().Be(expected, $"'{input}' is documented to fail with {expected}");
        after.Should().Equal(before, $"'{input}' must leave no partial change");
    }
}
