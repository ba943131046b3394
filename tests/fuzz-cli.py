#!/usr/bin/env python3
# fuzz-cli.py — weft-cli fed generated bad and edge command lines (issue 16, "Trust").
#
# Usage: fuzz-cli.py [PATH/TO/weft-cli]      (or the path in $WEFT_CLI)
#
# Every case is a command line (argv as bytes), the files it finds in a fresh folder, and
# where its standard output goes (a pipe, /dev/full, or closed). For each one:
#   - it exits 0, 1 or 2, by itself, within its time limit (never killed by a signal);
#   - it exits with the status its kind of case calls for: 2 for bad usage or a .weft file
#     whose content is bad, 1 for an output that cannot be written or a file that cannot
#     be read, 0 for a valid edge case;
#   - when it fails, stderr says so in a line that begins with "weft-cli: " and names what
#     was wrong (the option, the parameter, the unknown name, the path); a usage error also
#     says what is allowed; an output failure begins "Cannot write";
#   - every line on stderr begins with "weft-cli: " or is a line of the usage text;
#   - it never leaves a partial file: no hidden temporary ".NAME.XXXXXX" stays behind, a
#     refused usage (exit 2) or an output refused before the run changes nothing, and an
#     output that failed is not created (or, when it existed, is left as it was); a
#     symbolic link given as an output stays a link and is written through;
#   - outputs it says it wrote are whole (a PNG ends with its IEND chunk, a JSON parses).
# Twin cases run two spellings that must behave alike (`count=5 ` and `count= 5`,
# `--export x.PNG` and `x.png`).
#
# The cases come from a seed: WEFT_FUZZ_SEED (default below, so that CI is deterministic).
# WEFT_FUZZ_CASES sets how many (default 320, at least the one of each kind), WEFT_FUZZ_JOBS
# how many run at once (default 2), WEFT_FUZZ_TIMEOUT each case's limit in seconds
# (default 20), WEFT_FUZZ_ONLY a comma-separated list of case numbers to run alone,
# WEFT_FUZZ_KEEP=1 keeps the folders. A failure prints the seed, the case number and a
# shell line that reproduces it.
#
# Standard library only. Copyright 2026 The Weft authors
# SPDX-License-Identifier: GPL-3.0-or-later

import concurrent.futures
import hashlib
import json
import os
import random
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

DEFAULT_SEED = 16
DEFAULT_CASES = 320
PREFIX = 'weft-cli: '

# A usage error says what is allowed: a range, the choices, the form, where to look.
# (GOption's own "Cannot parse double value …", "Integer value … out of range", "Unknown
# option --x", "Missing argument for --x" do not.)
HINT_RE = re.compile(r'allowed|must|\buse\b|one of|\bare\b|for example|e\.g\.|--help|weft-cli list|'
                     r'\bneeds\b|\btakes\b|\bor\b|add --|\bhas\b', re.I)
# A hidden temporary file next to an output, as mkstemp makes them.
TEMP_RE = re.compile(rb'^\..+\.[A-Za-z0-9]{6}$')

OUTPUT_EXT = {'--summary': b'.json', '--trace': b'.json', '--export': b'.png', '--save': b'.weft'}
OUTPUT_KIND = {'--summary': 'json', '--trace': 'json', '--save': 'weft'}


def B(x):
    if isinstance(x, Arg):
        return x.value
    return x if isinstance(x, bytes) else x.encode('utf-8')


def display(x):
    """A path or value as a message shows it (invalid bytes replaced)."""
    return B(x).decode('utf-8', 'replace')


def named(x):
    """What a message naming @x must contain: @x itself when it is short, printable UTF-8;
    otherwise its longest valid part (None when there is nothing to look for)."""
    x = B(x)
    try:
        s = x.decode('utf-8')
        if 0 < len(s) and s.isprintable() and s.strip() == s:
            return s if len(s) <= 80 else s[:40]   # a long one may be shortened
    except UnicodeDecodeError:
        pass
    parts = [p for p in re.split(rb'[\x80-\xff\x00-\x20]+', x) if p]
    best = max(parts, key=len, default=b'')
    if len(best) < 2:
        return None
    return best[:40].decode('ascii', 'replace')


# Shell rendering ---------------------------------------------------------------------------

SAFE_RE = re.compile(rb'[A-Za-z0-9_@%+=:,./-]+')


def sh(x):
    """@x (bytes) as one bash word."""
    if isinstance(x, Arg):
        return x.shell if x.shell is not None else sh(x.value)
    x = B(x)
    if SAFE_RE.fullmatch(x):
        return x.decode()
    try:
        s = x.decode('utf-8')
        if s.isprintable():
            return shlex.quote(s)
    except UnicodeDecodeError:
        pass
    out = []
    for c in x:
        if c == 0x27:
            out.append("\\'")
        elif c == 0x5c:
            out.append('\\\\')
        elif 0x20 <= c < 0x7f:
            out.append(chr(c))
        else:
            out.append('\\x%02x' % c)
    return "$'" + ''.join(out) + "'"


class Arg:
    """An argument too long to print: its bytes and how a shell makes them."""

    def __init__(self, value, shell=None):
        self.value = B(value)
        self.shell = shell


def huge(char, n):
    return Arg(char * n, '"$(python3 -c \'print("%s" * %d, end="")\')"' % (char, n))


def argv_bytes(args):
    return [a.value if isinstance(a, Arg) else B(a) for a in args]


# The files a case finds --------------------------------------------------------------------

class Setup:
    def __init__(self, kind, name, data=None, shell=None):
        self.kind, self.name, self.data, self.shell_data = kind, B(name), data, shell

    def apply(self, d):
        path = os.path.join(d, self.name)
        if self.kind == 'file':
            with open(path, 'wb') as f:
                f.write(self.data)
        elif self.kind == 'sparse':
            with open(path, 'wb') as f:
                f.truncate(self.data)
        elif self.kind == 'dir':
            os.makedirs(path, exist_ok=True)
        elif self.kind == 'link':
            os.symlink(B(self.data), path)

    def shell(self):
        n = sh(self.name)
        if self.kind == 'dir':
            return 'mkdir -p %s' % n
        if self.kind == 'link':
            return 'ln -s %s %s' % (sh(self.data), n)
        if self.kind == 'sparse':
            return 'truncate -s %d %s' % (self.data, n)
        if self.shell_data is not None:
            return 'python3 -c \'import sys; sys.stdout.buffer.write(%s)\' > %s' % (self.shell_data, n)
        if b'\0' not in self.data and len(self.data) <= 4000:
            return "printf '%%s' %s > %s" % (sh(self.data), n)
        return ('python3 -c \'import sys; sys.stdout.buffer.write(bytes.fromhex("%s"))\' > %s'
                % (self.data.hex(), n))


def file(name, data, shell=None):
    return Setup('file', name, B(data), shell)


def folder(name):
    return Setup('dir', name)


def link(name, target):
    return Setup('link', name, B(target))


# Cases -------------------------------------------------------------------------------------

class Case:
    def __init__(self, cls, args, status, **kw):
        self.n = 0
        self.cls = cls                          # the kind of case (a failure class)
        self.args = list(args)                  # after the program's name
        self.status = frozenset(status)         # the exit statuses allowed
        self.setup = kw.get('setup', [])
        self.stdout = kw.get('stdout', 'pipe')  # pipe, full (/dev/full) or closed
        self.mentions = kw.get('mentions', [])  # groups of alternatives, each named on stderr
        self.lead = kw.get('lead')              # some line is PREFIX + lead + …
        self.reason = kw.get('reason')          # stderr says this reason
        self.not_reason = kw.get('not_reason')  # … and not this one
        self.hint = kw.get('hint', False)       # the message says what is allowed
        self.before_run = kw.get('before_run', False)  # refused before the run
        self.bad = [B(p) for p in kw.get('bad', [])]  # outputs that must not be made
        self.good = [(B(p), k) for p, k in kw.get('good', [])]  # outputs made whole (exit 0)
        self.good_always = kw.get('good_always', False)  # … even when the case exits 1
        self.links = [(B(a), B(b), k) for a, b, k in kw.get('links', [])]  # stay links
        self.prefixed = kw.get('prefixed', True)
        self.stdout_kind = kw.get('stdout_kind')  # 'json': stdout parses (exit 0)
        self.timeout = kw.get('timeout')
        self.twins = kw.get('twins', [])        # other spellings that must behave alike
        self.what = kw.get('what', '')

    def shell_line(self, program):
        parts = ['cd "$(mktemp -d)"']
        parts += [s.shell() for s in self.setup]
        cmd = 'LC_ALL=C.UTF-8 LANGUAGE= %s %s' % (sh(program), ' '.join(sh(a) for a in self.args))
        if self.stdout == 'full':
            cmd += ' >/dev/full'
        elif self.stdout == 'closed':
            cmd += ' >&-'
        parts.append(cmd)
        return ' && '.join(parts)


def usage(cls, args, mentions=(), **kw):
    kw.setdefault('hint', True)
    kw.setdefault('before_run', True)
    return Case(cls, args, {2}, mentions=[list(m) for m in mentions], **kw)


class Gen:
    """Makes the cases from the seed and what `weft-cli list --json` says."""

    def __init__(self, rng, scenarios, weft_files):
        self.rng = rng
        self.scenarios = {s['id']: s for s in scenarios}
        self.ids = [s['id'] for s in scenarios]
        self.weft = weft_files            # name -> bytes of real saved runs

    # Helpers ------------------------------------------------------------------------------

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def params(self, scen, kind=None):
        ps = self.scenarios[scen]['params']
        return [p for p in ps if kind is None or p['type'] == kind]

    def safe_value(self, p):
        if p['type'] == 'choice':
            return self.pick(p['choices'])
        lo, hi, default = p['min'], p['max'], p['default']
        return str(self.pick([v for v in (lo, min(lo + 1, hi), default, min(lo + 3, hi)) if lo <= v <= hi]))

    def base_run(self, scen=None, skip=(), step=None):
        scen = scen or self.pick(self.ids)
        args = ['run', scen]
        if '--duration' not in skip:
            args += ['--duration', self.pick(['0.05', '0.05', '0.1', '0.2', '0.3'])]
        if '--seed' not in skip:
            args += ['--seed', str(self.rng.randrange(0, 100000))]
        if step is None:
            step = self.rng.random() < 0.25
        if step and '--mode' not in skip:
            args += ['--mode', 'step', '--steps', str(self.rng.randrange(5, 200))]
        for p in self.rng.sample(self.params(scen), k=self.rng.randrange(0, 2)):
            if '--set' not in skip:
                args += ['--set', '%s=%s' % (p['name'], self.safe_value(p))]
        return args

    def base_any(self, skip=()):
        """A run, or a replay of a real saved run (then the file is in the case's setup)."""
        if self.rng.random() < 0.3:
            name = self.pick(sorted(self.weft))
            return ['replay', name], [file(name, self.weft[name])]
        return self.base_run(skip=skip), []

    def small_export(self):
        ext = self.pick(['.png', '.svg', '.pdf'])
        return ext, ['--size', self.pick(['320x200', '160x120', '400x300'])]

    # Usage errors ---------------------------------------------------------------------------

    def unknown_command(self):
        c = self.pick(['lst', 'Run', 'RUN', 'replays', 'runs', 'lists', '--list', '-v', '--verbose', '',
                       'rn', 'list;', 'bank', '\xff\xfe'.encode('latin-1'), b'ru\xffn', huge('r', 50000)])
        return usage('unknown-command', [c] + self.pick([[], ['bank'], ['--json']]),
                     [[x] for x in [named(c.value if isinstance(c, Arg) else c)] if x])

    def unknown_option(self):
        cmd = self.pick(['run', 'replay', 'list'])
        pool = ['--frobnicate', '--Duration', '--dur', '-d', '-x', '--duration-ms', '---duration', '--verbose',
                '-S', '--summery', '--exports', b'--\xff', '--=5', '--trace-file']
        if cmd == 'list':
            pool += ['--seed', '--steps', '--log', '--summary', '--set']
        elif cmd == 'replay':
            pool += ['--set', '--seed', '--mode', '--policy', '--duration', '--speed', '--json']
        else:
            pool += ['--json']
        opt = B(self.pick(pool))
        args = [opt]
        if opt.startswith(b'--') and opt != b'--=5' and self.rng.random() < 0.4:
            args = [opt + b'=1']
        setup = []
        if cmd == 'run':
            base = self.base_run()
        elif cmd == 'replay':
            name = self.pick(sorted(self.weft))
            base, setup = ['replay', name], [file(name, self.weft[name])]
        else:
            base = ['list']
        # After the command, after the scenario or file, or at the end: never between an
        # option and its value.
        at = self.pick(sorted({1, min(2, len(base)), len(base)}))
        full = base[:at] + args + base[at:]
        want = named(opt.split(b'=')[0] if opt != b'--=5' else opt)
        return usage('unknown-option', full, [[want]] if want else [], setup=setup)

    def missing_argument(self):
        opt = self.pick(['--set', '--seed', '--mode', '--policy', '--duration', '--steps', '--speed', '--save',
                         '--summary', '--trace', '--export', '--view', '--size', '--theme'])
        return usage('missing-argument', self.base_run(skip=(opt,)) + [opt], [[opt]])

    def unknown_scenario(self):
        name = self.pick(['Bank', 'BANK', 'philosopher', 'bank ', ' bank', '', '\xff'.encode('latin-1'),
                          b'ba\xffnk', '../bank', 'bank.weft', '-', 'list', 'elevators', huge('b', 50000),
                          'banque', 'philosophers,bank'])
        args = ['run', name, '--duration', '0.05']
        if self.rng.random() < 0.5:
            args = ['run', '--duration', '0.05', '--', name] if name == '-' else ['run', '--duration', '0.05', name]
        want = named(name.value if isinstance(name, Arg) else name)
        return usage('unknown-scenario', args, [[want]] if want else [])

    def extra_argument(self):
        extra = self.pick(['extra', 'bank', '1', '\xff'.encode('latin-1'), ''])
        cmd = self.pick(['run', 'list', 'replay'])
        setup = []
        if cmd == 'run':
            args = self.base_run() + [extra]
        elif cmd == 'list':
            args = ['list'] + self.pick([[], ['--json']]) + [extra]
        else:
            name = self.pick(sorted(self.weft))
            args, setup = ['replay', name, extra], [file(name, self.weft[name])]
        want = named(extra)
        return usage('extra-argument', args, [[want]] if want else [], setup=setup)

    def missing_positional(self):
        args = self.pick([['run'], ['replay'], ['run', '--duration', '0.05'], ['replay', '--steps', '2'],
                          ['run', '--'], ['replay', '--log']])
        return usage('missing-positional', args, [[args[0]]])

    def set_unknown_param(self):
        scen = self.pick(self.ids)
        others = [p['name'] for s in self.ids if s != scen for p in self.params(s)]
        mine = {p['name'] for p in self.params(scen)}
        name = self.pick(['frob', 'Count', 'COUNT', 'count ', ' count', 'seed', 'duration', b'c\xffount',
                          huge('k', 50000)] + [o for o in others if o not in mine][:4])
        if isinstance(name, Arg):
            value = Arg(name.value + b'=1', '"$(python3 -c \'print("k" * 50000 + "=1", end="")\')"')
        else:
            value = B(name) + b'=1'
        want = named(name.value if isinstance(name, Arg) else name)
        cls = 'set-non-utf8-value' if isinstance(name, bytes) else 'set-unknown-parameter'
        return usage(cls, self.base_run(scen, skip=('--set',)) + ['--set', value],
                     [[want] if want else ['--set']])

    def set_malformed(self):
        scen = self.pick(self.ids)
        p = self.pick(self.params(scen))['name']
        v = self.pick([p, '', '=', '=5', '==', p + ':5', p + ' 5', '=' + p])
        want = named(v)
        return usage('set-malformed', self.base_run(scen, skip=('--set',)) + ['--set', v],
                     [[x for x in (want, '--set', 'KEY=VALUE') if x]])

    def set_bad_int(self):
        scen = self.pick([s for s in self.ids if self.params(s, 'int')])
        p = self.pick(self.params(scen, 'int'))
        lo, hi = p['min'], p['max']
        v = self.pick(['2.5', '1e3', '0x10', 'abc', '', ' ', str(lo - 1), str(hi + 1), '-99999999999999999999',
                       '99999999999999999999999', '1_000', '\u0663', '\xff'.encode('latin-1'),
                       b'3\xff', b'\xc3', '+', '-', '2 3', '3.0', '١', huge('9', 100000)])
        cls = 'set-non-utf8-value' if isinstance(v, bytes) else 'set-bad-int'
        if isinstance(v, Arg):
            value = Arg(B(p['name']) + b'=' + v.value,
                        '"%s=$(python3 -c \'print("9" * 100000, end="")\')"' % p['name'])
        else:
            value = B(p['name']) + b'=' + B(v)
        return usage(cls, self.base_run(scen, skip=('--set',)) + ['--set', value], [[p['name'], '--set']])

    def set_bad_choice(self):
        scen = self.pick([s for s in self.ids if self.params(s, 'choice')])
        p = self.pick(self.params(scen, 'choice'))
        c = self.pick(p['choices'])
        v = self.pick([c.upper(), c.capitalize() if c.capitalize() != c else c + 'x', '', c + 'x', '1', '-1',
                       c[:-1], b'\xff' + B(c), huge('z', 50000)])
        cls = 'set-non-utf8-value' if isinstance(v, bytes) and b'\xff' in v else 'set-bad-choice'
        if isinstance(v, Arg):
            value = Arg(B(p['name']) + b'=' + v.value,
                        '"%s=$(python3 -c \'print("z" * 50000, end="")\')"' % p['name'])
        else:
            value = B(p['name']) + b'=' + B(v)
        return usage(cls, self.base_run(scen, skip=('--set',)) + ['--set', value], [[p['name'], '--set']])

    def bad_option_value(self):
        table = {
            '--seed': ['-1', '1.5', 'abc', '', '99999999999999999999', '9223372036854775808', '1e3',
                       b'\xff', '0x10', '- 1'],
            '--duration': ['abc', '', '0', '-1', '-0.05', 'nan', 'inf', '-inf', '1e400', '86401', '1e9', '1,5',
                           '0.05s', b'\xff', b'0.05\xff', huge('9', 100000)],
            '--steps': ['0', '-5', '1.5', 'abc', '', '99999999999999999999', b'\xff', '1e3'],
            '--speed': ['0', '0.001', '-1', '101', '1e400', 'nan', 'abc', '', b'\xff', 'inf'],
            '--mode': ['Run', '', 'steps', 'RUN', b'\xff', 'run ', 'walk'],
            '--policy': ['roundrobin', 'Random', '', 'round_robin', b'\xff', 'fifo'],
        }
        opt = self.pick(sorted(table))
        v = self.pick(table[opt])
        skip = (opt, '--mode') if opt in ('--steps', '--policy') else (opt,)
        args = self.base_run(skip=skip)
        if opt in ('--steps', '--policy'):
            args += ['--mode', 'step']
        if self.rng.random() < 0.3 and not isinstance(v, Arg):
            args += [B(opt) + b'=' + B(v)]
        else:
            args += [opt, v]
        cls = 'option-non-utf8-value' if isinstance(v, bytes) else 'option-bad-value'
        return usage(cls, args, [[opt]])

    def bad_image_option(self):
        table = {
            '--view': ['Scene', '', 'timelines', 'all', b'\xff', 'both '],
            '--theme': ['Dark', '', 'black', 'print ', b'\xff'],
            '--size': ['0x0', '15x100', '100x15', '16385x16', 'x', '', '-5x5', '1e3x10', '16x16 ', 'axb',
                       '100x', 'A5', '1920x1080x3', b'\xff', '99999999999999999999x16', ' 320x200'],
        }
        opt = self.pick(sorted(table))
        v = self.pick(table[opt])
        ext = self.pick(['.png', '.svg', '.pdf'])
        args, setup = self.base_any()
        args += ['--export', 'out' + ext, opt, v]
        cls = 'option-non-utf8-value' if isinstance(v, bytes) else 'option-bad-value'
        return usage(cls, args, [[opt]], setup=setup, bad=['out' + ext])

    def image_option_without_export(self):
        opt, v = self.pick([('--view', 'scene'), ('--size', '320x200'), ('--theme', 'dark'), ('--size', 'A4')])
        args, setup = self.base_any()
        return usage('image-option-without-export', args + [opt, v], [['--export']], setup=setup)

    def bad_extension(self):
        opt = self.pick(['--export', '--trace', '--save'])
        pool = {'--export': ['x.jpg', 'x', 'x.png.bak', 'x.png/', '', 'x.pn', b'\xff.jpg', 'png', 'x.json'],
                '--trace': ['x.txt', 'x', 'x.json.gz', '', 'x.jso', 'json', 'x.png'],
                '--save': ['x.json', 'x', '', 'x.wef', 'weft', 'x.weft.bak']}[opt]
        v = self.pick(pool)
        args, setup = self.base_any()
        bad = [v] if v and not B(v).endswith(b'/') else []
        return usage('output-bad-extension', args + [opt, v], [[opt]], setup=setup, bad=bad)

    def replay_bad_steps(self):
        name = self.pick(sorted(self.weft))
        steps = len(json.loads(self.weft[name])['schedule'])
        v = self.pick(['0', '-2', 'abc', str(steps + 1), '1.5', '99999999999999999999', '', b'\xff'])
        return usage('replay-bad-steps', ['replay', name, '--steps', v], [['--steps']],
                     setup=[file(name, self.weft[name])])

    def usage_keeps_existing(self):
        """A refused command line leaves existing outputs as they were."""
        opt = self.pick(sorted(OUTPUT_EXT))
        target = 'old' + (OUTPUT_EXT[opt].decode() if opt != '--export' else self.pick(['.png', '.svg', '.pdf']))
        bad_opt, bad_v = self.pick([('--duration', 'abc'), ('--seed', '-1'), ('--set', 'frob=1'),
                                    ('--mode', 'walk'), ('--speed', '0')])
        args = self.base_run(skip=(bad_opt,)) + [opt, target, bad_opt, bad_v]
        return usage('usage-error-with-outputs', args, [[bad_opt, bad_v.split('=')[0]]],
                     setup=[file(target, b'OLD CONTENT\n')], bad=[target])

    def no_arguments(self):
        return Case('no-arguments', [], {2}, prefixed=False, mentions=[['Usage', 'usage']], before_run=True)

    # Outputs that cannot be written --------------------------------------------------------

    def out_target(self, opt):
        if opt == '--export':
            ext, size = self.small_export()
            return ext.encode(), size, 'image'
        return OUTPUT_EXT[opt], [], OUTPUT_KIND[opt]

    def output_case(self, cls, path, opt=None, setup=(), status=(1,), reason=None, before_run=False,
                    mentions=None, links=(), bad=None, not_reason=None):
        opt = opt or self.pick(sorted(OUTPUT_EXT))
        args, base_setup = self.base_any()
        extra = []
        if opt == '--export':
            extra = ['--size', self.pick(['320x200', '160x120'])]
        return Case(cls, args + [opt, path] + extra, status, setup=base_setup + list(setup),
                    lead='Cannot write', reason=reason, not_reason=not_reason, before_run=before_run,
                    mentions=mentions if mentions is not None else [[named(path)]] if named(path) else [],
                    bad=[path] if bad is None else bad, links=list(links))

    def output_parent_is_file(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext = self.out_target(opt)[0]
        path = self.pick([b'f.txt/out', b'f.txt/sub/out', b'd/f.txt/out']) + ext
        setup = [folder('d'), file('d/f.txt', 'hi\n')] if path.startswith(b'd/') else [file('f.txt', 'hi\n')]
        return self.output_case('output-parent-is-a-file', path, opt, setup, reason='Not a directory',
                                before_run=True)

    def output_missing_folder(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext = self.out_target(opt)[0]
        path = self.pick([b'nodir/out', b'nodir/sub/out', b'./nodir/out', b'no dir/out', b'no\xffdir/out']) + ext
        return self.output_case('output-missing-folder', path, opt, reason='No such file or directory',
                                before_run=True)

    def output_is_directory(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext = self.out_target(opt)[0]
        if opt == '--summary' and self.rng.random() < 0.4:
            path, setup = self.pick([b'.', b'd', b'd/']), [folder('d')]
        else:
            path, setup = b'd' + ext, [folder(b'd' + ext)]
        return self.output_case('output-is-a-directory', path, opt, setup, reason='Is a directory',
                                before_run=True, bad=[path.rstrip(b'/')] if path != b'.' else [])

    def output_empty_path(self):
        c = self.output_case('summary-empty-path', b'', '--summary', status=(1, 2), before_run=True,
                             mentions=[['--summary', '“”', '""']], bad=[])
        c.lead = None
        return c

    def output_special(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext = self.out_target(opt)[0]
        which = self.pick(['proc-version', 'proc-new', 'dev-full', 'link-dev-full', 'link-dev-full',
                           'link-proc-version'])
        if which == 'proc-version':
            return self.output_case('output-unwritable-special-file', b'/proc/version', '--summary',
                                    before_run=True, bad=[], not_reason='No such file')
        if which == 'proc-new':
            return self.output_case('output-unwritable-special-file', b'/proc/weft-fuzz' + ext, opt,
                                    before_run=True, bad=[])
        if which == 'dev-full':
            return self.output_case('output-dev-full', b'/dev/full', '--summary', reason='No space left', bad=[])
        target = b'/dev/full' if which == 'link-dev-full' else b'/proc/version'
        name = b'special' + ext
        if target == b'/dev/full':
            return self.output_case('output-dev-full', name, opt, [link(name, target)], reason='No space left',
                                    links=[(name, target, None)], bad=[])
        return self.output_case('output-symlink-to-unwritable-file', name, opt, [link(name, target)],
                                links=[(name, target, None)], bad=[])

    def output_long_name(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext = self.out_target(opt)[0]
        which = self.pick(['too-long', 'deep'])
        if which == 'too-long':
            path = Arg(b'n' * (256 - len(ext)) + b'x' + ext, '"$(python3 -c \'print("n" * %d, end="")\')x%s"'
                       % (256 - len(ext), ext.decode()))
        else:
            path = Arg(b'a/' * 2100 + b'x' + ext, '"$(python3 -c \'print("a/" * 2100, end="")\')x%s"'
                       % ext.decode())
        return self.output_case('output-name-too-long', path, opt, mentions=[], bad=[])

    def output_one_fails(self):
        """One output cannot be written: the others are still written, whole."""
        ext, size = self.small_export()
        args, setup = self.base_any()
        bad_opt, bad_path, bad_setup = self.pick([
            ('--summary', b'/dev/full', []),
            ('--save', b'special.weft', [link('special.weft', '/dev/full')]),
            ('--trace', b'special.json', [link('special.json', '/dev/full')]),
        ])
        good = [('ok' + ext, 'image')]
        more = ['--export', 'ok' + ext] + size
        if bad_opt != '--trace':
            good.append(('ok.json', 'json'))
            more += ['--trace', 'ok.json']
        return Case('output-one-of-several-fails', args + [bad_opt, bad_path] + more, {1},
                    setup=setup + bad_setup, lead='Cannot write', mentions=[[named(bad_path)]],
                    good=good, good_always=True)

    # Outputs that must work -----------------------------------------------------------------

    def output_ok(self, cls, path, opt, kind, setup=(), links=(), extra=()):
        args, base_setup = self.base_any()
        if opt == '--export':
            extra = list(extra) or ['--size', self.pick(['320x200', '160x120'])]
        good = [(path, kind)] if kind and not links else []
        return Case(cls, args + [opt, path] + list(extra), {0}, setup=base_setup + list(setup), good=good,
                    links=list(links))

    def output_symlink(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext, _, kind = self.out_target(opt)
        which = self.pick(['file', 'file-in-folder', 'folder-link', 'dev-null'])
        if which == 'dev-null':
            name = b'null' + ext
            return self.output_ok('output-symlink-to-dev-null', name, opt, None, [link(name, '/dev/null')],
                                  links=[(name, b'/dev/null', None)])
        if which == 'folder-link':
            return self.output_ok('output-through-linked-folder', b'dl/out' + ext, opt, kind,
                                  [folder('d'), link('dl', 'd')])
        target = b'target' + ext if which == 'file' else b'd/target' + ext
        setup = ([folder('d')] if which != 'file' else []) + [file(target, b'OLD\n'), link(b'out' + ext, target)]
        return self.output_ok('output-symlink-written-through', b'out' + ext, opt, kind, setup,
                              links=[(b'out' + ext, target, kind)])

    def output_odd_names(self):
        opt = self.pick(sorted(OUTPUT_EXT))
        ext, _, kind = self.out_target(opt)
        which = self.pick(['non-utf8', 'spaces', 'dash', 'long-ok', 'dev-null-summary', 'dot-slash', 'existing',
                           'unicode'])
        if which == 'dev-null-summary':
            return self.output_ok('output-odd-name', b'/dev/null', '--summary', None)
        path = {'non-utf8': b'\xff\xfe' + ext, 'spaces': b'a b  c' + ext, 'dash': b'-out' + ext,
                'long-ok': b'l' * (250 - len(ext)) + ext, 'dot-slash': b'./sub/../out' + ext,
                'existing': b'old' + ext, 'unicode': 'ré sumé ✓'.encode() + ext}[which]
        setup = [folder('sub')] if which == 'dot-slash' else [file(path, b'OLD\n')] if which == 'existing' else []
        if which == 'dash':
            path = b'./-out' + ext if self.rng.random() < 0.5 else path
        cls = 'output-long-valid-name' if which == 'long-ok' else 'output-odd-name'
        if which == 'long-ok':     # its temporary ".NAME.XXXXXX" would be longer than 255
            path = Arg(path, '"$(python3 -c \'print("l" * %d, end="")\')%s"' % (250 - len(ext), ext.decode()))
        return self.output_ok(cls, path, opt, kind, setup)

    def same_output_twice(self):
        args, setup = self.base_any()
        return Case('output-same-path-twice', args + ['--summary', 'o.json', '--trace', 'o.json'], {0},
                    setup=setup, good=[('o.json', 'json')])

    # Standard output that cannot be written --------------------------------------------------

    def stdout_broken(self):
        where = self.pick(['full', 'closed'])
        name = self.pick(sorted(self.weft))
        args, setup = self.pick([
            (['list'], []), (['list', '--json'], []), (self.base_run(), []),
            (self.base_run() + ['--summary', '-'], []), (self.base_run() + ['--log'], []),
            (['replay', name], [file(name, self.weft[name])]),
            (['replay', name, '--summary', '-'], [file(name, self.weft[name])]),
            (['--help'], []), (['--version'], []), (['run', '--help'], []),
        ])
        good = []
        if args[0] in ('run', 'replay') and '--help' not in args and self.rng.random() < 0.4:
            args = args + ['--summary' if '--summary' not in args else '--trace', 'keep.json']
            good = [('keep.json', 'json')]
        return Case('stdout-%s' % ('on-dev-full' if where == 'full' else 'closed'), args, {1}, setup=setup,
                    stdout=where, lead='Cannot write', mentions=[['standard output', 'stdout', 'output']],
                    good=good, good_always=True)

    def stdout_broken_usage(self):
        args = self.pick([['run', 'nosuch'], ['lst'], ['run', 'bank', '--duration', 'abc'], ['replay']])
        return Case('stdout-broken-usage-error', args, {2}, stdout=self.pick(['full', 'closed']),
                    hint=True, before_run=True)

    # Saved runs to replay -------------------------------------------------------------------

    def replay_file(self, cls, data, status=(2,), name=None, shell=None, mention=None, timeout=None,
                    setup=None, extra=()):
        name = name if name is not None else self.pick([b'bad.weft', b'run.weft', b'x', b'b\xffd.weft'])
        setup = setup if setup is not None else [file(name, data, shell)]
        want = mention if mention is not None else named(os.path.basename(name)) or None
        return Case(cls, ['replay', name] + list(extra), status, setup=setup,
                    mentions=[[want]] if want else [], timeout=timeout, before_run=True)

    def replay_bad_content(self):
        real = self.weft[self.pick(sorted(self.weft))]
        which = self.pick(['empty', 'text', 'binary', 'non-utf8', 'png', 'deep', 'deep-objects', 'spaces',
                           'trailing', 'two', 'wrapped', 'null', 'string', 'number'])
        data, shell = {
            'empty': (b'', None), 'text': (b'hello\n', None),
            'binary': (bytes(self.rng.randrange(256) for _ in range(64)), None),
            'non-utf8': (real.replace(b'"notes":""', b'"notes":"\xff\xfe"'), None),
            'png': (b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', None),
            'deep': (b'[' * 100000, 'b"[" * 100000'), 'deep-objects': (b'{"a":' * 50000, 'b"{\\"a\\":" * 50000'),
            'spaces': (b' \n\t' * 100, None), 'trailing': (real.rstrip() + b' x', None),
            'two': (real.rstrip() + real, None), 'wrapped': (b'[' + real.rstrip() + b']', None),
            'null': (b'null', None), 'string': (b'"weft-run"', None), 'number': (b'1', None),
        }[which]
        return self.replay_file('replay-bad-content', data, shell=shell)

    def replay_foreign_json(self):
        data = self.pick([b'{}', b'[]', b'{"name": "a photo"}', b'{"format":"weft-run"}',
                          b'{"format":"weft-run","version":"1"}', b'{"format":"weft-run","version":1.5}',
                          b'{"format":"weft-run","version":9}', b'{"format":"other","version":1}',
                          b'{"format":"WEFT-RUN","version":1}', b'{"format":null}', b'{"format":["weft-run"]}',
                          b'[{"format":"weft-run","version":1}]',
                          b'{"format":"weft-run","version":1,"scenario":"elevators"}'])
        return self.replay_file('replay-foreign-json', data)

    def replay_truncated(self):
        real = self.weft[self.pick(sorted(self.weft))]
        cut = self.rng.randrange(1, len(real.rstrip()))
        return self.replay_file('replay-truncated', real[:cut])

    def replay_mutated(self):
        name = self.pick(sorted(self.weft))
        doc = json.loads(self.weft[name])
        key = self.pick(['format', 'version', 'scenario', 'params', 'param', 'seed', 'mode', 'policy', 'outcome',
                         'schedule', 'schedule'])
        params = self.scenarios[doc['scenario']]['params']
        if key == 'param':
            p = self.pick(params)
            v = self.pick([None, 5, 'missing', 'abc', '' if p['type'] == 'int' else 'NAIVE'] +
                          ([str(p['max'] + 1), str(p['min'] - 1), '2.5'] if p['type'] == 'int' else []))
            if v == 'missing':
                del doc['params'][p['name']]
            else:
                doc['params'][p['name']] = v
        else:
            v = self.pick({
                'format': ['weft-runs', 1, None, '', 'MISSING'],
                'version': [2, '1', 1.5, None, 'MISSING', 10 ** 30, True],
                'scenario': ['elevators', '', 'Bank', 5, None, 'MISSING'],
                'params': [{}, [], 'x', None, 'MISSING'],
                'seed': [-1, '3', 1.5, None, 'MISSING', 2 ** 64, True],
                'mode': ['walk', '', 1, None, 'MISSING', 'STEP'],
                'policy': ['rr', '', 1, None, 'MISSING'],
                'outcome': ['exploded', '', 1, None, 'MISSING'],
                'schedule': ['0,1', [-1], [1.5], ['1'], [70000], [None], {}, None, 'MISSING', [[0]], [2 ** 40]],
            }[key])
            if v == 'MISSING':
                del doc[key]
            else:
                doc[key] = v
        data = json.dumps(doc, separators=(',', ':')).encode()
        return self.replay_file('replay-bad-field', data)

    def replay_too_big(self):
        name = self.pick([b'big.weft', b'b\xffg.weft'])
        return self.replay_file('replay-too-big', None, name=name, setup=[Setup('sparse', name, 65 * 2 ** 20 + 1)])

    def replay_unreadable(self):
        which = self.pick(['missing', 'folder', 'dangling', 'parent-file', 'missing-non-utf8'])
        name, setup = {
            'missing': (b'nothere.weft', []), 'folder': (b'd.weft', [folder('d.weft')]),
            'dangling': (b'dangling.weft', [link('dangling.weft', 'nothere.weft')]),
            'parent-file': (b'f.txt/x.weft', [file('f.txt', 'hi\n')]),
            'missing-non-utf8': (b'n\xffthere.weft', []),
        }[which]
        return self.replay_file('replay-unreadable-file', None, status=(1,), name=name, setup=setup)

    def replay_device(self):
        name = self.pick([b'/dev/zero', b'/dev/full', b'/dev/null', b'/proc/version', b'/proc/self/status'])
        status = (2,) if name in (b'/dev/null', b'/proc/version', b'/proc/self/status') else (1, 2)
        return self.replay_file('replay-special-file', None, status=status, name=name, setup=[],
                                mention=name.decode(), timeout=5)

    def replay_with_bad_output(self):
        name = self.pick(sorted(self.weft))
        opt = self.pick(sorted(OUTPUT_EXT))
        ext = self.out_target(opt)[0]
        path = self.pick([b'f.txt/out', b'nodir/out']) + ext
        extra = ['--size', '160x120'] if opt == '--export' else []
        return Case('output-parent-is-a-file' if path.startswith(b'f.txt') else 'output-missing-folder',
                    ['replay', name, opt, path] + extra, {1},
                    setup=[file(name, self.weft[name]), file('f.txt', 'hi\n')], lead='Cannot write',
                    mentions=[[path.decode()]], before_run=True, bad=[path],
                    reason='Not a directory' if path.startswith(b'f.txt') else 'No such file or directory')

    # Valid edge cases -------------------------------------------------------------------------

    def valid_run(self):
        args = self.base_run()
        good = []
        if self.rng.random() < 0.5:
            ext, size = self.small_export()
            args += ['--export', 'img' + ext] + size
            good.append(('img' + ext, 'image'))
            if self.rng.random() < 0.5:
                args += ['--view', self.pick(['timeline', 'scene', 'both']),
                         '--theme', self.pick(['light', 'dark', 'print'])]
        for opt, name, kind in (('--summary', 'sum.json', 'json'), ('--trace', 'trace.json', 'json'),
                                ('--save', 'run.weft', 'weft')):
            if self.rng.random() < 0.4:
                args += [opt, name]
                good.append((name, kind))
        if '--mode' in args and self.rng.random() < 0.5:
            args += ['--policy', self.pick(['round-robin', 'random'])]
        if self.rng.random() < 0.2:
            args += ['--speed', self.pick(['0.5', '2', '10'])]
        if self.rng.random() < 0.2:
            args += ['--log']
        if self.rng.random() < 0.3:      # the --opt=value spelling
            i = self.rng.randrange(2, len(args) - 1)
            if args[i].startswith('--') and not args[i + 1].startswith('--') and args[i] != '--log':
                args[i:i + 2] = [args[i] + '=' + args[i + 1]]
        return Case('valid-run', args, {0}, good=good)

    def valid_edge(self):
        name = self.pick(sorted(self.weft))
        steps = len(json.loads(self.weft[name])['schedule'])
        weft = [file(name, self.weft[name])]
        c = self.pick([
            (['run', 'philosophers', '--set', 'count=2', '--duration', '0.05'], [], [], None),
            (['run', 'bank', '--duration', '0.05'], [], [], None),
            (['run', 'bank', '--duration', '0.05', '--seed', '0'], [], [], None),
            (['run', 'bank', '--duration', '0.05', '--seed', '9223372036854775807'], [], [], None),
            (['run', 'tickets', '--duration', '0.05', '--speed', '0.01'], [], [], None),
            (['run', 'tickets', '--duration', '0.05', '--speed', '100'], [], [], None),
            (['run', 'bank', '--duration', '0.05', '--export', 'a.png', '--size', '16x16'], [], [('a.png', 'image')], None),
            (['run', 'bank', '--duration', '0.05', '--export', 'a.pdf', '--size', 'A4'], [], [('a.pdf', 'image')], None),
            (['run', 'bank', '--duration', '0.05', '--export', 'a.svg', '--size', 'a4'], [], [('a.svg', 'image')], None),
            (['run', 'bank', '--duration', '0.05', '--export', 'a.png', '--size', '320X200'], [], [('a.png', 'image')], None),
            (['run', 'pubsub', '--mode', 'step', '--steps', '1', '--duration', '0.3'], [], [], None),
            (['run', 'pubsub', '--mode', 'step', '--policy', 'random', '--steps', '50', '--duration', '0.3'], [], [], None),
            (['run', 'philosophers', '--set', 'count=3', '--set', 'count=2', '--duration', '0.05'], [], [], None),
            (['run', 'philosophers', '--set', 'count=1000', '--duration', '0.05', '--seed', '1'], [], [], None),
            (['run', '--duration', '0.05', '--', 'bank'], [], [], None),
            (['run', 'bank', '--duration=0.05', '--summary=-'], [], [], 'json'),
            (['run', 'bank', '--duration', '0.05', '--summary', '/dev/stdout'], [], [], None),
            (['list'], [], [], None), (['list', '--json'], [], [], 'json'),
            (['--help'], [], [], None), (['help'], [], [], None), (['-h'], [], [], None), (['--version'], [], [], None),
            (['run', '--help'], [], [], None), (['replay', '--help'], [], [], None), (['list', '--help'], [], [], None),
            (['replay', name], weft, [], None), (['replay', name, '--steps', '1'], weft, [], None),
            (['replay', name, '--steps', str(steps)], weft, [], None),
            (['replay', name, '--save', 'again.weft', '--trace', 't.json', '--export', 'r.svg', '--size', '160x120'],
             weft, [('again.weft', 'weft'), ('t.json', 'json'), ('r.svg', 'image')], None),
            (['replay', name, '--save', name], weft, [(name, 'weft')], None),
            (['replay', name, '--summary', '-', '--log'], weft, [], None),
        ])
        args, setup, good, kind = c
        return Case('valid-edge', args, {0}, setup=setup, good=good, stdout_kind=kind)

    # Twins: two spellings that must behave alike --------------------------------------------

    def twin_spaces(self):
        which = self.pick(['set', 'set', '--duration', '--speed', '--steps', '--seed'])
        if which == 'set':
            scen = self.pick([s for s in self.ids if self.params(s, 'int')])
            p = self.pick(self.params(scen, 'int'))
            v = self.safe_value(p)
            spellings = ['%s=%s ' % (p['name'], v), '%s= %s' % (p['name'], v)]
            make = lambda s: self.base_run(scen, skip=('--set',)) + ['--set', s]
        else:
            v = {'--duration': '0.05', '--speed': '2', '--steps': '5', '--seed': '7'}[which]
            spellings = [v + ' ', ' ' + v]
            skip = (which, '--mode') if which == '--steps' else (which,)
            base = self.base_run(skip=skip) + (['--mode', 'step'] if which == '--steps' else [])
            make = lambda s: base + [which, s]
        cases = [Case('twin-surrounding-spaces', make(s), {0, 2}, before_run=True) for s in spellings]
        cases[0].twins = cases[1:]
        cases[0].what = 'a space after the value and one before it'
        return cases[0]

    def twin_extension_case(self):
        opt = self.pick(['--export', '--export', '--trace', '--save'])
        if opt == '--export':
            ext = self.pick(['png', 'svg', 'pdf'])
            upper = self.pick([ext.upper(), ext.capitalize()])
            kind, extra = 'image', ['--size', '160x120']
        else:
            ext = 'json' if opt == '--trace' else 'weft'
            upper = self.pick([ext.upper(), ext.capitalize()])
            kind, extra = ('json' if opt == '--trace' else 'weft'), []
        args, setup = self.base_any()
        cases = []
        for e in (upper, ext):
            cases.append(Case('twin-%s-upper-case-extension' % opt.lstrip('-'),
                              args + [opt, 'x.' + e] + extra, {0}, setup=setup, good=[('x.' + e, kind)]))
        cases[0].twins = cases[1:]
        cases[0].what = 'x.%s like x.%s' % (upper, ext)
        return cases[0]

    # The plan --------------------------------------------------------------------------------

    def generators(self):
        """(generator, weight): each is used once, then picked by weight."""
        return [
            (self.unknown_command, 3), (self.unknown_option, 5), (self.missing_argument, 3),
            (self.unknown_scenario, 3), (self.extra_argument, 2), (self.missing_positional, 1),
            (self.set_unknown_param, 4), (self.set_malformed, 2), (self.set_bad_int, 8), (self.set_bad_choice, 4),
            (self.bad_option_value, 12), (self.bad_image_option, 5), (self.image_option_without_export, 1),
            (self.bad_extension, 4), (self.replay_bad_steps, 2), (self.usage_keeps_existing, 2),
            (self.no_arguments, 1),
            (self.output_parent_is_file, 5), (self.output_missing_folder, 4), (self.output_is_directory, 4),
            (self.output_empty_path, 1), (self.output_special, 6), (self.output_long_name, 2),
            (self.output_one_fails, 3), (self.output_symlink, 5), (self.output_odd_names, 5),
            (self.same_output_twice, 1), (self.replay_with_bad_output, 2),
            (self.stdout_broken, 8), (self.stdout_broken_usage, 1),
            (self.replay_bad_content, 5), (self.replay_foreign_json, 3), (self.replay_truncated, 4),
            (self.replay_mutated, 8), (self.replay_too_big, 1), (self.replay_unreadable, 3),
            (self.replay_device, 2),
            (self.valid_run, 14), (self.valid_edge, 8), (self.twin_spaces, 5), (self.twin_extension_case, 5),
        ]

    def cases(self, count):
        gens = self.generators()
        out = [g() for g, _ in gens]
        funcs, weights = zip(*gens)
        while len(out) < count:
            out.append(self.rng.choices(funcs, weights)[0]())
        for i, c in enumerate(out, 1):
            c.n = i
        return out


# Running a case ----------------------------------------------------------------------------

def snapshot(d):
    """Every entry under @d: relative path -> (type, size, content digest or link target)."""
    snap = {}
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, d)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                snap[rel] = ('link', os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                snap[rel] = ('dir',)
            elif stat.S_ISREG(st.st_mode):
                if st.st_size <= 8 * 2 ** 20:
                    with open(path, 'rb') as f:
                        digest = hashlib.sha1(f.read()).hexdigest()
                else:
                    digest = st.st_mtime_ns
                snap[rel] = ('file', st.st_size, digest)
            else:
                snap[rel] = ('other', st.st_mode)
    return snap


def whole(path, kind, name):
    """Why @path is not a whole output of @kind, or None."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        return 'cannot read it back (%s)' % e.strerror
    if not data:
        return 'it is empty'
    if kind == 'image':
        ext = name.lower().rsplit(b'.', 1)[-1]
        if ext == b'png':
            if not data.startswith(b'\x89PNG\r\n\x1a\n') or not data.endswith(b'IEND\xaeB`\x82'):
                return 'it is not a whole PNG'
        elif ext == b'pdf':
            if not data.startswith(b'%PDF') or b'%%EOF' not in data[-1024:]:
                return 'it is not a whole PDF'
        elif ext == b'svg':
            if b'<svg' not in data[:4096] or not data.rstrip().endswith(b'</svg>'):
                return 'it is not a whole SVG'
        return None
    try:
        doc = json.loads(data)
    except ValueError as e:
        return 'it is not whole JSON (%s)' % e
    if kind == 'weft' and not (isinstance(doc, dict) and doc.get('format') == 'weft-run'):
        return 'it is not a saved run'
    return None


class Runner:
    def __init__(self, program, root, timeout, usage_lines):
        self.program = program
        self.root = root
        self.timeout = timeout
        self.usage_lines = usage_lines
        self.env = dict(os.environ)
        self.env['LC_ALL'] = 'C.UTF-8'
        self.env.pop('LANGUAGE', None)
        self.env.pop('G_MESSAGES_DEBUG', None)

    def launch(self, case, d):
        argv = [os.fsencode(self.program)] + argv_bytes(case.args)
        stdout, devfull = subprocess.PIPE, None
        if case.stdout == 'full':
            devfull = open('/dev/full', 'wb')
            stdout = devfull
        elif case.stdout == 'closed':
            argv = [b'/bin/sh', b'-c', b'exec "$0" "$@" >&-'] + argv
            stdout = subprocess.DEVNULL
        limit = case.timeout or self.timeout
        start = time.monotonic()
        try:
            p = subprocess.Popen(argv, cwd=d, env=self.env, stdin=subprocess.DEVNULL, stdout=stdout,
                                 stderr=subprocess.PIPE)
            try:
                out, err = p.communicate(timeout=limit)
                timed_out = False
            except subprocess.TimeoutExpired:
                p.kill()
                out, err = p.communicate()
                timed_out = True
        finally:
            if devfull:
                devfull.close()
        return p.returncode, out, err, timed_out, time.monotonic() - start, limit

    def run(self, case):
        """Runs @case (and its twins): a list of (check, message) that failed."""
        results = [self.run_one(case)]
        for t in case.twins:
            results.append(self.run_one(t))
        failures = list(results[0][0])
        for t, (tf, _, _) in zip(case.twins, results[1:]):
            failures += [(c, '%s (spelling %s)' % (m, ' '.join(sh(a) for a in t.args[-2:]))) for c, m in tf]
        if case.twins:
            kinds = [k for _, _, k in results]
            if len(set(kinds)) > 1:
                failures.append(('twins-differ', 'they behave differently: %s' % '; '.join(
                    'exit %s%s' % (rc, ': ' + k if k else '') for rc, k in kinds)))
        return failures, results[0][1]

    def run_one(self, case):
        d = os.fsencode(tempfile.mkdtemp(prefix='case%d-' % case.n, dir=self.root))
        failures = []

        def fail(check, msg):
            failures.append((check, msg))

        try:
            for s in case.setup:
                s.apply(d)
            before = snapshot(d)
            rc, out, err, timed_out, took, limit = self.launch(case, d)
            after = snapshot(d)
            text = err.decode('utf-8', 'replace')
            lines = [l for l in text.splitlines() if l.strip()]
            prefixed = [l for l in lines if l.startswith(PREFIX)]
            first = prefixed[0] if prefixed else (lines[0] if lines else '')

            if timed_out:
                fail('timeout', 'did not finish within %g s (killed)' % limit)
            elif rc < 0:
                fail('signal', 'killed by %s' % signal.Signals(-rc).name)
            elif rc not in (0, 1, 2):
                fail('exit-status', 'exit %d, not 0, 1 or 2' % rc)
            elif rc not in case.status:
                fail('exit-status', 'exit %d, expected %s' % (rc, ' or '.join(map(str, sorted(case.status)))))

            odd = [l for l in lines if not l.startswith(PREFIX) and l.rstrip() not in self.usage_lines]
            if odd:
                fail('unprefixed-stderr', 'stderr line without "%s": %r' % (PREFIX.strip(), odd[0][:200]))

            if rc not in (0, None) and not timed_out:
                if case.prefixed and not prefixed:
                    fail('no-message', 'no "%s…" message on stderr' % PREFIX.strip())
                for group in case.mentions:
                    if group and not any(m in text for m in group):
                        fail('message-does-not-name',
                             'the message does not name %s' % ' or '.join(repr(m) for m in group))
                if case.lead and rc == 1 and not any(l.startswith(PREFIX + case.lead) for l in prefixed):
                    fail('message-spelling', 'no message begins "%s%s…"' % (PREFIX, case.lead))
                if case.reason and rc == 1 and case.reason not in text:
                    fail('wrong-reason', 'the message does not give the reason "%s"' % case.reason)
                if case.not_reason and case.not_reason in text:
                    fail('wrong-reason', 'the message gives the reason "%s"' % case.not_reason)
                if case.hint and rc == 2 and prefixed and not any(HINT_RE.search(l) for l in prefixed):
                    fail('message-says-not-what-is-allowed', 'the message does not say what is allowed')

            captured = case.stdout == 'pipe'
            if captured and rc == 2 and out:
                fail('usage-on-stdout', 'exit 2 but stdout has %r' % out[:80].decode('utf-8', 'replace'))
            elif captured and rc != 0 and case.before_run and out:
                fail('not-refused-before-run', 'refused only after the run (stdout has %r)'
                     % out[:60].decode('utf-8', 'replace'))
            if captured and rc == 0 and case.stdout_kind == 'json':
                try:
                    json.loads(out)
                except ValueError:
                    fail('stdout-not-json', 'stdout is not whole JSON')

            # Files: no temporary left; nothing changed when refused; failed outputs not made.
            for rel in set(after) - set(before):
                if TEMP_RE.match(os.path.basename(rel)):
                    fail('temp-file-left', 'left the hidden temporary file %s' % display(rel))
            changed = sorted(r for r in set(before) | set(after) if before.get(r) != after.get(r))
            if rc != 0 and (rc == 2 or case.before_run) and changed:
                fail('files-changed-when-refused', 'refused (exit %d) but changed %s' % (
                    rc, ', '.join(display(r) for r in changed[:3])))
            for b in case.bad:
                rel = os.path.normpath(b)
                if before.get(rel) != after.get(rel):
                    fail('failed-output-left', '%s %s although it could not be written' % (
                        display(b), 'was changed' if rel in before else 'was created'))
            if rc == 0 or (case.good_always and rc == 1):
                for g, kind in case.good:
                    why = whole(os.path.join(d, g), kind, g)
                    if why:
                        fail('output-not-whole', '%s: %s' % (display(g), why))
            for name, target, kind in case.links:
                path = os.path.join(d, name)
                if not os.path.islink(path):
                    fail('symlink-replaced', '%s was a link to %s and is now a regular file' % (
                        display(name), display(target)))
                elif rc == 0 and kind:
                    rel = os.path.normpath(target)
                    if before.get(rel) == after.get(rel):
                        fail('symlink-not-written-through', 'exit 0 but %s, the target of %s, was not written'
                             % (display(target), display(name)))
                    else:
                        why = whole(os.path.join(d, target), kind, target)
                        if why:
                            fail('output-not-whole', '%s: %s' % (display(target), why))
            kind = re.sub(r'“[^”]*”|"[^"]*"|-?\d+(\.\d+)?', '…', first) if rc else ''
            case.took = took
            return failures, (rc, first[:300], took), (rc, kind)
        finally:
            if os.environ.get('WEFT_FUZZ_KEEP') != '1':
                shutil.rmtree(d, ignore_errors=True)


# Main --------------------------------------------------------------------------------------

def capture(program, args, env):
    return subprocess.run([program] + args, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=60)


def main():
    program = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('WEFT_CLI')
    if not program:
        print('fuzz-cli: give the path of weft-cli (or set WEFT_CLI)', file=sys.stderr)
        return 2
    program = os.path.abspath(program)
    seed = int(os.environ.get('WEFT_FUZZ_SEED', DEFAULT_SEED))
    count = int(os.environ.get('WEFT_FUZZ_CASES', DEFAULT_CASES))
    jobs = int(os.environ.get('WEFT_FUZZ_JOBS', 2))
    timeout = float(os.environ.get('WEFT_FUZZ_TIMEOUT', 20))
    only = {int(x) for x in os.environ.get('WEFT_FUZZ_ONLY', '').split(',') if x.strip()}

    root = tempfile.mkdtemp(prefix='weft-fuzz-')
    start = time.monotonic()
    try:
        runner = Runner(program, root, timeout, set())
        env = runner.env
        # What the program is and says: the scenarios, the usage texts, two real saved runs.
        listing = capture(program, ['list', '--json'], env)
        if listing.returncode != 0:
            print('fuzz-cli: `weft-cli list --json` failed: %s' % listing.stderr.decode(errors='replace'))
            return 1
        scenarios = json.loads(listing.stdout)
        usage_lines = set()
        for args in (['--help'], ['run', '--help'], ['replay', '--help'], ['list', '--help']):
            usage_lines |= {l.rstrip() for l in capture(program, args, env).stdout.decode('utf-8', 'replace').splitlines()}
        runner.usage_lines = usage_lines
        weft = {}
        for name, args in (('bank.weft', ['run', 'bank', '--mode', 'step', '--seed', '3', '--duration', '5']),
                           ('philo.weft', ['run', 'philosophers', '--mode', 'step', '--seed', '7', '--set',
                                           'count=3', '--steps', '30', '--duration', '5'])):
            path = os.path.join(root, name)
            r = capture(program, args + ['--save', path], env)
            if r.returncode != 0:
                print('fuzz-cli: cannot make a saved run: %s' % r.stderr.decode(errors='replace'))
                return 1
            with open(path, 'rb') as f:
                weft[name] = f.read()
            os.unlink(path)

        cases = Gen(random.Random(seed), scenarios, weft).cases(count)
        print('fuzz-cli: seed %d (WEFT_FUZZ_SEED=%d to repeat), %d cases, %d at a time, %s'
              % (seed, seed, len(cases), jobs, program), flush=True)
        todo = [c for c in cases if not only or c.n in only]
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(runner.run, todo))

        failed = {}
        for case, (failures, (rc, first, took)) in zip(todo, results):
            if not failures:
                continue
            print('\nFAIL #%d [%s] exit %s in %.2f s; seed %d' % (case.n, case.cls, rc, took, seed))
            if case.what:
                print('  twins: %s' % case.what)
            for check, msg in failures:
                print('  - %s: %s' % (check, msg))
                failed.setdefault((case.cls, check), []).append((case, msg))
            if first:
                print('  stderr: %s' % first)
            print('  reproduce: %s' % case.shell_line(program))
            for t in case.twins:
                print('  and:       %s' % t.shell_line(program))
            print('  or: WEFT_FUZZ_SEED=%d WEFT_FUZZ_CASES=%d WEFT_FUZZ_ONLY=%d python3 %s %s' % (
                seed, count, case.n, sh(os.path.abspath(__file__)), sh(program)), flush=True)

        n_failed = sum(1 for f, _ in results if f)
        took = time.monotonic() - start
        if failed:
            print('\nFailing classes (kind of case / check: cases, first example):')
            for (cls, check), items in sorted(failed.items()):
                case, msg = items[0]
                print('  %s / %s: %d, #%d: %s' % (cls, check, len(items), case.n, msg))
        print('\nfuzz-cli: %d of %d cases failed; seed %d; %.1f s' % (n_failed, len(todo), seed, took))
        return 1 if n_failed else 0
    finally:
        if os.environ.get('WEFT_FUZZ_KEEP') == '1':
            print('fuzz-cli: kept %s' % root)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
