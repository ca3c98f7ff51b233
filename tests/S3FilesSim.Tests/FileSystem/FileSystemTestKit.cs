using System.Text;
using FluentAssertions;
using FluentAssertions.Specialized;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Tests.FileSystem;

/// <summary>Helpers shared by the file-system tests: a fresh simulation, mounts, small file I/O and the errno assertion.</summary>
internal static class FileSystemTestKit
{
    public static readonly PosixUser Alice = new(1000, 1000);
    public static readonly PosixUser Bob = new(1001, 1001);

    public static S3FilesSimulation NewSimulation(FileSystemOptions? options = null) =>
        S3FilesSimulation.Create(new SimulationOptions { FileSystem = options ?? new FileSystemOptions() });

    public static IFileSystem Mount(this S3FilesSimulation sim, PosixUser? user = null, UnixFileMode? umask = null) =>
        sim.FileSystem.Mount(new MountOptions { User = user ?? PosixUser.Root, Umask = umask ?? (UnixFileMode)0x12 });

    public static async Task WriteFileAsync(this IFileSystem fs, string path, string text, UnixFileMode mode = DefaultModes.File)
    {
        var handle = await fs.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, mode);
        await fs.WriteAsync(handle, Encoding.UTF8.GetBytes(text));
        await fs.CloseAsync(handle);
    }

    public static async Task<string> ReadFileAsync(this IFileSystem fs, string path)
    {
        var handle = await fs.OpenAsync(path, OpenFlags.ReadOnly);
        var text = await fs.ReadOpenAsync(handle);
        await fs.CloseAsync(handle);
        return text;
    }

    public static async Task<string> ReadOpenAsync(this IFileSystem fs, FileHandle handle)
    {
        var size = (await fs.FstatAsync(handle)).Size;
        var buffer = new byte[size];
        var read = await fs.ReadAsync(handle, buffer, 0);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public static Task WithErrno(this Func<Task> act, Errno errno) =>
        act.Should().ThrowAsync<FileSystemException>().Where(e => e.Errno == errno, $"errno should be {errno}");

    public static Task WithErrno<T>(this Func<Task<T>> act, Errno errno) =>
        act.Should().ThrowAsync<FileSystemException>().Where(e => e.Errno == errno, $"errno should be {errno}");

    public static Task<ExceptionAssertions<FileSystemException>> ShouldFail(this Func<Task> act) =>
        act.Should().ThrowAsync<FileSystemException>();

    public static UnixFileMode Octal(string digits) => (UnixFileMode)Convert.ToInt32(digits, 8);
}
