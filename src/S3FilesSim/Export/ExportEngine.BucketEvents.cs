namespace S3FilesSim.Export;

/// <content>What the importer asks before applying a bucket event.</content>
internal sealed partial class ExportEngine
{
    /// <summary>Returns whether <paramref name="key"/> is the base of an entry renamed or removed on the file system and not yet exported; export-time checks own such keys.</summary>
    public bool HasPendingMoveLocked(string key) => _baseKeyOwners.ContainsKey(key);
}
