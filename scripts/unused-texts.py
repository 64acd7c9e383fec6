#!/usr/bin/env python3
"""Fails when a UI text is used by no code outside src/i18n/: a field of `Texts` (the shell's
and the search's, src/i18n/mod.rs, read as `t.field`) or of an area's texts (src/i18n/<area>.rs,
read as `t.<area>().field`). A dead text is weight a visitor downloads, in both languages."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
I18N = os.path.join(ROOT, 'i18n')


def fields(path, struct):
    source = open(path, encoding='utf-8').read()
    body = source[source.index(f'pub struct {struct} {{'):]
    return re.findall(r'^\s*pub (\w+):', body[:body.index('\n}\n')], re.M)


code = []
for folder, _, files in os.walk(ROOT):
    if os.path.abspath(folder) != os.path.abspath(I18N):
        code += [open(os.path.join(folder, f), encoding='utf-8').read() for f in files if f.endswith('.rs')]
code = '\n'.join(code)

texts = [(f, r'\.' + f + r'\b') for f in fields(os.path.join(I18N, 'mod.rs'), 'Texts')]
for name in sorted(os.listdir(I18N)):
    area = name[:-3]
    if name in ('mod.rs', 'vi.rs', 'en.rs') or not name.endswith('.rs'):
        continue
    struct = area.capitalize() + 'Texts'
    texts += [(f'{area}().{f}', r'\.' + area + r'\(\)\.' + f + r'\b') for f in fields(os.path.join(I18N, name), struct)]

unused = [name for name, pattern in texts if not re.search(pattern, code)]
if unused:
    print('UI texts no code uses (delete them in src/i18n/): ' + ', '.join(unused), file=sys.stderr)
    sys.exit(1)
print(f'all {len(texts)} UI texts are used')
