using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Body;

namespace S3FilesSim.Server.S3;

/// <summary>What S3 stores with an object version that the in-memory bucket does not: the additional checksum and the
/// content headers (<c>Content-Encoding</c>, <c>Content-Disposition</c>, <c>Content-Language</c>, <c>Cache-Control</c>,
/// <c>Expires</c>).</summary>
/// <param name="Checksum">The object's verified checksum, if the upload had one.</param>
/// <param name="ContentHeaders">The content headers, by their HTTP names.</param>
internal sealed record ObjectExtra(ChecksumValue? Checksum, IReadOnlyList<KeyValuePair<string, string>> ContentHeaders)
{
    /// <summary>Gets how <see cref="Checksum"/> covers the object: <c>FULL_OBJECT</c> (of every byte) or <c>COMPOSITE</c> (of the parts' checksums).</summary>
    public string ChecksumType { get; init; } = "FULL_OBJECT";

    /// <summary>Gets the checksums of the parts a multipart upload was completed from, in part order, when every part had one.</summary>
    public IReadOnlyList<ChecksumValue>? PartChecksums { get; init; }

    /// <summary>The content headers S3 stores and returns on GET and HEAD.</summary>
    public static readonly string[] StoredHeaders = ["Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires"];

    public static readonly ObjectExtra None = new(null, []);

    public bool IsEmpty => Checksum is null && ContentHeaders.Count == 0 && PartChecksums is null;

    /// <summary>Reads the content headers of a PutObject, CopyObject (REPLACE) or CreateMultipartUpload.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ContentHeadersOf(HttpRequest request)
    {
        List<KeyValuePair<string, string>>? headers = null;
        foreach (var name in StoredHeaders)
        {
            if (request.Headers.TryGetValue(name, out var values) && values.Count > 0)
            {
                var value = values.ToString();
                if (name == "Content-Encoding")
                {
                    value = string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(v => !v.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)));
                    if (value.Length == 0)
                    {
                        continue;
                    }
                }

                (headers ??= []).Add(new(name, value));
            }
        }

        return headers ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }
}

/// <summary>The <see cref="ObjectExtra"/> of each stored version, attached to the version's own <see cref="ObjectMetadata"/>
/// instance, so it lives exactly as long as the version and never leaks onto a newer version of the key.</summary>
internal sealed class ObjectExtras
{
    private readonly ConditionalWeakTable<ObjectMetadata, ObjectExtra> _table = [];

    public ObjectExtra Get(ObjectMetadata metadata) => _table.TryGetValue(metadata, out var extra) ? extra : ObjectExtra.None;

    /// <summary>Attaches <paramref name="extra"/> to the version a write just created (looked up by its version id, and
    /// checked against the write's ETag and time, so a concurrent write to the same null version is left alone).</summary>
    public async ValueTask AttachAsync(InMemoryObjectStore bucket, string key, ObjectWriteResult written, ObjectExtra extra, CancellationToken cancellationToken)
    {
        if (extra.IsEmpty || !written.Succeeded)
        {
            return;
        }

        if (await WrittenVersionAsync(bucket, key, written, cancellationToken).ConfigureAwait(false) is { } metadata)
        {
            _table.AddOrUpdate(metadata, extra);
        }
    }

    /// <summary>Returns what is attached to the version a write created (a repeated CompleteMultipartUpload answers it again).</summary>
    public async ValueTask<ObjectExtra> GetAsync(InMemoryObjectStore bucket, string key, ObjectWriteResult written, CancellationToken cancellationToken) =>
        written.Succeeded && await WrittenVersionAsync(bucket, key, written, cancellationToken).ConfigureAwait(false) is { } metadata ? Get(metadata) : ObjectExtra.None;

    private static async ValueTask<ObjectMetadata?> WrittenVersionAsync(InMemoryObjectStore bucket, string key, ObjectWriteResult written, CancellationToken cancellationToken)
    {
        var head = await bucket.HeadObjectAsync(new HeadObjectRequest { Key = key, VersionId = written.VersionId }, cancellationToken).ConfigureAwait(false);
        return head.Object is { } metadata && metadata.ETag == written.ETag && metadata.LastModified == written.LastModified ? metadata : null;
    }
}
