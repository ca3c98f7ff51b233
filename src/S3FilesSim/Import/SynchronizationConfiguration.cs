namespace S3FilesSim.Import;

/// <summary>When the data of a file selected by an import rule is copied to the high-performance storage.</summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
public enum ImportTrigger
{
    /// <summary>On the first access to the file's directory (<c>ON_DIRECTORY_FIRST_ACCESS</c>), for its immediate children.</summary>
    OnDirectoryFirstAccess,

    /// <summary>When the file is read for the first time (<c>ON_FILE_ACCESS</c>).</summary>
    OnFileAccess,
}

/// <summary>
/// Which files under a prefix get their data imported, and when; the rule with the longest matching prefix wins.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
public sealed record ImportDataRule
{
    /// <summary>The largest allowed <see cref="SizeLessThan"/>, in bytes.</summary>
    public const long MaxSizeLessThan = 52_673_613_135_872;

    /// <summary>Gets the prefix the rule applies to, relative to the file system's scope prefix: empty (the whole file system) or ending in <c>/</c>.</summary>
    /// <value>The default value is the empty string.</value>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Gets when data is imported.</summary>
    /// <value>The default value is <see cref="ImportTrigger.OnDirectoryFirstAccess"/>.</value>
    public ImportTrigger Trigger { get; init; } = ImportTrigger.OnDirectoryFirstAccess;

    /// <summary>Gets the size limit in bytes: data is imported only for objects strictly smaller; 0 imports metadata only.</summary>
    /// <value>The default value is 131,072 (128 KiB).</value>
    public long SizeLessThan { get; init; } = 131_072;
}

/// <summary>How long file data that is in sync with the bucket stays on the high-performance storage without being read or written.</summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
public sealed record ExpirationDataRule
{
    /// <summary>Gets the number of days (1 to 365) after the last read or write when exported data leaves the high-performance storage.</summary>
    /// <value>The default value is 30.</value>
    public int DaysAfterLastAccess { get; init; } = 30;
}

/// <summary>
/// The import and expiration rules of a file system, versioned for optimistic concurrency like the
/// <c>PutSynchronizationConfiguration</c> API.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
public sealed record SynchronizationConfiguration
{
    /// <summary>Gets the import data rules: 1 to 10, exactly one with the empty prefix.</summary>
    /// <value>The default value is one rule for the whole file system with the default trigger and size limit.</value>
    public IReadOnlyList<ImportDataRule> ImportDataRules { get; init; } = [new ImportDataRule()];

    /// <summary>Gets the expiration data rules: exactly one.</summary>
    /// <value>The default value is one rule of 30 days.</value>
    public IReadOnlyList<ExpirationDataRule> ExpirationDataRules { get; init; } = [new ExpirationDataRule()];

    /// <summary>
    /// Gets the version number: on a read, the stored version; on a write, the version last read (<see langword="null"/>
    /// to skip the check), which must match the stored one.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; a new file system stores the defaults at version 1.</value>
    public long? LatestVersionNumber { get; init; }

    /// <summary>Gets the rule whose prefix is the longest match of <paramref name="relativeKey"/> (a key relative to the scope prefix).</summary>
    internal ImportDataRule RuleFor(string relativeKey)
    {
        ImportDataRule? best = null;
        foreach (var rule in ImportDataRules)
        {
            if (relativeKey.StartsWith(rule.Prefix, StringComparison.Ordinal) && (best is null || rule.Prefix.Length > best.Prefix.Length))
            {
                best = rule;
            }
        }

        return best!;
    }

    /// <summary>Checks the rules like the service's <c>ValidationException</c>; the exception's parameter name is the field at fault.</summary>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    internal void Validate()
    {
        if (ImportDataRules is null || ImportDataRules.Count is < 1 or > 10)
        {
            throw new ArgumentException("importDataRules must hold 1 to 10 rules.", nameof(ImportDataRules));
        }

        if (ImportDataRules.Count(rule => rule?.Prefix?.Length == 0) != 1)
        {
            throw new ArgumentException("importDataRules must hold exactly one rule with the prefix \"\".", nameof(ImportDataRules));
        }

        foreach (var rule in ImportDataRules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(ImportDataRules));
            if (rule.Prefix is null || rule.Prefix.Length > 1024 || (rule.Prefix.Length > 0 && rule.Prefix[^1] != '/') || !Security.PathResolver.IsValidUnicode(rule.Prefix))
            {
                throw new ArgumentException($"importDataRules.prefix must be empty or end with '/' and have at most 1,024 characters of valid Unicode; it was '{rule.Prefix}'.", nameof(ImportDataRule.Prefix));
            }

            if (rule.SizeLessThan is < 0 or > ImportDataRule.MaxSizeLessThan)
            {
                throw new ArgumentException($"importDataRules.sizeLessThan must be between 0 and {ImportDataRule.MaxSizeLessThan}; it was {rule.SizeLessThan}.", nameof(ImportDataRule.SizeLessThan));
            }

            if (!Enum.IsDefined(rule.Trigger))
            {
                throw new ArgumentException($"importDataRules.trigger is not valid: {rule.Trigger}.", nameof(ImportDataRule.Trigger));
            }
        }

        if (ImportDataRules.Select(rule => rule.Prefix).Distinct(StringComparer.Ordinal).Count() != ImportDataRules.Count)
        {
            throw new ArgumentException("importDataRules must not repeat a prefix.", nameof(ImportDataRule.Prefix));
        }

        if (ExpirationDataRules is null || ExpirationDataRules.Count != 1 || ExpirationDataRules[0] is null)
        {
            throw new ArgumentException("expirationDataRules must hold exactly one rule.", nameof(ExpirationDataRules));
        }

        if (ExpirationDataRules[0].DaysAfterLastAccess is < 1 or > 365)
        {
            throw new ArgumentException($"expirationDataRules.daysAfterLastAccess must be between 1 and 365; it was {ExpirationDataRules[0].DaysAfterLastAccess}.", nameof(ExpirationDataRule.DaysAfterLastAccess));
        }
    }
}
