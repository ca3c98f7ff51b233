using Xunit;

namespace S3FilesSim.Server.Tests.Fixtures;

/// <summary>One served simulation (manual time, no keys) shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServedSimulation? _served;

    public ServedSimulation Served => _served ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _served = await ServedSimulation.StartAsync();

    public async Task DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }
}
