using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using static S3FilesSim.Tests.Reliability.BadInput.BadInputCase;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>
/// Hostile input to the composition calls: simulation, file system, access point and mount creation, and the
/// synchronization configuration (limits from https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html
/// and the access point root-directory pattern of https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points.html).
/// </summary>
internal static class CreationBadInputCases
{
    public static IEnumerable<BadInputCase> All() =>
        SimulationOptionsRows().Concat(FileSystemOptionsRows()).Concat(AccessPoints()).Concat(Mounts()).Concat(Synchronization());

    private static IEnumerable<BadInputCase> SimulationOptionsRows()
    {
        var options = new (string Name, SimulationOptions Options)[]
        {
            ("start before 1970", new SimulationOptions { StartTime = DateTimeOffset.UnixEpoch.AddTicks(-1) }),
            ("start at DateTimeOffset.MinValue", new SimulationOptions { StartTime = DateTimeOffset.MinValue }),
            ("start at DateTimeOffset.MaxValue", new SimulationOptions { StartTime = DateTimeOffset.MaxValue }),
            ("start after 2200 (file times end in 2262)", new SimulationOptions { StartTime = new DateTimeOffset(2200, 1, 1, 0, 0, 0, 1, TimeSpan.Zero) }),
            ("start in 2262", new SimulationOptions { StartTime = new DateTimeOffset(2262, 4, 12, 0, 0, 0, TimeSpan.Zero) }),
            ("invalid bucket name", new SimulationOptions { BucketName = "Not_A_Bucket" }),
            ("empty bucket name", new SimulationOptions { BucketName = string.Empty }),
            ("null bucket options", new SimulationOptions { Bucket = null! }),
            ("empty region", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Region = string.Empty } }),
            ("11-digit account id", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { AccountId = "12345678901" } }),
            ("negative Glacier restore delay", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { GlacierRestoreDelay = TimeSpan.FromTicks(-1) } }),
            ("negative Deep Archive restore delay", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { DeepArchiveRestoreDelay = TimeSpan.MinValue } }),
            ("null event options", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Events = null! } }),
            ("negative event delay", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(-1) } } }),
            ("event max delay below min delay", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) } } }),
            ("duplicate probability -0.1", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DuplicateProbability = -0.1 } } }),
            ("duplicate probability 1.5", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DuplicateProbability = 1.5 } } }),
            ("duplicate probability NaN", new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DuplicateProbability = double.NaN } } }),
            ("null file system options", new SimulationOptions { FileSystem = null! }),
            ("zero metrics period", new SimulationOptions { Telemetry = new TelemetryOptions { MetricsPeriod = TimeSpan.Zero } }),
            ("negative metrics period", new SimulationOptions { Telemetry = new TelemetryOptions { MetricsPeriod = TimeSpan.FromMinutes(-1) } }),
            ("storage period not a multiple of the metrics period", new SimulationOptions { Telemetry = new TelemetryOptions { MetricsPeriod = TimeSpan.FromMinutes(1), StorageMetricsPeriod = TimeSpan.FromSeconds(90) } }),
            ("zero metrics history", new SimulationOptions { Telemetry = new TelemetryOptions { MetricsHistoryCapacity = 0 } }),
            ("zero timeline capacity", new SimulationOptions { Telemetry = new TelemetryOptions { TimelineCapacity = 0 } }),
        };
        foreach (var (name, value) in options)
        {
            yield return Fails($"S3FilesSimulation.Create {name}", ExpectedFor(name), _ => Task.FromResult(S3FilesSimulation.Create(value)));
        }

        foreach (var (name, value) in InvalidFileSystemOptions())
        {
            yield return Fails($"S3FilesSimulation.Create default file system {name}", ExpectedFor(name), _ => Task.FromResult(S3FilesSimulation.Create(new SimulationOptions { FileSystem = value })));
        }
    }

    private static IEnumerable<(string Name, FileSystemOptions Options)> InvalidFileSystemOptions() =>
    [
        ("prefix without a trailing slash", new FileSystemOptions { Prefix = "data" }),
        ("prefix of 1,025 characters", new FileSystemOptions { Prefix = new string('p', 1024) + "/" }),
        ("prefix with a lone surrogate", new FileSystemOptions { Prefix = "bad\uD800/" }),
        ("zero open files per mount", new FileSystemOptions { MaxOpenFilesPerMount = 0 }),
        ("negative open files per mount", new FileSystemOptions { MaxOpenFilesPerMount = -1 }),
        ("negative max file size", new FileSystemOptions { MaxFileSizeBytes = -1 }),
        ("max file size above 48 TiB", new FileSystemOptions { MaxFileSizeBytes = FileSystemOptions.DefaultMaxFileSizeBytes + 1 }),
        ("zero locks per file", new FileSystemOptions { MaxLocksPerFile = 0 }),
        ("zero locks per mount", new FileSystemOptions { MaxLocksPerMount = 0 }),
        ("negative metadata bytes per inode", new FileSystemOptions { MetadataBytesPerInode = -1 }),
        ("zero direct read threshold", new FileSystemOptions { DirectReadThreshold = 0 }),
        ("negative direct read threshold", new FileSystemOptions { DirectReadThreshold = -1 }),
        ("negative commit delay", new FileSystemOptions { Export = new ExportOptions { CommitDelay = TimeSpan.FromSeconds(-1) } }),
        ("negative max export delay", new FileSystemOptions { Export = new ExportOptions { MaxExportDelay = TimeSpan.FromSeconds(-1) } }),
        ("zero export files per second", new FileSystemOptions { Export = new ExportOptions { MaxFilesPerSecond = 0 } }),
        ("zero export bytes per second", new FileSystemOptions { Export = new ExportOptions { MaxBytesPerSecond = 0 } }),
        ("zero retry base delay", new FileSystemOptions { Export = new ExportOptions { RetryBaseDelay = TimeSpan.Zero } }),
        ("retry max delay below base delay", new FileSystemOptions { Export = new ExportOptions { RetryBaseDelay = TimeSpan.FromMinutes(2), RetryMaxDelay = TimeSpan.FromMinutes(1) } }),
        ("multipart part size below 5 MiB", new FileSystemOptions { Export = new ExportOptions { MultipartPartSizeBytes = (5L << 20) - 1 } }),
        ("multipart threshold below the part size", new FileSystemOptions { Export = new ExportOptions { MultipartThresholdBytes = 6L << 20, MultipartPartSizeBytes = 8L << 20 } }),
        ("zero multipart threshold", new FileSystemOptions { Export = new ExportOptions { MultipartThresholdBytes = 0 } }),
        ("null export options", new FileSystemOptions { Export = null! }),
        ("null import options", new FileSystemOptions { Import = null! }),
        ("null prefix", new FileSystemOptions { Prefix = null! }),
        ("zero import objects per second", new FileSystemOptions { Import = new ImportOptions { MaxObjectsPerSecond = 0 } }),
        ("zero import bytes per second", new FileSystemOptions { Import = new ImportOptions { MaxBytesPerSecond = 0 } }),
        ("zero expiration sweep interval", new FileSystemOptions { Import = new ImportOptions { ExpirationSweepInterval = TimeSpan.Zero } }),
        ("negative expiration sweep interval", new FileSystemOptions { Import = new ImportOptions { ExpirationSweepInterval = TimeSpan.FromHours(-1) } }),
    ];

    private static IEnumerable<BadInputCase> FileSystemOptionsRows()
    {
        foreach (var (name, options) in InvalidFileSystemOptions())
        {
            yield return Fails($"CreateFileSystem {name}", ExpectedFor(name), w => Task.FromResult(w.Sim.CreateFileSystem(options)));
        }

        yield return Fails("CreateFileSystem over an unversioned bucket", nameof(ArgumentException), w => Task.FromResult(w.Sim.CreateFileSystem(null, w.UnversionedBucket)));
        yield return Fails("CreateFileSystem over a null bucket", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.CreateFileSystem(null, null!)));
    }

    private static IEnumerable<BadInputCase> AccessPoints()
    {
        var roots = new[]
        {
            string.Empty, "relative", "/a/b/c/d/e", "/" + new string('r', 100), "/.hidden", "/a/.b", "/a/../b", "/a/./b", "//a", "/a//b",
            "/a/", "/a$b", "/a#b", "/a<b", "/a>b", "/a;b", "/a|b", "/a&b", "/a?b", "/a{b", "/a}b", "/a^b", "/a*b", "/a`b", "/a\nb",
        };
        foreach (var root in roots)
        {
            yield return Fails($"CreateAccessPoint root '{root.ReplaceLineEndings("\\n")}'", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = root })));
        }

        yield return Fails("CreateAccessPoint a null root", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = null! })));
        yield return Fails("CreateAccessPoint null options", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.FileSystem.CreateAccessPoint(null!)));
        yield return Fails("CreateAccessPoint creation permissions 010000 (beyond 4 octal digits)", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/new", CreationPermissions = new CreationPermissions { OwnerUid = 1, OwnerGid = 1, Permissions = (UnixFileMode)0x1000 } })));
        yield return Fails("CreateAccessPoint creation permissions -1", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/new", CreationPermissions = new CreationPermissions { OwnerUid = 1, OwnerGid = 1, Permissions = (UnixFileMode)(-1) } })));
        foreach (var permissions in new[] { "77", "07777", "0778", "abc", "-755", string.Empty })
        {
            yield return Fails($"CreationPermissions.FromOctal '{permissions}'", nameof(ArgumentException), _ => Task.FromResult(CreationPermissions.FromOctal(1, 1, permissions)));
        }

        yield return Fails("PosixUser with null secondary groups", nameof(ArgumentNullException), _ => Task.FromResult(new PosixUser(1, 1, (IEnumerable<uint>)null!)));
    }

    private static IEnumerable<BadInputCase> Mounts()
    {
        yield return Fails("Mount null options", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.FileSystem.Mount(null!)));
        yield return Fails("Mount a null user", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.FileSystem.Mount(new MountOptions { User = null! })));
        yield return Fails("Mount without s3files:ClientMount", nameof(UnauthorizedAccessException), w => Task.FromResult(w.Sim.FileSystem.Mount(new MountOptions { ClientMount = false })));
        yield return Fails("Mount an unknown access point", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.Mount(new MountOptions { AccessPointId = "fsap-00000000000000000" })));
        yield return Fails("Mount an empty access point id", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.Mount(new MountOptions { AccessPointId = string.Empty })));
        yield return Fails("Mount another file system's access point", nameof(ArgumentException), w => MountAccessPoint(w, w.OtherFileSystemAccessPointId));
        yield return Fails("Mount an undefined direct-read mode", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.Mount(new MountOptions { DirectS3Read = (S3FilesSim.ReadPath.DirectS3ReadMode)42 })));
        yield return Fails("Mount an access point whose missing root has no creation permissions", "ENOENT", w => MountAccessPoint(w, w.BrokenAccessPoints["/absent"]));
        yield return Fails("Mount an access point rooted at a file", "ENOTDIR", w => MountAccessPoint(w, w.BrokenAccessPoints["/file"]));
        yield return Fails("Mount an access point rooted under a file", "ENOTDIR", w => MountAccessPoint(w, w.BrokenAccessPoints["/file/x"]));
        yield return Fails("Mount an access point rooted at a symlink loop", "ELOOP", w => MountAccessPoint(w, w.BrokenAccessPoints["/loop1"]));
        yield return Fails("Mount an access point with a 256-byte root name", "ENAMETOOLONG", w => MountAccessPoint(w, w.BrokenAccessPoints["/" + new string('€', 86)]));
    }

    private static IEnumerable<BadInputCase> Synchronization()
    {
        var rules = new (string Name, SynchronizationConfiguration Configuration)[]
        {
            ("no import rules", new SynchronizationConfiguration { ImportDataRules = [] }),
            ("null import rules", new SynchronizationConfiguration { ImportDataRules = null! }),
            ("11 import rules", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), .. Enumerable.Range(0, 10).Select(i => new ImportDataRule { Prefix = $"p{i}/" })] }),
            ("no root rule", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { Prefix = "a/" }] }),
            ("two root rules", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), new ImportDataRule { SizeLessThan = 5 }] }),
            ("a repeated prefix", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), new ImportDataRule { Prefix = "a/" }, new ImportDataRule { Prefix = "a/" }] }),
            ("a prefix without a trailing slash", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), new ImportDataRule { Prefix = "a" }] }),
            ("a prefix of 1,025 characters", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), new ImportDataRule { Prefix = new string('a', 1024) + "/" }] }),
            ("a prefix with a lone surrogate", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), new ImportDataRule { Prefix = "\uDC00/" }] }),
            ("a null prefix", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), new ImportDataRule { Prefix = null! }] }),
            ("a null rule", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule(), null!] }),
            ("size limit -1", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { SizeLessThan = -1 }] }),
            ("size limit above 48 TiB", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { SizeLessThan = ImportDataRule.MaxSizeLessThan + 1 }] }),
            ("size limit long.MinValue", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { SizeLessThan = long.MinValue }] }),
            ("undefined trigger", new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { Trigger = (ImportTrigger)7 }] }),
            ("no expiration rule", new SynchronizationConfiguration { ExpirationDataRules = [] }),
            ("null expiration rules", new SynchronizationConfiguration { ExpirationDataRules = null! }),
            ("a null expiration rule", new SynchronizationConfiguration { ExpirationDataRules = [null!] }),
            ("two expiration rules", new SynchronizationConfiguration { ExpirationDataRules = [new ExpirationDataRule(), new ExpirationDataRule()] }),
            ("0 days after last access", new SynchronizationConfiguration { ExpirationDataRules = [new ExpirationDataRule { DaysAfterLastAccess = 0 }] }),
            ("366 days after last access", new SynchronizationConfiguration { ExpirationDataRules = [new ExpirationDataRule { DaysAfterLastAccess = 366 }] }),
            ("int.MinValue days after last access", new SynchronizationConfiguration { ExpirationDataRules = [new ExpirationDataRule { DaysAfterLastAccess = int.MinValue }] }),
        };
        foreach (var (name, configuration) in rules)
        {
            yield return Fails($"PutSynchronizationConfiguration {name}", ExpectedFor(name), w => Task.FromResult(w.Sim.FileSystem.PutSynchronizationConfiguration(configuration)));
        }

        yield return Fails("PutSynchronizationConfiguration null", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.FileSystem.PutSynchronizationConfiguration(null!)));
        yield return Fails("PutSynchronizationConfiguration a stale version", nameof(SynchronizationConfigurationConflictException), w => Task.FromResult(w.Sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { LatestVersionNumber = 0 })));
        yield return Fails("PutSynchronizationConfiguration a future version", nameof(SynchronizationConfigurationConflictException), w => Task.FromResult(w.Sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { LatestVersionNumber = 2 })));
        yield return Fails("PutSynchronizationConfiguration an invalid rule with a stale version", nameof(ArgumentException), w => Task.FromResult(w.Sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { LatestVersionNumber = 0, ExpirationDataRules = [] })));
    }

    /// <summary>Members checked by a null guard fail with <see cref="ArgumentNullException"/> (an <see cref="ArgumentException"/> too); the rest with <see cref="ArgumentException"/>.</summary>
    private static string ExpectedFor(string name) =>
        name is "null prefix" or "null export options" or "null import options" or "null file system options" or "a null rule"
            ? nameof(ArgumentNullException)
            : nameof(ArgumentException);

    private static Task MountAccessPoint(BadInputWorld world, string accessPointId) =>
        Task.FromResult(world.Sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPointId }));
}
