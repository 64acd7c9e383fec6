#!/usr/bin/env python3
"""Fails when a field of the UI texts (`Texts` in src/i18n/mod.rs) is used by no code outside
src/i18n/: a dead text is weight every visitor downloads, in both languages."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
source = open(os.path.join(ROOT, 'i18n', 'mod.rs'), encoding='utf-8').read()
struct = source[source.index('pub struct Texts {'):]
struct = struct[:struct.index('\n}\n')]
fields = re.findall(r'^\s*pub (\w+):', struct, re.M)

code = []
for folder, _, files in os.walk(ROOT):
    if os.path.basename(folder) == 'i18n':
        continue
    code += [open(os.path.join(folder, f), encoding='utf-8').read() for f in files if f.endswith('.rs')]
code = '\n'.join(code)

unused = [f for f in fields if not re.search(r'\.' + f + r'\b', code)]
if unused:
    print('UI texts no code uses (delete them from src/i18n/mod.rs, vi.rs and en.rs): ' + ', '.join(unused), file=sys.stderr)
    sys.exit(1)
print(f'all {len(fields)} UI texts are used')
