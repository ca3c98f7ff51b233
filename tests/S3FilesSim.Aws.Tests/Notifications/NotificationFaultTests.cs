using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;
using Xunit.Abstractions;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws.Tests.Notifications;

/// <summary>
/// Faults in the notification stream over the network: the bucket's notifications go to one SQS queue, a seeded
/// "network" moves them to the queue the source reads, dropping some, sending some twice and holding some back to
/// send later out of order. The same workload (file-system writes, renames and deletes through a mount, other S3
/// clients' writes and deletes, time passing) then ends, once quiet, in the same state as on the in-memory bucket with
/// its own events: the mount shows exactly the bucket's objects (the reference model's convergence invariant,
/// docs/SEMANTICS.md "Faults and recovery"), and the same files, objects and lost+found contents as the in-memory run.
/// </summary>
/// <remarks>Both runs revalidate accessed directories every 5 minutes (ImportOptions.RevalidationInterval), which is
/// how a file system recovers from a lost notification (moto sends none for delete markers either).</remarks>
[Collection(S3EndpointCollection.Name)]
public sealed class NotificationFaultTests(S3EndpointFixture endpoint, ITestOutputHelper output)
{
    private const int Operations = 60;
    private static readonly string[] Directories = ["d0", "d1", "d2"];
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task LostDuplicatedAndReorderedNotifications_ConvergeToTheStateOfTheInMemoryRun(int seed)
    {
        var expected = await RunInMemoryAsync(seed);

        var (actual, network, statistics) = await RunOverSqsAsync(seed);

        output.WriteLine($"seed {seed}: {network}; source: {statistics}");
        statistics.EventsDelivered.Should().BePositive();
        statistics.MessagesDeleted.Should().Be(statistics.MessagesReceived, "every message received was applied, then deleted");
        network.Dropped.Should().BePositive("the network dropped notifications");
        network.Duplicated.Should().BePositive("the network sent notifications twice");
        network.Reordered.Should().BePositive("the network held notifications back and sent them after later ones");
        actual.Files.Should().Equal(actual.Objects.ToDictionary(o => "/" + o.Key, o => o.Value), "the file system converged to its bucket");
        actual.Files.Should().Equal(expected.Files);
        actual.Objects.Should().Equal(expected.Objects);
        actual.LostAndFound.Should().Equal(expected.LostAndFound);
    }

    private static FileSystemOptions Options() => new() { Import = new ImportOptions { RevalidationInterval = TimeSpan.FromMinutes(5) } };

    private static async Task<State> RunInMemoryAsync(int seed)
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = seed, FileSystem = Options() });
        await using var fs = sim.FileSystem.Mount(new MountOptions());
        var bucket = sim.Bucket;
        await RunWorkloadAsync(seed, sim, fs, (key, text) => bucket.PutObjectAsync(key, text).AsTask(), key => bucket.DeleteObjectAsync(key).AsTask());
        return await ReadStateAsync(fs, bucket, sim.FileSystem.FileSystemId);
    }

    private async Task<(State State, ChaosNetwork Network, NotificationStatistics Statistics)> RunOverSqsAsync(int seed)
    {
        using var store = await endpoint.CreateStoreAsync();
        using var sqs = BucketNotifications.CreateSqsClient(endpoint.BaseOptions);
        var incoming = await BucketNotifications.ConfigureQueueAsync(endpoint.Client, sqs, store.BucketName, "in-" + store.BucketName);
        var delivered = (await sqs.CreateQueueAsync("out-" + store.BucketName)).QueueUrl;
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = seed, FileSystem = Options() });
        var network = new ChaosNetwork(sqs, incoming, delivered, new DeterministicRandom(seed));
        network.Start(sim.Scheduler);
        using var source = new SqsBucketEventSource(sqs, store.BucketName, sim.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = delivered, Interval = Round });
        var fileSystem = sim.CreateFileSystem(Options(), store, source);
        await using var fs = fileSystem.Mount(new MountOptions());
        await RunWorkloadAsync(
            seed,
            sim,
            fs,
            (key, text) => endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = store.BucketName, Key = key, ContentBody = text }),
            key => endpoint.Client.DeleteObjectAsync(store.BucketName, key));
        network.Stop();
        return (await ReadStateAsync(fs, store, fileSystem.FileSystemId), network, source.Statistics);
    }

    /// <summary>The workload: directories exported and listed, then seeded mount and other-client operations with time passing, then a quiet period.</summary>
    private static async Task RunWorkloadAsync(int seed, S3FilesSimulation sim, IFileSystem fs, Func<string, string, Task> put, Func<string, Task> delete)
    {
        foreach (var directory in Directories)
        {
            await fs.MkdirAsync("/" + directory);
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        foreach (var directory in Directories)
        {
            await fs.ReadDirectoryAsync("/" + directory);
        }

        var random = new DeterministicRandom(seed * 7919);
        for (var i = 0; i < Operations; i++)
        {
            // The mount works on m*.txt, the other S3 client on s*.txt: the outcome of a race between a mount's write and
            // another client's write of one key depends on when the event arrives, which is what differs between the runs.
            var directory = Directories[random.Next(Directories.Length)];
            var text = $"op {i} seed {seed}";
            var operation = random.Next(6);
            var name = operation < 4 ? $"m{random.Next(4)}.txt" : $"s{random.Next(4)}.txt";
            var path = $"/{directory}/{name}";
            switch (operation)
            {
                case 0:
                case 1:
                    await fs.WriteAllTextAsync(path, text);
                    break;
                case 2:
                    await IgnoreMissingAsync(() => fs.RenameAsync(path, $"/{directory}/m{random.Next(4)}.txt").AsTask());
                    break;
                case 3:
                    await IgnoreMissingAsync(() => fs.UnlinkAsync(path).AsTask());
                    break;
                case 4:
                    await put($"{directory}/{name}", "s3 " + text);
                    break;
                default:
                    await delete($"{directory}/{name}");
                    break;
            }

            await sim.AdvanceAsync(TimeSpan.FromSeconds(1 + random.Next(20)));
        }

        await sim.AdvanceAsync(Quiet);
    }

    private static async Task IgnoreMissingAsync(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (FileSystemException e) when (e.Errno == Errno.ENOENT)
        {
            // The workload picks names at random; a missing one is part of it.
        }
    }

    private static async Task<State> ReadStateAsync(IFileSystem fs, IObjectStore bucket, string fileSystemId)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            foreach (var entry in await fs.ReadDirectoryAsync("/" + directory))
            {
                files[$"/{directory}/{entry.Name}"] = await fs.ReadAllTextAsync($"/{directory}/{entry.Name}");
            }
        }

        var lostAndFound = new List<string>();
        var lostDirectory = "/.s3files-lost+found-" + fileSystemId;
        if ((await fs.ReadDirectoryAsync("/")).Any(e => "/" + e.Name == lostDirectory))
        {
            foreach (var entry in await fs.ReadDirectoryAsync(lostDirectory))
            {
                lostAndFound.Add(await fs.ReadAllTextAsync(lostDirectory + "/" + entry.Name));
            }
        }

        var objects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var summary in (await bucket.ListObjectsV2Async(new ListObjectsV2Request())).Contents.Where(o => !o.Key.EndsWith('/')))
        {
            using var result = await bucket.GetObjectAsync(new GetObjectRequest { Key = summary.Key });
            objects[summary.Key] = Encoding.UTF8.GetString(await result.ReadAllBytesAsync());
        }

        lostAndFound.Sort(StringComparer.Ordinal);
        return new State(files, objects, lostAndFound);
    }

    private sealed record State(SortedDictionary<string, string> Files, SortedDictionary<string, string> Objects, List<string> LostAndFound);

    /// <summary>
    /// Moves messages from the queue the bucket notifies to the queue the source reads, every round on the scheduler:
    /// drops 20 %, sends 25 % twice, and holds 25 % back for one to three rounds so they arrive after later ones.
    /// </summary>
    private sealed class ChaosNetwork(IAmazonSQS sqs, string from, string to, DeterministicRandom random)
    {
        private readonly List<(int Round, string Body)> _held = [];
        private int _round;
        private bool _stopped;

        public int Forwarded { get; private set; }

        public int Dropped { get; private set; }

        public int Duplicated { get; private set; }

        public int Reordered { get; private set; }

        public void Start(Scheduler scheduler) => scheduler.Schedule(TimeSpan.Zero, ct => RunAsync(scheduler, ct), "chaos-network");

        public void Stop() => _stopped = true;

        public override string ToString() => $"{Forwarded} forwarded, {Dropped} dropped, {Duplicated} duplicated, {Reordered} held back and reordered";

        private async ValueTask RunAsync(Scheduler scheduler, CancellationToken cancellationToken)
        {
            if (_stopped)
            {
                return;
            }

            _round++;
            while (true)
            {
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = from, MaxNumberOfMessages = 10 }, cancellationToken);
                var messages = received.Messages ?? [];
                foreach (var message in messages)
                {
                    var draw = random.NextDouble();
                    if (draw < 0.20)
                    {
                        Dropped++;
                    }
                    else if (draw < 0.45)
                    {
                        await SendAsync(message.Body, cancellationToken);
                        await SendAsync(message.Body, cancellationToken);
                        Duplicated++;
                    }
                    else if (draw < 0.70)
                    {
                        _held.Add((_round + 1 + random.Next(3), message.Body));
                        Reordered++;
                    }
                    else
                    {
                        await SendAsync(message.Body, cancellationToken);
                    }

                    await sqs.DeleteMessageAsync(from, message.ReceiptHandle, cancellationToken);
                }

                if (messages.Count < 10)
                {
                    break;
                }
            }

            foreach (var held in _held.Where(h => h.Round <= _round).ToList())
            {
                _held.Remove(held);
                await SendAsync(held.Body, cancellationToken);
            }

            scheduler.Schedule(Round, ct => RunAsync(scheduler, ct), "chaos-network");
        }

        private async Task SendAsync(string body, CancellationToken cancellationToken)
        {
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = to, MessageBody = body }, cancellationToken);
            Forwarded++;
        }
    }
}
