using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>
/// Bounded polling over a bucket that sends no events (the in-memory bucket seen through a counting store, its own
/// events unused): only the directories the file system has listed are revisited, page by page, within the request
/// budget, and the differences reach the file system as events.
/// </summary>
public sealed class PollingBucketEventSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>One interval, plus the import pipeline's pace (an event is applied 1/2,400 s after the one before it).</summary>
    private static readonly TimeSpan Round = Interval + TimeSpan.FromSeconds(1);
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 11 });
    private readonly RequestingStore _store;
    private PollingBucketEventSource _source = null!;
    private S3FilesFileSystem _fileSystem = null!;
    private IFileSystem? _mount;

    public PollingBucketEventSourceTests()
    {
        _store = new RequestingStore(_sim.Bucket);
    }

    public Task InitializeAsync() => StartAsync(new PollingBucketEventSourceOptions { Interval = Interval });

    /// <summary>Gets the mount, mounting on first use (the root is listed then: put the bucket's existing content first).</summary>
    private IFileSystem Fs => _mount ??= _fileSystem.Mount(new MountOptions());

    public async Task DisposeAsync()
    {
        _source.Dispose();
        if (_mount is not null)
        {
            await _mount.DisposeAsync();
        }

        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Poll_PutByAnotherClientInAListedDirectory_AppearsOnTheMountWithinOneInterval()
    {
        await Fs.ReadDirectoryAsync("/");
        await _sim.Bucket.PutObjectAsync("new.txt", "from s3");

        await _sim.AdvanceAsync(Round);

        (await Fs.ReadAllTextAsync("/new.txt")).Should().Be("from s3");
    }

    [Fact]
    public async Task Poll_OverwriteAndDeleteByAnotherClient_ReachTheMount()
    {
        await _sim.Bucket.PutObjectAsync("docs/a.txt", "one");
        await _sim.Bucket.PutObjectAsync("docs/b.txt", "two");
        await Fs.ReadDirectoryAsync("/docs");
        await _sim.Bucket.PutObjectAsync("docs/a.txt", "uno");
        await _sim.Bucket.DeleteObjectAsync("docs/b.txt");

        await _sim.AdvanceAsync(Round);

        (await Fs.ReadAllTextAsync("/docs/a.txt")).Should().Be("uno");
        (await Fs.ReadDirectoryAsync("/docs")).Select(e => e.Name).Should().Equal("a.txt");
    }

    [Fact]
    public async Task Poll_NewDirectoryByAnotherClient_AppearsAfterOneMoreRequestForAKeyUnderIt()
    {
        await Fs.ReadDirectoryAsync("/");
        await _sim.Bucket.PutObjectAsync("reports/2026/q1.txt", "x");
        var before = _store.ListRequests.Count;

        await _sim.AdvanceAsync(Round);

        (await Fs.StatAsync("/reports")).Type.Should().Be(FileType.Directory);
        _store.ListRequests.Skip(before).Should().Contain(r => r.Prefix == "reports/" && r.MaxKeys == 1);
    }

    [Fact]
    public async Task Poll_DirectoriesNeverListed_AreNeverListed()
    {
        await _sim.Bucket.PutObjectAsync("cold/a.txt", "x");
        await _sim.Bucket.PutObjectAsync("warm/b.txt", "y");
        await Fs.ReadDirectoryAsync("/warm");

        await _sim.AdvanceAsync(Round * 4);

        _store.ListRequests.Select(r => r.Prefix).Distinct().Should().BeEquivalentTo(string.Empty, "warm/");
        _store.Counts.Should().NotContainKey("ListObjectVersions");
    }

    [Fact]
    public async Task Poll_MorePagesThanTheBudget_SpreadsTheSweepOverRoundsAndNeverExceedsTheBudget()
    {
        await RestartAsync(new PollingBucketEventSourceOptions { Interval = Interval, MaxRequestsPerInterval = 2, PageSize = 2 });
        for (var i = 0; i < 8; i++)
        {
            await _sim.Bucket.PutObjectAsync($"big/{i}.txt", "v1");
        }

        await Fs.ReadDirectoryAsync("/big");
        await _sim.AdvanceAsync(Round);
        await _sim.Bucket.PutObjectAsync("big/7.txt", "v2");
        var rounds = new List<int>();
        for (var round = 0; round < 4 && await Fs.ReadAllTextAsync("/big/7.txt") != "v2"; round++)
        {
            var before = _source.RequestCount;
            await _sim.AdvanceAsync(Round);
            rounds.Add((int)(_source.RequestCount - before));
        }

        (await Fs.ReadAllTextAsync("/big/7.txt")).Should().Be("v2");
        rounds.Should().OnlyContain(made => made <= 2);
        rounds.Count.Should().BeGreaterThan(1, "root + 4 pages of big/ take three rounds of two requests");
    }

    [Fact]
    public async Task Poll_FileSystemInLineWithTheBucket_DeliversNoEvents()
    {
        await _sim.Bucket.PutObjectAsync("docs/a.txt", "one");
        await Fs.ReadDirectoryAsync("/docs");
        var events = new List<BucketEvent>();
        using var subscription = _source.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });

        await _sim.AdvanceAsync(Round * 3);

        events.Should().BeEmpty();
        _source.SweepCount.Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Poll_FileWrittenOnTheMountAndExported_ReportsNothingBack()
    {
        await Fs.WriteAllTextAsync("/mine.txt", "from the mount");
        var events = new List<BucketEvent>();
        using var subscription = _source.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });

        await _sim.AdvanceAsync(TimeSpan.FromSeconds(120));

        (await _sim.Bucket.HeadObjectAsync("mine.txt")).Should().NotBeNull();
        events.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_BudgetZero_ThrowsNamingTheOption()
    {
        var act = () => new PollingBucketEventSource(_store, _sim.Scheduler, new PollingBucketEventSourceOptions { MaxRequestsPerInterval = 0 });

        act.Should().Throw<ArgumentException>().WithParameterName("MaxRequestsPerInterval");
    }

    private async Task StartAsync(PollingBucketEventSourceOptions options)
    {
        _source = new PollingBucketEventSource(_store, _sim.Scheduler, options);
        _fileSystem = _sim.CreateFileSystem(null, _store, _source);
        _source.Watch(_fileSystem);
        await _sim.RunUntilIdleAsync();
    }

    private Task RestartAsync(PollingBucketEventSourceOptions options)
    {
        _source.Dispose();
        return StartAsync(options);
    }

    /// <summary>The in-memory bucket without its events, recording the ListObjectsV2 requests and counting all.</summary>
    private sealed class RequestingStore(InMemoryObjectStore inner) : IObjectStore
    {
        private readonly RequestCountingObjectStore _counting = new(inner);

        public List<ListObjectsV2Request> ListRequests { get; } = [];

        public IReadOnlyDictionary<string, long> Counts => _counting.Counts;

        public string BucketName => _counting.BucketName;

        public ObjectStoreCapabilities Capabilities => _counting.Capabilities;

        public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) => _counting.PutObjectAsync(request, cancellationToken);

        public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) => _counting.GetObjectAsync(request, cancellationToken);

        public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default) => _counting.HeadObjectAsync(request, cancellationToken);

        public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default) => _counting.DeleteObjectAsync(request, cancellationToken);

        public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default) => _counting.DeleteObjectsAsync(request, cancellationToken);

        public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default) => _counting.CopyObjectAsync(request, cancellationToken);

        public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
        {
            ListRequests.Add(request);
            return _counting.ListObjectsV2Async(request, cancellationToken);
        }

        public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default) => _counting.ListObjectVersionsAsync(request, cancellationToken);

        public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) => _counting.CreateMultipartUploadAsync(request, cancellationToken);

        public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) => _counting.UploadPartAsync(request, cancellationToken);

        public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default) => _counting.UploadPartCopyAsync(request, cancellationToken);

        public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) => _counting.CompleteMultipartUploadAsync(request, cancellationToken);

        public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) => _counting.AbortMultipartUploadAsync(key, uploadId, cancellationToken);

        public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default) => _counting.ListPartsAsync(request, cancellationToken);

        public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default) => _counting.RestoreObjectAsync(request, cancellationToken);
    }
}
