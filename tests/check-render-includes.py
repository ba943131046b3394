#!/usr/bin/env python3
# check-render-includes.py — the renderer's files stay cut by idea. Its includes point one way: the page draws the
# views, the views draw with the shared text helpers, never the reverse. A view's file
# that includes weft-render.h (the umbrella that declares the page) sees the page, and a
# helper defined in weft-page.c and called by a view closes a circle.
#
# Usage: check-render-includes.py SRC_RENDER_DIR
#
# Copyright 2026 The Weft authors
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

render = pathlib.Path(sys.argv[1])
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
definition = re.compile(r'^(weft_[a-z0-9_]+)\s*\(', re.M)

# The page and the umbrella header see everything. The scene's declarations still live
# in the umbrella (weft-render.h), so its files include it until they move to a header
# of their own.
UMBRELLA = 'weft-render.h'
MAY_SEE_PAGE = {'weft-page.c', UMBRELLA}
SCENE = re.compile(r'^weft-scene')

failures = []
files = sorted(p for p in render.iterdir() if p.suffix in ('.c', '.h'))
for path in files:
    name = path.name
    if name in MAY_SEE_PAGE or SCENE.match(name):
        continue
    for inc in include.findall(path.read_text(encoding='utf-8')):
        if inc == UMBRELLA:
            failures.append(f'{name} includes {UMBRELLA}, which declares the page')

# weft-page.c defines only the page's own functions: nothing a view calls.
page = (render / 'weft-page.c').read_text(encoding='utf-8')
page_defs = set(definition.findall(page))
for path in files:
    if path.name == 'weft-page.c' or path.suffix != '.c':
        continue
    text = path.read_text(encoding='utf-8')
    for fn in sorted(page_defs):
        if re.search(r'\b' + fn + r'\s*\(', text):
            failures.append(f'{path.name} calls {fn}, defined in weft-page.c')

# The timeline is cut by idea: no file of it is a second renderer.
MAX_LINES = 900
for path in files:
    if path.name.startswith('weft-timeline'):
        n = len(path.read_text(encoding='utf-8').splitlines())
        if n > MAX_LINES:
            failures.append(f'{path.name}: {n} lines, more than {MAX_LINES}')

for failure in failures:
    print(failure)
if failures:
    sys.exit(1)
print(f'{len(files)} files: the includes point one way, the timeline is cut by idea')
