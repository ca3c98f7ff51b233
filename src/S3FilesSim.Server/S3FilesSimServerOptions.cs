using System.Net;
using Microsoft.Extensions.Logging;

namespace S3FilesSim.Server;

/// <summary>How the simulation's virtual clock moves while it is served.</summary>
public enum TimeMode
{
    /// <summary>Only the control API moves the clock (<c>POST /_s3files/clock/advance</c>, <c>run-until-quiet</c>): tests decide when time passes.</summary>
    Manual,

    /// <summary>The clock follows the wall clock: the 60-second commit delay takes 60 real seconds.</summary>
    Real,

    /// <summary>The clock runs <see cref="S3FilesSimServerOptions.TimeScale"/> virtual seconds per wall second.</summary>
    Scaled,
}

/// <summary>Options of <see cref="S3FilesSimServer"/>, validated once when it starts.</summary>
public sealed record S3FilesSimServerOptions
{
    /// <summary>The default port, the one local AWS emulators conventionally use.</summary>
    public const int DefaultPort = 4566;

    /// <summary>Gets the address the server binds: an IP address or <c>localhost</c>.</summary>
    /// <value>The default value is <c>127.0.0.1</c>. An address other than loopback needs <see cref="Keys"/>.</value>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gets the TCP port; 0 picks a free one (read it from <see cref="S3FilesSimServer.Endpoint"/>).</summary>
    /// <value>The default value is 4566.</value>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Gets the keys S3 requests must be signed with (Signature Version 4, header or presigned URL); each access key is a user of the one simulated account.</summary>
    /// <value>The default value is empty: any request is accepted, signed or not, as local emulators do.</value>
    public IReadOnlyList<S3AccessKey> Keys { get; init; } = [];

    /// <summary>Gets the Region the buckets report (<c>x-amz-bucket-region</c>, GetBucketLocation).</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets how the virtual clock moves.</summary>
    /// <value>The default value is <see cref="TimeMode.Real"/>.</value>
    public TimeMode TimeMode { get; init; } = TimeMode.Real;

    /// <summary>Gets the virtual seconds per wall second in <see cref="TimeMode.Scaled"/> mode (60 makes the commit delay one second).</summary>
    /// <value>The default value is 1.</value>
    public double TimeScale { get; init; } = 1;

    /// <summary>Gets the wall-clock period between two moves of the virtual clock in real and scaled mode.</summary>
    /// <value>The default value is 50 milliseconds.</value>
    public TimeSpan ClockTick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets a value indicating whether CreateBucket makes versioned buckets (S3 Files requires versioning); when off, new buckets start unversioned as on S3.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool VersionNewBuckets { get; init; } = true;

    /// <summary>Gets the host name suffixes under which <c>BUCKET.SUFFIX[:PORT]</c> addresses a bucket (virtual-hosted style).</summary>
    /// <value>The default value is <c>["localhost"]</c>.</value>
    public IReadOnlyList<string> VirtualHostSuffixes { get; init; } = ["localhost"];

    /// <summary>Gets the OTLP endpoint the Meter's instruments are exported to: gRPC for a URL without a path
    /// (<c>http://127.0.0.1:4317</c>), HTTP/protobuf for one with a path (<c>http://127.0.0.1:4318/v1/metrics</c>).</summary>
    /// <value>The default value is <see langword="null"/>: no export.</value>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Gets the wall-clock period between two OTLP exports.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan OtlpExportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the wall clock that checks request signatures and drives real and scaled time.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;

    /// <summary>Gets the logger factory of the server's diagnostics.</summary>
    /// <value>The default value is <see langword="null"/>: the simulation's.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Gets a value indicating whether requests must be signed.</summary>
    public bool RequiresSignature => Keys is { Count: > 0 };

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid, or <see cref="Host"/> is not loopback and no keys are given; the message names it.</exception>
    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{nameof(Port)} must be 0 to 65535; it was {Port}.", nameof(Port));
        }

        if (Keys is null || Keys.Any(k => k is null || string.IsNullOrEmpty(k.AccessKey) || string.IsNullOrEmpty(k.SecretKey)) || Keys.DistinctBy(k => k.AccessKey).Count() != Keys.Count)
        {
            throw new ArgumentException($"Every one of {nameof(Keys)} has a non-empty access key and secret key, and access keys are unique.", nameof(Keys));
        }

        if (!IsLoopback(Host) && !RequiresSignature)
        {
            throw new ArgumentException($"Binding {Host}, which is not a loopback address, needs an access key and secret key ({nameof(Keys)}): an unauthenticated S3 endpoint must not be reachable from other machines.", nameof(Host));
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException($"{nameof(Region)} must not be empty.", nameof(Region));
        }

        if (!Enum.IsDefined(TimeMode))
        {
            throw new ArgumentException($"{nameof(TimeMode)} is not a defined mode: {TimeMode}.", nameof(TimeMode));
        }

        if (!double.IsFinite(TimeScale) || TimeScale <= 0 || TimeScale > 1_000_000)
        {
            throw new ArgumentException($"{nameof(TimeScale)} must be above 0 and at most 1,000,000; it was {TimeScale}.", nameof(TimeScale));
        }

        if (ClockTick <= TimeSpan.Zero || OtlpExportInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ClockTick)} and {nameof(OtlpExportInterval)} must be positive.", nameof(ClockTick));
        }

        if (OtlpEndpoint is { IsAbsoluteUri: false } || OtlpEndpoint is { Scheme: not ("http" or "https") })
        {
            throw new ArgumentException($"{nameof(OtlpEndpoint)} must be an absolute http or https URL; it was '{OtlpEndpoint}'.", nameof(OtlpEndpoint));
        }

        if (VirtualHostSuffixes is null || VirtualHostSuffixes.Any(string.IsNullOrWhiteSpace) || WallClock is null)
        {
            throw new ArgumentException($"{nameof(VirtualHostSuffixes)} and {nameof(WallClock)} must be given.", nameof(VirtualHostSuffixes));
        }
    }

    /// <summary>Returns the address to listen on.</summary>
    internal IPAddress Address() =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var address) ? address
        : throw new ArgumentException($"{nameof(Host)} must be an IP address or 'localhost'; it was '{Host}'.", nameof(Host));

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

/// <summary>An access key and its secret, as the AWS CLI and SDKs take them (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>).</summary>
/// <param name="AccessKey">The access key id.</param>
/// <param name="SecretKey">The secret access key.</param>
public sealed record S3AccessKey(string AccessKey, string SecretKey);
