using S3FilesSim.Namespace;

namespace S3FilesSim.Import;

/// <summary>
/// The stored synchronization configuration of one file system (<c>GetSynchronizationConfiguration</c> /
/// <c>PutSynchronizationConfiguration</c>) and the import rule of each key. Guarded by the file system's lock.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
/// <param name="keys">The file system's keys; rule prefixes are relative to its scope prefix.</param>
internal sealed class SynchronizationSettings(ObjectKeys keys)
{
    /// <summary>Gets the stored configuration; a new file system has the defaults at version 1.</summary>
    public SynchronizationConfiguration Configuration { get; private set; } = new() { LatestVersionNumber = 1 };

    /// <summary>Replaces the configuration when <paramref name="configuration"/> carries the stored version (or none), and returns the new one.</summary>
    /// <exception cref="ArgumentException">A rule is out of range (the parameter name is the field).</exception>
    /// <exception cref="SynchronizationConfigurationConflictException">The version does not match the stored one.</exception>
    public SynchronizationConfiguration Put(SynchronizationConfiguration configuration)
    {
        configuration.Validate();
        var stored = Configuration.LatestVersionNumber!.Value;
        if (configuration.LatestVersionNumber is { } expected && expected != stored)
        {
            throw new SynchronizationConfigurationConflictException(expected, stored);
        }

        Configuration = configuration with
        {
            ImportDataRules = [.. configuration.ImportDataRules],
            ExpirationDataRules = [.. configuration.ExpirationDataRules],
            LatestVersionNumber = stored + 1,
        };
        return Configuration;
    }

    /// <summary>Gets the import rule for the object <paramref name="key"/> (a full bucket key).</summary>
    public ImportDataRule RuleFor(string key) => Configuration.RuleFor(keys.Relative(key));
}
