#!/usr/bin/env python3
"""Compares pjdfstest TAP output with the committed expected-failures list (see pjdfstest.sh).

Every subtest must pass, or fail and be listed with a reason; a failure that is not listed and a listed subtest that
passes both fail the run. A subtest marked TODO or SKIP by pjdfstest counts as passed, as prove counts it; subtests a
file planned but never reported (the file stopped early) count as failed. Prints a summary and "N passed, N failed":
passed counts the subtests that passed, failed the unexpected failures and the listed subtests that passed; an expected
failure counts in neither (the summary line above gives them by reason), as scripts/conformance/s3-tests.sh counts.
"""
import argparse
import collections
import re
import sys

TEST_LINE = re.compile(r"^(not )?ok (\d+)\b(.*)$")
PLAN_LINE = re.compile(r"^1\.\.(\d+)")
HEADER_LINE = re.compile(r"^(\S+\.t) \.\.+ ?")


def parse_ranges(text):
    numbers = set()
    for part in text.split(","):
        if "-" in part:
            low, high = part.split("-")
            numbers.update(range(int(low), int(high) + 1))
        elif part:
            numbers.add(int(part))
    return numbers


def format_ranges(numbers):
    numbers = sorted(numbers)
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ",".join(parts)


def read_expected(path):
    reasons, expected = {}, {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("reason "):
                key, _, text = line[len("reason "):].partition(":")
                reasons[key.strip()] = text.strip()
                continue
            fields = line.split()
            if len(fields) != 3:
                sys.exit(f"{path}:{number}: expected '<file> <ranges> <reason>', got '{line}'")
            file, ranges, key = fields
            if key not in reasons:
                sys.exit(f"{path}:{number}: reason '{key}' is not defined by a 'reason {key}: ...' line")
            for n in parse_ranges(ranges):
                expected[(file, n)] = key
    return reasons, expected


def parse_tap(lines):
    planned, results = 0, {}
    for line in lines:
        plan = PLAN_LINE.match(line)
        if plan and not planned:
            planned = int(plan.group(1))
            continue
        test = TEST_LINE.match(line)
        if test:
            directive = test.group(3).upper()
            results[int(test.group(2))] = test.group(1) is None or "# TODO" in directive or "# SKIP" in directive
    for n in range(1, planned + 1):
        results.setdefault(n, False)
    return results


def read_prove(path, tests):
    """Splits `prove -v -j N --merge` output into each file's TAP: every file's lines follow its "<path> .. " header."""
    blocks, current = {}, None
    prefix = tests.rstrip("/") + "/"
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\n")
            header = HEADER_LINE.match(line)
            if header and header.group(1).startswith(prefix):
                current = header.group(1)[len(prefix):]
                blocks[current] = []
            elif line.startswith("Test Summary Report") or line.startswith("Files="):
                current = None
            elif current is not None:
                blocks[current].append(line)
    return {file: parse_tap(lines) for file, lines in blocks.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", required=True, help="the test files, relative to the suite's tests directory, one per line")
    parser.add_argument("--prove", required=True, help="the output of prove -r -v --merge over the suite")
    parser.add_argument("--tests", required=True, help="the suite's tests directory, as prove printed it")
    parser.add_argument("--expected", help="the expected-failures list; without it every failure is only counted")
    parser.add_argument("--write-expected", action="store_true", help="print the failures in the list's format")
    args = parser.parse_args()

    reasons, expected = read_expected(args.expected) if args.expected else ({}, {})
    files = [line.strip() for line in open(args.files, encoding="utf-8") if line.strip()]
    subtests = passed = 0
    by_reason = collections.Counter()
    unexpected, fixed, failures = collections.defaultdict(set), collections.defaultdict(set), collections.defaultdict(set)
    outputs = read_prove(args.prove, args.tests)
    for file in files:
        results = outputs.get(file) or {1: False}
        for n, ok in sorted(results.items()):
            subtests += 1
            key = expected.get((file, n))
            if ok:
                passed += 1
                if key is not None:
                    fixed[file].add(n)
            else:
                failures[file].add(n)
                if key is None:
                    unexpected[file].add(n)
                else:
                    by_reason[key] += 1

    if args.write_expected:
        for file in files:
            if failures[file]:
                print(f"{file} {format_ranges(failures[file])} ?")

    listed_failures = sum(by_reason.values())
    unexpected_count = sum(len(v) for v in unexpected.values())
    fixed_count = sum(len(v) for v in fixed.values())
    print(f"pjdfstest: {len(files)} files, {subtests} subtests: {passed} passed, "
          + (f"{listed_failures} expected failures, {unexpected_count} unexpected failures, {fixed_count} listed but passing"
             if args.expected else f"{subtests - passed} failed"))
    for key, count in by_reason.most_common():
        print(f"  expected: {count:5} {key}: {reasons[key]}")
    for file in files:
        if unexpected[file]:
            print(f"  UNEXPECTED FAILURE {file} {format_ranges(unexpected[file])}")
    for file in files:
        if fixed[file]:
            print(f"  LISTED BUT PASSING {file} {format_ranges(fixed[file])} (remove it from the list)")
    if args.expected:
        print(f"{passed} passed, {unexpected_count + fixed_count} failed")
        return 1 if unexpected_count + fixed_count else 0
    print(f"{passed} passed, {subtests - passed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
