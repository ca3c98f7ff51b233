namespace S3FilesSim.Export;

/// <summary>
/// What the export writer hands up when the bucket changed under an export: the conflict itself (the bucket wins),
/// and the old key of a rename where a newer version was written through S3 (it comes back at the old path). Owned
/// here so the export side depends on nothing above it; the bucket event handler implements it.
/// </summary>
internal interface IExportConflicts
{
    /// <summary>
    /// The bucket wins over <paramref name="entry"/>: its key <paramref name="key"/> holds <paramref name="latest"/>
    /// (or nothing), not the entry's base. The losing entry moves to lost+found and the bucket's version takes the path.
    /// </summary>
    /// <param name="entry">The entry whose export found the conflict.</param>
    /// <param name="key">The key written.</param>
    /// <param name="latest">The key's latest version, or <see langword="null"/> when it was deleted.</param>
    /// <param name="changedOldKey">The old key of the entry's rename when a newer version was found there, else <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the resolution between two steps; nothing is half-applied.</param>
    /// <returns>A task that completes when the conflict is resolved.</returns>
    /// <exception cref="ObjectStorage.ObjectStoreException">Reading the losing file's bytes failed; nothing changed, and the export is retried.</exception>
    ValueTask ResolveExportConflictAsync(ExportEntry entry, string key, BucketVersion? latest, string? changedOldKey, CancellationToken cancellationToken);

    /// <summary>A rename was exported, but its old key held a version newer than the base: it comes back at the old path.</summary>
    /// <param name="key">The old key.</param>
    /// <param name="cancellationToken">Cancels the revalidation.</param>
    /// <returns>A task that completes when the key's entry matches the bucket.</returns>
    ValueTask RevalidateAsync(string key, CancellationToken cancellationToken);
}
