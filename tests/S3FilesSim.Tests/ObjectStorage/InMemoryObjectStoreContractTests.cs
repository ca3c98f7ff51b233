using S3FilesSim.ObjectStorage;
using S3FilesSim.TestSupport.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>Runs the object-store contract against <see cref="InMemoryObjectStore"/> on a virtual clock.</summary>
public sealed class InMemoryObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly VirtualClock _clock = new();

    protected override IObjectStore CreateStore() =>
        new InMemoryObjectStore("contract-bucket", _clock.Scheduler, new DeterministicRandom(42));

    protected override ValueTask AdvanceTimeAsync(TimeSpan duration) => _clock.Scheduler.AdvanceAsync(duration);
}
