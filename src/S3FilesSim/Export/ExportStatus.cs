using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <summary>The <c>user.s3files.status</c> extended attribute of an entry (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html).</summary>
internal static class ExportStatus
{
    /// <summary>Returns the attribute value of <paramref name="inode"/>: <c>S3Key</c>, plus <c>ExportError</c> or lost+found's <c>FilePath</c>. Called with the lock held.</summary>
    /// <param name="inode">The entry.</param>
    /// <param name="lostAndFound">The lost+found directory and its files.</param>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="keys">The file system's keys.</param>
    /// <returns>The text, one <c>Name: value</c> line each.</returns>
    public static string Of(Inode inode, LostAndFound lostAndFound, string bucketName, ObjectKeys keys)
    {
        if (lostAndFound.StatusOf(inode, bucketName) is { } lost)
        {
            return lost;
        }

        var entry = ExportEntries.Of(inode);
        var key = inode.VersionId is null ? null : entry?.BaseKey ?? keys.Of(inode);
        var status = "S3Key: " + (key is null ? string.Empty : $"s3://{bucketName}/{key}") + "\n";
        return entry?.Error is { } error ? status + "ExportError: " + error + "\n" : status;
    }
}
