using Xunit;

namespace S3FilesSim.Tests.TestInfrastructure;

/// <summary>
/// Tests that measure process-wide memory (<see cref="GC.GetTotalMemory(bool)"/>) run in this collection, alone, after
/// the parallel test collections, so allocations of other tests cannot leak into their measurements.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Memory measurements";
}
