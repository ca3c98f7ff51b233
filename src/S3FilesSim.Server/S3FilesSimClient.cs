using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using S3FilesSim.Cost;
using S3FilesSim.Import;
using S3FilesSim.Server.Control;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Server;

/// <summary>
/// A .NET client of the control API of a served simulation (<c>s3files-sim serve</c> or <see cref="S3FilesSimServer"/>):
/// moves the virtual clock, manages file systems and reads the telemetry, for tests that drive the service over HTTP.
/// </summary>
/// <remarks>Every call throws <see cref="S3FilesSimControlException"/> with the API's error code when the server refuses it.
/// A file system is addressed by its <c>fs-</c> id, or <c>default</c>.</remarks>
public sealed class S3FilesSimClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client.</summary>
    /// <param name="url">The server's S3 endpoint (<c>http://127.0.0.1:4566/</c>) or its control URL (<c>.../_s3files/</c>).</param>
    /// <param name="http">The HTTP client to use (not disposed); <see langword="null"/> for a new one.</param>
    public S3FilesSimClient(Uri url, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.ToString();
        text = text.EndsWith('/') ? text : text + "/";
        BaseUrl = new Uri(text.EndsWith("_s3files/", StringComparison.Ordinal) ? text : text + "_s3files/");
        _http = http ?? new HttpClient();
        _ownsHttp = http is null;
    }

    /// <summary>Gets the control API's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Returns the endpoints, the clock and the mount points (<c>GET /_s3files/</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's description.</returns>
    public Task<ServerInfo> GetInfoAsync(CancellationToken cancellationToken = default) => GetAsync<ServerInfo>(string.Empty, cancellationToken);

    /// <summary>Returns the virtual clock (<c>GET /_s3files/clock</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The clock.</returns>
    public Task<ClockStatus> GetClockAsync(CancellationToken cancellationToken = default) => GetAsync<ClockStatus>("clock", cancellationToken);

    /// <summary>Advances virtual time, running every export, event delivery and sweep that falls due (<c>POST /_s3files/clock/advance</c>).</summary>
    /// <param name="duration">A non-negative span of virtual time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The clock afterwards.</returns>
    public Task<ClockStatus> AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        SendAsync<ClockStatus>(HttpMethod.Post, "clock/advance", new AdvanceRequest(duration.TotalSeconds), cancellationToken);

    /// <summary>Advances until no export, import or bucket event is pending, or <paramref name="limit"/> has passed (<c>POST /_s3files/clock/run-until-quiet</c>).</summary>
    /// <param name="limit">The most virtual time to let pass.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it became quiet, and the clock.</returns>
    public Task<QuietResult> RunUntilQuietAsync(TimeSpan limit, CancellationToken cancellationToken = default) =>
        SendAsync<QuietResult>(HttpMethod.Post, "clock/run-until-quiet", new RunUntilQuietRequest(limit.TotalSeconds), cancellationToken);

    /// <summary>Changes how the clock moves (<c>PUT /_s3files/clock/mode</c>).</summary>
    /// <param name="mode">The mode.</param>
    /// <param name="scale">Virtual seconds per wall second for <see cref="TimeMode.Scaled"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The clock afterwards.</returns>
    public Task<ClockStatus> SetTimeModeAsync(TimeMode mode, double? scale = null, CancellationToken cancellationToken = default) =>
        SendAsync<ClockStatus>(HttpMethod.Put, "clock/mode", new TimeModeRequest(mode, scale), cancellationToken);

    /// <summary>Lists the served buckets (<c>GET /_s3files/buckets</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The buckets.</returns>
    public Task<IReadOnlyList<BucketStatus>> ListBucketsAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<BucketStatus>>("buckets", cancellationToken);

    /// <summary>Lists the mount points served (<c>GET /_s3files/mounts</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The mount points.</returns>
    public Task<IReadOnlyList<MountPointInfo>> ListMountsAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<MountPointInfo>>("mounts", cancellationToken);

    /// <summary>Lists the file systems with their gauges (<c>GET /_s3files/file-systems</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file systems.</returns>
    public Task<IReadOnlyList<FileSystemStatus>> ListFileSystemsAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<FileSystemStatus>>("file-systems", cancellationToken);

    /// <summary>Returns one file system with its gauges (<c>GET /_s3files/file-systems/{id}</c>).</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file system.</returns>
    public Task<FileSystemStatus> GetFileSystemAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<FileSystemStatus>(FileSystemPath(fileSystemId), cancellationToken);

    /// <summary>Creates a file system over a served bucket (<c>POST /_s3files/file-systems</c>).</summary>
    /// <param name="request">The bucket, prefix and commit delay.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new file system.</returns>
    public Task<FileSystemStatus> CreateFileSystemAsync(CreateFileSystemRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<FileSystemStatus>(HttpMethod.Post, "file-systems", request, cancellationToken);

    /// <summary>Returns the synchronization configuration (import and expiration rules).</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configuration.</returns>
    public Task<SynchronizationConfiguration> GetSynchronizationConfigurationAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<SynchronizationConfiguration>(FileSystemPath(fileSystemId) + "/synchronization-configuration", cancellationToken);

    /// <summary>Replaces the synchronization configuration; a stale <see cref="SynchronizationConfiguration.LatestVersionNumber"/> fails with <c>Conflict</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored configuration with its new version.</returns>
    public Task<SynchronizationConfiguration> PutSynchronizationConfigurationAsync(SynchronizationConfiguration configuration, string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        SendAsync<SynchronizationConfiguration>(HttpMethod.Put, FileSystemPath(fileSystemId) + "/synchronization-configuration", configuration, cancellationToken);

    /// <summary>Returns the CloudWatch metrics as they stand now.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    public Task<FileSystemMetrics> GetMetricsAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<FileSystemMetrics>(FileSystemPath(fileSystemId) + "/metrics", cancellationToken);

    /// <summary>Returns the kept per-period metrics, oldest first.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The periods.</returns>
    public Task<IReadOnlyList<FileSystemMetrics>> GetMetricsHistoryAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<FileSystemMetrics>>(FileSystemPath(fileSystemId) + "/metrics/history", cancellationToken);

    /// <summary>Returns the alarms, their states and their transitions.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alarms.</returns>
    public Task<AlarmReport> GetAlarmsAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<AlarmReport>(FileSystemPath(fileSystemId) + "/alarms", cancellationToken);

    /// <summary>Returns sync timeline events matching every filter given.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="kind">Only this kind.</param>
    /// <param name="path">Only this file-system path.</param>
    /// <param name="from">Only events at or after this instant.</param>
    /// <param name="to">Only events before this instant.</param>
    /// <param name="limit">At most this many (the latest).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public Task<TimelinePage> GetTimelineAsync(string fileSystemId = "default", SyncEventKind? kind = null, string? path = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder();
        Append(query, "kind", kind?.ToString());
        Append(query, "path", path);
        Append(query, "from", from?.ToString("O", CultureInfo.InvariantCulture));
        Append(query, "to", to?.ToString("O", CultureInfo.InvariantCulture));
        Append(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        return GetAsync<TimelinePage>(FileSystemPath(fileSystemId) + "/timeline" + query, cancellationToken);
    }

    /// <summary>Returns the cost report at us-east-1 prices.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public Task<CostReport> GetCostReportAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<CostReport>(FileSystemPath(fileSystemId) + "/cost", cancellationToken);

    /// <summary>Lists the files in lost+found.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The directory and its files.</returns>
    public Task<LostAndFoundReport> GetLostAndFoundAsync(string fileSystemId = "default", CancellationToken cancellationToken = default) =>
        GetAsync<LostAndFoundReport>(FileSystemPath(fileSystemId) + "/lost-and-found", cancellationToken);

    /// <summary>Returns the kept metrics periods as CloudWatch Embedded Metric Format lines.</summary>
    /// <param name="fileSystemId">The id, or <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One JSON document per line.</returns>
    public async Task<IReadOnlyList<string>> GetEmfLinesAsync(string fileSystemId = "default", CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri(BaseUrl, FileSystemPath(fileSystemId) + "/emf"), cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string FileSystemPath(string fileSystemId)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileSystemId);
        return "file-systems/" + Uri.EscapeDataString(fileSystemId);
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(BaseUrl, path), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path)) { Content = JsonContent.Create(body, body.GetType(), options: ControlJson.Options) };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(ControlJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new S3FilesSimControlException((int)response.StatusCode, "InvalidResponse", $"The control API answered {response.RequestMessage?.RequestUri} with an empty body.");
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ControlError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ControlError>(ControlJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a control API error body; the status says enough.
        }

        throw new S3FilesSimControlException((int)response.StatusCode, error?.Error ?? response.StatusCode.ToString(), error?.Message ?? $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
    }
}

/// <summary>A control API call the server refused.</summary>
public sealed class S3FilesSimControlException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="error">The API's error code (<c>InvalidArgument</c>, <c>NotFound</c>, <c>Conflict</c>, or an S3 error code).</param>
    /// <param name="message">The API's message.</param>
    public S3FilesSimControlException(int statusCode, string error, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the API's error code.</summary>
    public string Error { get; }
}
