using System.Net;
using System.Net.Sockets;
using System.Text;
using S3FilesSim.Aws.Notifications;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Aws;

/// <summary>
/// Bucket events pushed over HTTP: a small listener (on loopback by default) that receives the S3 event notification
/// records a store POSTs to it, such as a Ceph RGW topic whose <c>push-endpoint</c> is <see cref="Endpoint"/>
/// (https://docs.ceph.com/en/latest/radosgw/notifications/), and delivers them as <see cref="BucketEvent"/>s.
/// </summary>
/// <remarks>
/// <para>A POST to <see cref="Endpoint"/> whose body is a notification (S3 event records, an SNS notification or an
/// EventBridge event) is held and answered 200; the records are delivered on the simulation's scheduler at the current
/// virtual time (in the next advance), in arrival order. A body that is not a notification is answered 400, one over
/// <see cref="HttpPushBucketEventSourceOptions.MaxBodyBytes"/> 413, and a push while
/// <see cref="HttpPushBucketEventSourceOptions.MaxPendingMessages"/> are held 503 (a persistent RGW topic pushes it
/// again later; a non-persistent one drops it). Other methods answer 405, other paths 404.</para>
/// <para>As with <see cref="SqsBucketEventSource"/>, per key, records whose sequencer is not greater than the last one
/// delivered are duplicates or stale and dropped. A handler that throws leaves its message (and the ones after it) held
/// for a delivery round one second later, and the exception propagates out of the call that advanced time. Messages are held in
/// memory only: pushes answered 200 but not yet delivered are lost when the process ends.</para>
/// </remarks>
public sealed class HttpPushBucketEventSource : IBucketEventSource, IDisposable
{
    private const int PortAttempts = 20;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Scheduler _scheduler;
    private readonly HttpPushBucketEventSourceOptions _options;
    private readonly NotificationDispatcher _dispatcher;
    private readonly HttpListener _listener;
    private readonly Lock _gate = new();
    private readonly Queue<IReadOnlyList<NotificationRecord>> _pending = new();
    private ScheduledWork? _delivery;
    private bool _disposed;

    private HttpPushBucketEventSource(string bucketName, Scheduler scheduler, HttpPushBucketEventSourceOptions options, HttpListener listener, Uri endpoint)
    {
        BucketName = bucketName;
        _scheduler = scheduler;
        _options = options;
        _listener = listener;
        Endpoint = endpoint;
        _dispatcher = new NotificationDispatcher(bucketName, options.Region, options.AccountId);
        _ = AcceptAsync();
    }

    /// <inheritdoc />
    public string BucketName { get; }

    /// <summary>Gets the URL notifications are posted to, e.g. <c>http://127.0.0.1:41234/s3files-sim/events/</c>: the <c>push-endpoint</c> of the store's topic.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets what has been received, delivered and dropped so far (<see cref="NotificationStatistics.MessagesDeleted"/> counts the pushes answered 200).</summary>
    public NotificationStatistics Statistics => _dispatcher.Statistics;

    /// <summary>Gets the number of messages received and not yet delivered.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Starts listening.</summary>
    /// <param name="bucketName">The bucket whose notifications to deliver; records of other buckets are ignored.</param>
    /// <param name="scheduler">The simulation's scheduler, on which deliveries run.</param>
    /// <param name="options">The address, port and limits; <see langword="null"/> for the defaults (a free port on 127.0.0.1).</param>
    /// <returns>The listening source; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or <paramref name="bucketName"/> is empty; the message names it.</exception>
    /// <exception cref="HttpListenerException">The address and port cannot be listened on (in use, or not an address of this machine).</exception>
    public static HttpPushBucketEventSource Start(string bucketName, Scheduler scheduler, HttpPushBucketEventSourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        ArgumentNullException.ThrowIfNull(scheduler);
        options ??= new HttpPushBucketEventSourceOptions();
        options.Validate();
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreePort(options.Address);
            var endpoint = new UriBuilder(Uri.UriSchemeHttp, options.Address.ToString(), port, options.Path).Uri;
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return new HttpPushBucketEventSource(bucketName, scheduler, options, listener, endpoint);
            }
            catch (HttpListenerException) when (options.Port == 0 && attempt < PortAttempts)
            {
                // The probed port was taken in between; probe another.
                listener.Close();
            }
            catch
            {
                listener.Close();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler) => _dispatcher.Subscribers.Add(handler);

    /// <summary>Stops listening; messages held and not yet delivered are dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _delivery?.Cancel();
            _delivery = null;
            _pending.Clear();
        }

        // Closing the listener ends the accept loop (its pending GetContextAsync fails).
        _listener.Close();
    }

    private static int FreePort(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static async Task<string?> ReadBodyAsync(HttpListenerRequest request, int limit)
    {
        if (request.ContentLength64 > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            response.StatusCode = await ReceiveAsync(context.Request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            response.StatusCode = (int)HttpStatusCode.BadRequest;
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The client went away.
            }
        }
    }

    /// <summary>Handles one request; returns the HTTP status to answer.</summary>
    private async Task<int> ReceiveAsync(HttpListenerRequest request)
    {
        if (!string.Equals(request.Url?.AbsolutePath, _options.Path, StringComparison.Ordinal))
        {
            return (int)HttpStatusCode.NotFound;
        }

        if (request.HttpMethod != "POST")
        {
            return (int)HttpStatusCode.MethodNotAllowed;
        }

        var body = await ReadBodyAsync(request, _options.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return (int)HttpStatusCode.RequestEntityTooLarge;
        }

        if (_dispatcher.Parse(body) is not { } records)
        {
            return (int)HttpStatusCode.BadRequest;
        }

        lock (_gate)
        {
            if (_disposed || _pending.Count >= _options.MaxPendingMessages)
            {
                return (int)HttpStatusCode.ServiceUnavailable;
            }

            _pending.Enqueue(records);
            _delivery ??= _scheduler.Schedule(TimeSpan.Zero, DeliverAsync, "http-push-delivery");
        }

        _dispatcher.CountDeleted(1);
        return (int)HttpStatusCode.OK;
    }

    private async ValueTask DeliverAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _delivery = null;
        }

        while (true)
        {
            IReadOnlyList<NotificationRecord> records;
            lock (_gate)
            {
                if (!_pending.TryPeek(out records!))
                {
                    return;
                }
            }

            try
            {
                await _dispatcher.ApplyAsync(records, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    _delivery ??= _disposed ? null : _scheduler.Schedule(RetryDelay, DeliverAsync, "http-push-delivery");
                }

                throw;
            }

            lock (_gate)
            {
                if (_pending.Count > 0 && ReferenceEquals(_pending.Peek(), records))
                {
                    _pending.Dequeue();
                }
            }
        }
    }
}
