namespace S3FilesSim.Tests.Reliability.Model;

/// <summary>
/// Seeded random operation lists over a small path universe (six parents, five names, so operations collide often):
/// file-system operations through two mounts, another client's bucket changes (including keys that cannot be imported
/// and an object named like a directory), and virtual time advancing below and above the commit and event delays.
/// </summary>
internal static class OperationGenerator
{
    private static readonly string[] Parents = ["/", "/a", "/b", "/a/c", "/b/c", "/x"];
    private static readonly string[] Names = ["a", "b", "c", "x", "y"];
    private static readonly int[] FileModes = [0x1A4, 0x180, 0x1ED, 0x1A0];
    private static readonly int[] DirectoryModes = [0x1ED, 0x1C0, 0x1E8];
    private static readonly double[] Advances = [0.5, 2, 4, 10, 30, 59, 60, 61, 65, 90, 130];

    /// <summary>Keys no file-system path maps to: empty, <c>.</c>, <c>..</c>, NUL and over-255-byte components.</summary>
    private static readonly string[] UnimportableKeys = ["a//x", "a/../y", "x\0y", "b/" + new string('n', 256), "b/./x", "a/c//y", "/a"];

    public static List<ModelOp> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var ops = new List<ModelOp>(count);
        for (var i = 0; i < count; i++)
        {
            ops.Add(Next(random, i));
        }

        return ops;
    }

    private static ModelOp Next(Random random, int index)
    {
        var mount = random.Next(2);
        var roll = random.Next(100);
        return roll switch
        {
            < 10 => new Create(mount, Path(random), Pick(random, FileModes), random.Next(3) == 0),
            < 24 => new Write(mount, Path(random), random.Next(12), Data(random, "w", index)),
            < 29 => new Truncate(mount, Path(random), random.Next(20)),
            < 38 => new Rename(mount, Path(random), Path(random)),
            < 44 => new Unlink(mount, Path(random)),
            < 53 => new Mkdir(mount, Parent(random), Pick(random, DirectoryModes)),
            < 57 => new Rmdir(mount, Path(random)),
            < 62 => new Chmod(mount, Path(random), Pick(random, random.Next(2) == 0 ? FileModes : DirectoryModes)),
            < 65 => new Symlink(mount, "/zz/" + Pick(random, Names), Path(random)),
            < 73 => new PutObject(Key(random), Data(random, "s", index), random.Next(3) == 0 ? null : Pick(random, FileModes), random.Next(2) * 1000),
            < 77 => new DeleteObject(Key(random)),
            < 80 => new CopyObject(Key(random), Key(random)),
            < 97 => new Advance(Pick(random, Advances)),
            _ => new Quiet(),
        };
    }

    private static string Path(Random random) => ModelPaths.Child(Pick(random, Parents), Pick(random, Names));

    private static string Parent(Random random) => random.Next(3) == 0 ? Path(random) : Pick(random, Parents[1..]);

    private static string Key(Random random) => random.Next(10) switch
    {
        0 => Pick(random, UnimportableKeys),
        1 => Parent(random)[1..] + "/",
        _ => Path(random)[1..],
    };

    private static string Data(Random random, string prefix, int index) =>
        prefix + index + new string([.. Enumerable.Range(0, random.Next(8)).Select(_ => (char)('a' + random.Next(26)))]);

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
