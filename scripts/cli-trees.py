#!/usr/bin/env python3
"""Generates the source trees `s3files-sim run` is checked on (CI and scripts/measure-cli-rss.sh; issue 17).

usage: cli-trees.py many DIR COUNT   COUNT small files ("small file N\\n") in directories of 1,000 (d0000/f0000000.txt ...)
       cli-trees.py bad DIR          a small tree with one of each entry the loader must skip or take as it is:
                                     5 documents, a symbolic-link loop, a dangling link, a link to a file, a FIFO, a
                                     Unix-domain socket, a name that is not UTF-8, a directory whose keys are over
                                     1,024 bytes, a document whose <name>.meta.json output is over 255 bytes, a file
                                     unreadable to anyone but root
DIR must not exist yet.
"""
import os
import socket
import sys


def many(root: str, count: int) -> None:
    os.makedirs(root)
    for i in range(count):
        directory = os.path.join(root, f"d{i // 1000:04d}")
        if i % 1000 == 0:
            os.mkdir(directory)
        fd = os.open(os.path.join(directory, f"f{i:07d}.txt"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, b"small file %d\n" % i)
        os.close(fd)


def bad(root: str) -> None:
    os.makedirs(os.path.join(root, "docs"))
    os.chdir(root)
    for i in range(5):
        with open(f"docs/doc{i}.txt", "w") as f:
            f.write(f"document {i}\n")
    os.symlink("loop-b", "loop-a")
    os.symlink("loop-a", "loop-b")
    os.symlink("missing-target", "dangling")
    os.symlink("docs/doc0.txt", "link-to-doc0")
    os.mkfifo("a-fifo")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind("a-socket")
    with open(b"name-\xff-not-utf8.txt", "wb") as f:
        f.write(b"not UTF-8\n")
    deep = os.path.join(*(chr(ord("a") + i) * 250 for i in range(5)))
    os.makedirs(deep)
    with open(os.path.join(deep, "deep.txt"), "w") as f:
        f.write("deep\n")
    with open("n" * 250 + ".txt", "w") as f:
        f.write("long name\n")
    with open("unreadable.txt", "w") as f:
        f.write("secret\n")
    os.chmod("unreadable.txt", 0)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "many":
        many(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "bad":
        bad(sys.argv[2])
    else:
        sys.exit(__doc__)
