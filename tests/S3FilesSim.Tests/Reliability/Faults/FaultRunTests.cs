using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;
using Xunit.Abstractions;

namespace S3FilesSim.Tests.Reliability.Faults;

// S3 Files promises that nothing is lost silently: the bucket wins and what loses lands in lost+found
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html). Each fault kind runs the mixed
// workload under many seeds and checks the invariants after the faults stop and the system is quiet. A larger run:
// S3FILESSIM_FAULT_SEED_SCALE=10 dotnet test tests/S3FilesSim.Tests --filter FullyQualifiedName~FaultRunTests
public sealed class FaultRunTests(ITestOutputHelper output)
{
    private const int Operations = 150;

    public static TheoryData<string> Kinds => [.. Profiles.Keys];

    private static Dictionary<string, FaultProfile> Profiles { get; } = new[]
    {
        new FaultProfile("None"),
        new FaultProfile("SlowDown") { Rules = [new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.SlowDown, Probability = 0.2 }] },
        new FaultProfile("InternalError") { Rules = [new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.InternalError, Probability = 0.2 }] },
        new FaultProfile("Timeout") { Rules = [new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.RequestTimeout, Probability = 0.2 }] },
        new FaultProfile("AccessDenied")
        {
            Rules =
            [
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, KeyPrefix = "b/", ErrorCode = S3ErrorCode.AccessDenied, Probability = 0.5 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.CopyObject, KeyGlob = "*f3", ErrorCode = S3ErrorCode.AccessDenied, Probability = 0.5 },
            ],
        },
        new FaultProfile("PartialMultipart")
        {
            LargeWriteBytes = (5L << 20) + 100,
            Rules =
            [
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.UploadPart, SkipFirst = 1, ErrorCode = S3ErrorCode.SlowDown, Probability = 0.5 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.CompleteMultipartUpload, ErrorCode = S3ErrorCode.InternalError, Probability = 0.3 },
            ],
        },
        new FaultProfile("EventStream") { Events = new BucketEventDeliveryOptions { DropProbability = 0.3, DuplicateProbability = 0.3, LongDelayProbability = 0.2 } },
        new FaultProfile("All")
        {
            LargeWriteBytes = 6L << 20,
            Events = new BucketEventDeliveryOptions { DropProbability = 0.2, DuplicateProbability = 0.2, LongDelayProbability = 0.1 },
            Rules =
            [
                new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.SlowDown, Probability = 0.1 },
                new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.InternalError, Probability = 0.05 },
                new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.RequestTimeout, Probability = 0.05 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, KeyGlob = "a/c/*", ErrorCode = S3ErrorCode.AccessDenied, Probability = 0.2 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.UploadPart, SkipFirst = 1, ErrorCode = S3ErrorCode.SlowDown, Probability = 0.3 },
            ],
        },
        new FaultProfile("Delays") { Rules = [new ObjectStoreFaultRule { Delay = TimeSpan.FromSeconds(20), Probability = 0.3 }] },
        new FaultProfile("LostResponses")
        {
            LargeWriteBytes = (5L << 20) + 100,
            Rules =
            [
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, LoseResponse = true, ErrorCode = S3ErrorCode.RequestTimeout, Probability = 0.3 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.CopyObject, LoseResponse = true, ErrorCode = S3ErrorCode.InternalError, Probability = 0.3 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.CompleteMultipartUpload, LoseResponse = true, ErrorCode = S3ErrorCode.RequestTimeout, Probability = 0.3 },
                new ObjectStoreFaultRule { Operation = ObjectStoreOperation.DeleteObject, LoseResponse = true, ErrorCode = S3ErrorCode.SlowDown, Probability = 0.3 },
            ],
        },
        new FaultProfile("BrokenBodies") { Rules = [new ObjectStoreFaultRule { Operation = ObjectStoreOperation.GetObject, FailBodyAfterBytes = 3, ErrorCode = S3ErrorCode.InternalError, Probability = 0.3 }] },
    }.ToDictionary(p => p.Name);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FaultRun_ManySeeds_InvariantsHold(string kind)
    {
        var profile = Profiles[kind];
        var scale = int.TryParse(Environment.GetEnvironmentVariable("S3FILESSIM_FAULT_SEED_SCALE"), out var factor) && factor > 0 ? factor : 1;
        var seeds = (profile.LargeWriteBytes > 0 ? 30 : 100) * scale;
        var firstSeed = 1 + (1000 * Profiles.Keys.ToList().IndexOf(kind));
        if (int.TryParse(Environment.GetEnvironmentVariable("S3FILESSIM_FAULT_SEED"), out var replay) && replay >= firstSeed && replay < firstSeed + 1000)
        {
            // Replays one seed of this kind's range (the message of a failing run names it); the other kinds run none.
            (firstSeed, seeds) = (replay, 1);
        }
        else if (replay > 0)
        {
            return;
        }
        var results = new List<FaultRunResult>();

        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            results.Add(await FaultRun.RunAsync(profile, seed, Operations));
        }

        output.WriteLine(
            $"{kind}: {seeds} seeds x {Operations} operations, {results.Sum(r => r.AcknowledgedWrites)} acknowledged writes, {results.Sum(r => r.StoreFaults)} bucket faults, " +
            $"events {results.Sum(r => r.Events.Published)} published / {results.Sum(r => r.Events.Dropped)} dropped / {results.Sum(r => r.Events.Duplicated)} duplicated / {results.Sum(r => r.Events.LongDelayed)} long-delayed");
        results.SelectMany(r => r.Violations.Select(v => $"seed {r.Seed}: {v}")).Should().BeEmpty(
            "the first failing seed ran:\n{0}", string.Join('\n', results.FirstOrDefault(r => r.Violations.Count > 0)?.Trace ?? []));
        var injected = results.Sum(r => r.StoreFaults + r.Events.Dropped + r.Events.Duplicated + r.Events.LongDelayed);
        (kind == "None" ? injected == 0 : injected > 0).Should().BeTrue("every fault kind but the baseline injects faults ({0} injected)", injected);
        if (kind == "PartialMultipart")
        {
            results.Sum(r => r.OpenUploads).Should().Be(0, "every failed multipart upload is aborted");
        }
    }
}
