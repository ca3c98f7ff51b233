namespace S3FilesSim.Cli.Scenarios;

/// <summary>A job run against the mounted simulation in virtual time; it fills its part of the report.</summary>
internal interface IScenario
{
    /// <summary>Gets the name given to <c>--scenario</c>.</summary>
    string Name { get; }

    /// <summary>Gets the one-line description shown in help.</summary>
    string Description { get; }

    /// <summary>Runs the scenario.</summary>
    Task RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}

/// <summary>The scenarios the CLI knows.</summary>
internal static class ScenarioCatalog
{
    /// <summary>The scenario run when <c>--scenario</c> is not given.</summary>
    internal const string DefaultName = "document-pipeline";

    /// <summary>Gets every scenario, the default first.</summary>
    internal static IReadOnlyList<IScenario> All { get; } =
    [
        new DocumentPipelineScenario(),
        new WalkScenario(),
        new ReadAllScenario(),
        new ConflictsScenario(),
        new VisibilityScenario(),
    ];

    /// <summary>Returns the scenario called <paramref name="name"/>.</summary>
    internal static IScenario Get(string name) => All.Single(scenario => scenario.Name == name);

    /// <summary>Joins a directory and an entry name into a path.</summary>
    internal static string Combine(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;
}
