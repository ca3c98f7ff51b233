using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>The kernel's nodes: paths from parent chains, lookup counts released by FORGET, the root's number.</summary>
public sealed class NodeTableTests
{
    [Fact]
    public void PathOf_NestedNodes_JoinsTheNamesFromTheRoot()
    {
        var nodes = new NodeTable(rootInode: 1);
        nodes.Remember(10, NodeTable.RootId, "a", FileType.Directory);
        nodes.Remember(11, 10, "b.txt", FileType.RegularFile);

        nodes.PathOf(11).Should().Be("/a/b.txt");
        nodes.ChildPath(10, "c").Should().Be("/a/c");
        nodes.PathOf(NodeTable.RootId).Should().Be("/");
    }

    [Fact]
    public void Moved_Directory_MovesTheWholeSubtree()
    {
        var nodes = new NodeTable(rootInode: 1);
        nodes.Remember(10, NodeTable.RootId, "a", FileType.Directory);
        nodes.Remember(11, 10, "b.txt", FileType.RegularFile);
        nodes.Remember(12, NodeTable.RootId, "z", FileType.Directory);

        nodes.Moved(10, 12, "renamed");

        nodes.PathOf(11).Should().Be("/z/renamed/b.txt");
    }

    [Fact]
    public void Forget_AllLookups_RemovesTheNodeButNotBefore()
    {
        var nodes = new NodeTable(rootInode: 1);
        nodes.Remember(10, NodeTable.RootId, "a", FileType.RegularFile);
        nodes.Remember(10, NodeTable.RootId, "a", FileType.RegularFile);

        nodes.Forget(10, 1);
        var afterOne = nodes.PathOf(10);
        nodes.Forget(10, 1);

        afterOne.Should().Be("/a");
        nodes.PathOf(10).Should().BeNull();
        nodes.Count.Should().Be(1);
    }

    [Fact]
    public void Forget_Root_KeepsIt()
    {
        var nodes = new NodeTable(rootInode: 1);

        nodes.Forget(NodeTable.RootId, 100);

        nodes.PathOf(NodeTable.RootId).Should().Be("/");
    }

    [Fact]
    public void ToNodeId_AccessPointRoot_IsTheFuseRootAndBack()
    {
        var nodes = new NodeTable(rootInode: 57);

        nodes.ToNodeId(57).Should().Be(NodeTable.RootId);
        nodes.ToInodeNumber(NodeTable.RootId).Should().Be(57);
        nodes.ToNodeId(58).Should().Be(58);
    }

    [Fact]
    public void Remember_DotDot_DoesNotReparentTheNode()
    {
        var nodes = new NodeTable(rootInode: 1);
        nodes.Remember(10, NodeTable.RootId, "a", FileType.Directory);

        nodes.Remember(10, 11, "..", FileType.Directory);

        nodes.PathOf(10).Should().Be("/a");
    }
}
