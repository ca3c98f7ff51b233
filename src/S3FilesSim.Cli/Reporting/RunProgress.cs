using Spectre.Console;

namespace S3FilesSim.Cli.Reporting;

/// <summary>
/// Progress of a run's long steps (reading the tree, loading it, each pass of a scenario) as Spectre.Console progress
/// bars on an interactive terminal; nothing at all otherwise, so redirected output holds only the report's plain lines.
/// Each step ends at 100 % when it completes.
/// </summary>
internal sealed class RunProgress
{
    private readonly ProgressContext? _context;

    private RunProgress(ProgressContext? context) => _context = context;

    /// <summary>Gets a progress that shows nothing (tests, redirected output).</summary>
    internal static RunProgress Silent { get; } = new(null);

    /// <summary>Runs <paramref name="work"/> with progress bars on <paramref name="console"/> when it is interactive,
    /// silently otherwise; the bars are cleared when the work ends, before the report is written.</summary>
    internal static async Task<T> RunAsync<T>(IAnsiConsole console, Func<RunProgress, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
        {
            return await work(Silent).ConfigureAwait(false);
        }

        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new RunProgress(context)))
            .ConfigureAwait(false);
    }

    /// <summary>Starts a step of <paramref name="total"/> units (files, documents, virtual seconds); 0 for a step whose size is not known yet.</summary>
    internal ProgressStep Start(string description, double total)
    {
        if (_context is null)
        {
            return ProgressStep.None;
        }

        var task = _context.AddTask(Markup.Escape(description), autoStart: true, maxValue: Math.Max(total, 1));
        task.IsIndeterminate = total <= 0;
        return new ProgressStep(task);
    }
}

/// <summary>One step of a <see cref="RunProgress"/>.</summary>
internal sealed class ProgressStep
{
    private readonly ProgressTask? _task;

    internal ProgressStep(ProgressTask? task) => _task = task;

    /// <summary>Gets a step that shows nothing.</summary>
    internal static ProgressStep None { get; } = new(null);

    /// <summary>Gets the percentage done (100 for a step that shows nothing).</summary>
    internal double Percentage => _task?.Percentage ?? 100;

    /// <summary>Sets how many units are done.</summary>
    internal void Report(double done)
    {
        if (_task is not null)
        {
            _task.Value = Math.Min(done, _task.MaxValue);
        }
    }

    /// <summary>Sets the total once it is known (a step started with 0 stops being indeterminate).</summary>
    internal void SetTotal(double total)
    {
        if (_task is not null)
        {
            _task.MaxValue = Math.Max(total, 1);
            _task.IsIndeterminate = false;
        }
    }

    /// <summary>Changes the description, e.g. to show a count while the total is unknown.</summary>
    internal void Describe(string description)
    {
        if (_task is not null)
        {
            _task.Description = Markup.Escape(description);
        }
    }

    /// <summary>Marks the step done: the bar shows 100 %.</summary>
    internal void Complete()
    {
        if (_task is not null)
        {
            _task.IsIndeterminate = false;
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
