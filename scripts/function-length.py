#!/usr/bin/env python3
"""Fails when a Rust function in the given folders is longer than the limit (lines from its
`fn` to its closing brace, markup macros included): a long component is split into parts a
reader can name. Usage: scripts/function-length.py LIMIT DIR..."""
import os
import re
import sys

FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?(async\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)')
STRING = re.compile(r'"(\\.|[^"\\])*"')


def code_of(line):
    """The line without string literals and comments, so their braces do not count."""
    return re.sub(r'//.*', '', STRING.sub('""', line))


def long_functions(path, limit):
    lines = open(path, encoding='utf-8').read().split('\n')
    for start, line in enumerate(lines):
        found = FN.match(line)
        if not found:
            continue
        depth, opened, end = 0, False, start
        while end < len(lines):
            code = code_of(lines[end])
            for c in code:
                if c == '{':
                    depth, opened = depth + 1, True
                elif c == '}':
                    depth -= 1
            if (opened and depth <= 0) or (not opened and code.rstrip().endswith(';')):
                break
            end += 1
        length = end - start + 1
        if opened and length > limit:
            yield length, start + 1, found.group(6)


def main():
    limit, roots = int(sys.argv[1]), sys.argv[2:]
    found = []
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in sorted(files):
                if name.endswith('.rs'):
                    path = os.path.join(folder, name)
                    found += [(n, f'{path}:{line}', fn) for n, line, fn in long_functions(path, limit)]
    for length, where, name in sorted(found, reverse=True):
        print(f'{where}: {name} is {length} lines (limit {limit})', file=sys.stderr)
    if found:
        sys.exit(1)
    print(f'no function over {limit} lines in {" ".join(roots)}')


main()
