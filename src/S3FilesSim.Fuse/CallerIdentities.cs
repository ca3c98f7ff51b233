using System.Collections.Concurrent;
using System.Globalization;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Fuse;

/// <summary>The process behind a request: its identity (uid and gid from the request, supplementary groups from
/// <c>/proc/&lt;pid&gt;/status</c>) and its process id (the thread group, which owns its fcntl locks).</summary>
/// <param name="User">The identity the request acts as.</param>
/// <param name="ProcessId">The thread group id (<c>Tgid:</c>), or the request's pid when the process is gone.</param>
internal readonly record struct Caller(PosixUser User, int ProcessId);

/// <summary>
/// Resolves the caller of each request. FUSE requests carry uid, gid and the thread id but not the supplementary
/// groups, which the kernel's own permission checks would use; they are read from <c>/proc/&lt;pid&gt;/status</c> and
/// cached for one second per (pid, uid, gid), so a process that calls setgroups(2) without changing uid or gid is seen
/// with its new groups at most a second later.
/// </summary>
internal sealed class CallerIdentities
{
    private const int MaxEntries = 4096;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(int Pid, uint Uid, uint Gid), Entry> _cache = new();
    private readonly TimeProvider _wall;

    /// <summary>Creates the resolver.</summary>
    /// <param name="wall">The wall clock the cache lifetime is measured on.</param>
    public CallerIdentities(TimeProvider wall)
    {
        _wall = wall;
    }

    /// <summary>Returns the caller with <paramref name="uid"/>, <paramref name="gid"/> running as thread <paramref name="pid"/>.</summary>
    public Caller Resolve(uint uid, uint gid, int pid)
    {
        var now = _wall.GetTimestamp();
        if (_cache.TryGetValue((pid, uid, gid), out var entry) && now < entry.ExpiresAt)
        {
            return entry.Caller;
        }

        var (groups, processId) = pid > 0 ? ReadStatus(pid) : ([], pid);
        var caller = new Caller(new PosixUser(uid, gid, groups), processId);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[(pid, uid, gid)] = new Entry(caller, now + (long)(Lifetime.TotalSeconds * _wall.TimestampFrequency));
        return caller;
    }

    /// <summary>Parses the <c>Tgid:</c> and <c>Groups:</c> lines of a <c>/proc/&lt;pid&gt;/status</c> file.</summary>
    /// <param name="status">The file's text.</param>
    /// <param name="pid">The thread id, returned as the process id when there is no <c>Tgid:</c> line.</param>
    /// <returns>The supplementary groups and the thread group id.</returns>
    internal static (uint[] Groups, int ProcessId) ParseStatus(string status, int pid)
    {
        uint[] groups = [];
        var processId = pid;
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("Tgid:", StringComparison.Ordinal) && int.TryParse(line[5..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var tgid))
            {
                processId = tgid;
            }
            else if (line.StartsWith("Groups:", StringComparison.Ordinal))
            {
                var list = new List<uint>();
                foreach (var range in line[7..].Split(' '))
                {
                    var item = line[7..][range].Trim();
                    if (!item.IsEmpty && uint.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var group))
                    {
                        list.Add(group);
                    }
                }

                groups = [.. list];
            }
        }

        return (groups, processId);
    }

    private static (uint[] Groups, int ProcessId) ReadStatus(int pid)
    {
        try
        {
            return ParseStatus(File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")), pid);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process is gone (a RELEASE after exit) or in another pid namespace: no supplementary groups.
            return ([], pid);
        }
    }

    private readonly record struct Entry(Caller Caller, long ExpiresAt);
}
