using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.Hosting;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Server.Control;

/// <summary>
/// The control API of a served simulation, JSON under <c>/_s3files/</c>: the virtual clock (now, advance, run until quiet,
/// time mode), buckets, file systems (create, list, synchronization configuration, mounts) and telemetry (metrics
/// snapshot and history, alarms and transitions, the sync timeline, the cost report, lost+found, EMF lines).
/// </summary>
/// <remarks>Errors are <see cref="ControlError"/> bodies: 400 <c>InvalidArgument</c>, 404 <c>NotFound</c>, 409
/// <c>Conflict</c> (a stale synchronization configuration version). A file system is addressed by its id or by
/// <c>default</c>.</remarks>
internal sealed class ControlApi(S3FilesSimulation simulation, ClockDriver clock, Func<Uri> s3Endpoint, MountRegistry mounts, string region, bool requiresSignature)
{
    public const string Prefix = "/_s3files";

    private readonly ConcurrentDictionary<string, AlarmLog> _alarms = new(StringComparer.Ordinal);

    /// <summary>Starts recording the alarm transitions of every file system the simulation has now.</summary>
    public void TrackAlarms()
    {
        foreach (var fileSystem in simulation.FileSystems)
        {
            AlarmsOf(fileSystem);
        }
    }

    public void StopTrackingAlarms()
    {
        foreach (var log in _alarms.Values)
        {
            log.Dispose();
        }
    }

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.MapGet("/", context => Answer(context, Info));
        group.MapGet("/clock", context => Answer(context, Clock));
        group.MapPost("/clock/advance", context => AnswerAsync(context, async () =>
        {
            var request = await BodyAsync<AdvanceRequest>(context).ConfigureAwait(false);
            if (!double.IsFinite(request.Seconds) || request.Seconds < 0 || request.Seconds > 3.15e9)
            {
                throw new ArgumentException($"seconds must be 0 to 3.15e9; it was {request.Seconds}.");
            }

            await simulation.AdvanceAsync(TimeSpan.FromSeconds(request.Seconds), context.RequestAborted).ConfigureAwait(false);
            return Clock();
        }));
        group.MapPost("/clock/run-until-quiet", context => AnswerAsync(context, async () =>
        {
            var request = context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.Headers.ContainsKey("Transfer-Encoding"))
                ? new RunUntilQuietRequest()
                : await BodyAsync<RunUntilQuietRequest>(context).ConfigureAwait(false);
            if (!double.IsFinite(request.MaxSeconds) || request.MaxSeconds < 0 || request.MaxSeconds > 3.15e9)
            {
                throw new ArgumentException($"maxSeconds must be 0 to 3.15e9; it was {request.MaxSeconds}.");
            }

            return await RunUntilQuietAsync(TimeSpan.FromSeconds(request.MaxSeconds), context.RequestAborted).ConfigureAwait(false);
        }));
        group.MapPut("/clock/mode", context => AnswerAsync(context, async () =>
        {
            var request = await BodyAsync<TimeModeRequest>(context).ConfigureAwait(false);
            clock.SetMode(request.Mode, request.Scale);
            return Clock();
        }));
        group.MapGet("/buckets", context => Answer(context, () => simulation.Buckets.OrderBy(b => b.BucketName, StringComparer.Ordinal).Select(Bucket).ToList()));
        group.MapGet("/mounts", context => Answer(context, mounts.List));
        group.MapGet("/file-systems", context => Answer(context, () => simulation.FileSystems.Select(Status).ToList()));
        group.MapPost("/file-systems", context => AnswerAsync(context, async () =>
        {
            var request = await BodyAsync<CreateFileSystemRequest>(context).ConfigureAwait(false);
            var bucket = request.Bucket is null ? simulation.Bucket : simulation.GetBucket(request.Bucket);
            var options = simulation.Options.FileSystem with { Prefix = request.Prefix ?? string.Empty };
            if (request.CommitDelaySeconds is { } delay)
            {
                options = options with { Export = options.Export with { CommitDelay = Seconds(delay, "commitDelaySeconds") } };
            }

            var fileSystem = simulation.CreateFileSystem(options, bucket);
            AlarmsOf(fileSystem);
            context.Response.StatusCode = StatusCodes.Status201Created;
            return Status(fileSystem);
        }));
        group.MapGet("/file-systems/{id}", context => Answer(context, () => Status(FileSystemOf(context))));
        group.MapGet("/file-systems/{id}/synchronization-configuration", context => Answer(context, () => FileSystemOf(context).GetSynchronizationConfiguration()));
        group.MapPut("/file-systems/{id}/synchronization-configuration", context => AnswerAsync(context, async () =>
        {
            var fileSystem = FileSystemOf(context);
            var configuration = await BodyAsync<SynchronizationConfiguration>(context).ConfigureAwait(false);
            return fileSystem.PutSynchronizationConfiguration(configuration);
        }));
        group.MapGet("/file-systems/{id}/metrics", context => Answer(context, () => FileSystemOf(context).GetMetricsSnapshot()));
        group.MapGet("/file-systems/{id}/metrics/history", context => Answer(context, () => FileSystemOf(context).MetricsHistory));
        group.MapGet("/file-systems/{id}/alarms", context => Answer(context, () =>
        {
            var fileSystem = FileSystemOf(context);
            var alarms = fileSystem.Alarms;
            return new AlarmReport([.. alarms.Alarms.Select(a => new AlarmStatus(a, alarms.GetState(a.AlarmName)))], AlarmsOf(fileSystem).Transitions);
        }));
        group.MapGet("/file-systems/{id}/timeline", context => Answer(context, () => Timeline(context)));
        group.MapGet("/file-systems/{id}/cost", context => Answer(context, () => FileSystemOf(context).GetCostReport()));
        group.MapGet("/file-systems/{id}/lost-and-found", context => AnswerAsync(context, async () => await LostAndFoundAsync(FileSystemOf(context), context.RequestAborted).ConfigureAwait(false)));
        group.MapGet("/file-systems/{id}/emf", context => AnswerAsync(context, async () =>
        {
            var fileSystem = FileSystemOf(context);
            var lines = new StringBuilder();
            foreach (var metrics in fileSystem.MetricsHistory)
            {
                foreach (var line in EmfWriter.Format(metrics))
                {
                    lines.Append(line).Append('\n');
                }
            }

            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(lines.ToString(), context.RequestAborted).ConfigureAwait(false);
            return (object?)null;
        }));
        group.MapFallback(context => Fail(context, StatusCodes.Status404NotFound, "NotFound", $"No control API resource at {context.Request.Method} {context.Request.Path}; GET {Prefix}/ lists the endpoint, clock and mounts."));
    }

    /// <summary>Advances to each next due work item until nothing is pending (no export, no import in progress, no undelivered bucket event) or <paramref name="limit"/> has passed.</summary>
    public async Task<QuietResult> RunUntilQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = simulation.Now;
        var deadline = start + limit;
        while (!IsQuiet())
        {
            var now = simulation.Now;
            if (now >= deadline)
            {
                break;
            }

            var next = simulation.Scheduler.NextDueTime;
            var target = next is { } due && due < deadline ? (due > now ? due : now) : deadline;
            try
            {
                await simulation.Scheduler.AdvanceToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (simulation.Now > target)
            {
                // The clock driver moved past the target meanwhile (real or scaled mode): look again.
            }
        }

        return new QuietResult(IsQuiet(), (simulation.Now - start).TotalSeconds, PendingExports(), PendingDeliveries(), Clock());
    }

    private static TimeSpan Seconds(double seconds, string name) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < 3.15e9 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"{name} must be 0 to 3.15e9 seconds; it was {seconds}.");

    private static async Task<T> BodyAsync<T>(HttpContext context)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ControlJson.Options, context.RequestAborted).ConfigureAwait(false)
                ?? throw new ArgumentException($"The request body must be a JSON {typeof(T).Name}.");
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The request body is not a valid JSON {typeof(T).Name}: {exception.Message}", exception);
        }
    }

    private static Task Answer<T>(HttpContext context, Func<T> action) => AnswerAsync(context, () => Task.FromResult(action()));

    private static async Task AnswerAsync<T>(HttpContext context, Func<Task<T>> action)
    {
        T result;
        try
        {
            result = await action().ConfigureAwait(false);
        }
        catch (KeyNotFoundException exception)
        {
            await Fail(context, StatusCodes.Status404NotFound, "NotFound", exception.Message).ConfigureAwait(false);
            return;
        }
        catch (SynchronizationConfigurationConflictException exception)
        {
            await Fail(context, StatusCodes.Status409Conflict, "Conflict", exception.Message).ConfigureAwait(false);
            return;
        }
        catch (ObjectStoreException exception)
        {
            await Fail(context, exception.StatusCode, exception.ErrorCode, exception.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            await Fail(context, StatusCodes.Status400BadRequest, "InvalidArgument", exception.Message).ConfigureAwait(false);
            return;
        }

        if (result is not null)
        {
            await context.Response.WriteAsJsonAsync(result, result.GetType(), ControlJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task Fail(HttpContext context, int status, string error, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ControlError(error, message), ControlJson.Options, context.RequestAborted);
    }

    private ServerInfo Info()
    {
        var endpoint = s3Endpoint();
        return new ServerInfo(endpoint, new Uri(endpoint, Prefix + "/"), region, requiresSignature, Clock(), mounts.List());
    }

    private ClockStatus Clock() => new(
        simulation.Now,
        simulation.Clock.Start,
        (simulation.Now - simulation.Clock.Start).TotalSeconds,
        clock.Mode,
        clock.Scale,
        simulation.Scheduler.PendingCount,
        simulation.Scheduler.NextDueTime);

    private static BucketStatus Bucket(InMemoryObjectStore bucket) =>
        new(bucket.BucketName, bucket.VersioningStatus, bucket.ObjectCount, bucket.StoredBytes, bucket.MultipartUploadCount, bucket.PendingEventDeliveries);

    private FileSystemStatus Status(S3FilesFileSystem fileSystem) => new(
        fileSystem.FileSystemId,
        fileSystem.Bucket.BucketName,
        fileSystem.Options.Prefix,
        fileSystem.PendingExports,
        fileSystem.ExportFailures,
        fileSystem.ImportFailures,
        fileSystem.LostAndFoundFiles,
        fileSystem.StorageBytes,
        fileSystem.Inodes,
        fileSystem.ClientConnections,
        fileSystem.ExportAge.TotalSeconds,
        fileSystem.ImportAge.TotalSeconds,
        LostAndFoundDirectory(fileSystem),
        [.. mounts.List().Where(m => m.FileSystemId == fileSystem.FileSystemId).Select(m => m.Path)]);

    private static string LostAndFoundDirectory(S3FilesFileSystem fileSystem) => "/.s3files-lost+found-" + fileSystem.FileSystemId;

    private S3FilesFileSystem FileSystemOf(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "default";
        var fileSystem = id == "default" ? simulation.FileSystem : simulation.FileSystems.FirstOrDefault(f => f.FileSystemId == id);
        return fileSystem ?? throw new KeyNotFoundException($"No file system '{id}': GET {Prefix}/file-systems lists them.");
    }

    private TimelinePage Timeline(HttpContext context)
    {
        var fileSystem = FileSystemOf(context);
        var query = context.Request.Query;
        SyncEventKind? kind = query["kind"].ToString() is { Length: > 0 } kindText
            ? Enum.TryParse<SyncEventKind>(kindText.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) ? parsed
                : throw new ArgumentException($"kind must be one of {string.Join(", ", Enum.GetNames<SyncEventKind>())}; it was '{kindText}'.")
            : null;
        var path = query["path"].ToString() is { Length: > 0 } p ? p : null;
        var from = Instant(query["from"].ToString(), "from");
        var to = Instant(query["to"].ToString(), "to");
        var limit = query["limit"].ToString() is { Length: > 0 } limitText
            ? int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : throw new ArgumentException($"limit must be a positive integer; it was '{limitText}'.")
            : 10_000;
        var timeline = fileSystem.Timeline;
        var events = timeline.Query(kind, path, from, to);
        return new TimelinePage(timeline.TotalAppended, timeline.DroppedCount, events.Count > limit ? [.. events.Skip(events.Count - limit)] : events);
    }

    private DateTimeOffset? Instant(string text, string name)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return simulation.Clock.Start + Seconds(seconds, name);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new ArgumentException($"{name} must be an ISO 8601 instant or seconds since the simulation's start; it was '{text}'.");
    }

    /// <summary>Lists lost+found through a root mount of the file system (a metadata read, as an NFS client's <c>ls</c> would be).</summary>
    private static async Task<LostAndFoundReport> LostAndFoundAsync(S3FilesFileSystem fileSystem, CancellationToken cancellationToken)
    {
        var directory = LostAndFoundDirectory(fileSystem);
        var files = new List<LostAndFoundFile>();
        if (fileSystem.LostAndFoundFiles > 0)
        {
            await using var mount = fileSystem.Mount(new MountOptions());
            foreach (var entry in await mount.ReadDirectoryAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                var path = directory + "/" + entry.Name;
                var status = await mount.LstatAsync(path, cancellationToken).ConfigureAwait(false);
                files.Add(new LostAndFoundFile(entry.Name, path, status.Size, status.ModificationTime.ToDateTimeOffset()));
            }
        }

        return new LostAndFoundReport(directory, files);
    }

    private AlarmLog AlarmsOf(S3FilesFileSystem fileSystem) => _alarms.GetOrAdd(fileSystem.FileSystemId, _ => new AlarmLog(fileSystem.Alarms));

    private bool IsQuiet() => PendingExports() == 0 && PendingDeliveries() == 0 && simulation.FileSystems.All(f => f.ImportAge == TimeSpan.Zero);

    private long PendingExports() => simulation.FileSystems.Sum(f => (long)f.PendingExports);

    private long PendingDeliveries() => simulation.Buckets.Sum(b => b.PendingEventDeliveries);

    /// <summary>The alarm state changes of one file system, recorded from when it was first seen.</summary>
    private sealed class AlarmLog : IDisposable
    {
        private readonly AlarmEvaluator _alarms;
        private readonly List<AlarmStateChange> _transitions = [];

        public AlarmLog(AlarmEvaluator alarms)
        {
            _alarms = alarms;
            alarms.StateChanged += OnChanged;
        }

        public IReadOnlyList<AlarmStateChange> Transitions
        {
            get
            {
                lock (_transitions)
                {
                    return [.. _transitions];
                }
            }
        }

        public void Dispose() => _alarms.StateChanged -= OnChanged;

        private void OnChanged(object? sender, AlarmStateChange change)
        {
            lock (_transitions)
            {
                _transitions.Add(change);
            }
        }
    }
}

/// <summary>The kernel mount points a served simulation mounts, for the control API.</summary>
internal sealed class MountRegistry
{
    private readonly List<MountPointInfo> _mounts = [];

    public IReadOnlyList<MountPointInfo> List()
    {
        lock (_mounts)
        {
            return [.. _mounts];
        }
    }

    public void Add(MountPointInfo mount)
    {
        lock (_mounts)
        {
            _mounts.Add(mount);
        }
    }

    public void Remove(string path)
    {
        lock (_mounts)
        {
            _mounts.RemoveAll(m => m.Path == path);
        }
    }
}
