namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The opaque id of one version of an object (or of a delete marker); <see cref="Null"/> (the string <c>null</c>) for
/// writes to a bucket whose versioning is not enabled.
/// </summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/versioning-workflows.html. Ids are compared
/// ordinally; nothing may be inferred from their text.</remarks>
public readonly record struct VersionId
{
    private readonly string? _value;

    /// <summary>Creates a version id from its text.</summary>
    /// <param name="value">The id, as S3 returned it.</param>
    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public VersionId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    private VersionId(string value, bool trusted)
    {
        _ = trusted;
        _value = value;
    }

    /// <summary>Gets the id of versions written while versioning is not enabled: the string <c>null</c>.</summary>
    public static VersionId Null { get; } = new("null");

    /// <summary>Gets the id's text.</summary>
    public string Value => _value ?? "null";

    /// <summary>Gets a value indicating whether this is <see cref="Null"/>.</summary>
    public bool IsNull => Value == "null";

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Rebuilds an id from the <see cref="Value"/> of one, without checking it again.</summary>
    internal static VersionId FromStored(string value) => new(value, trusted: true);
}
