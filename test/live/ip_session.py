#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run a list of `ip` command lines, one after another, in a fresh network namespace, and print
one JSON object per command: {"cmd", "code", "stdout", "stderr"}.

usage: unshare -n /usr/bin/python3 test/live/ip_session.py 'link show' '-4 address show' ...
Run it under `unshare -n` (root): the namespace disappears with the process, so nothing is left
behind on the host. Each argument is split on spaces and passed to /usr/sbin/ip (or `ip` on PATH).
"""
import json
import shutil
import subprocess
import sys

IP = shutil.which('ip') or '/usr/sbin/ip'
for line in sys.argv[1:]:
    r = subprocess.run([IP, *line.split(' ')], capture_output=True, text=True)
    print(json.dumps({'cmd': line, 'code': r.returncode, 'stdout': r.stdout, 'stderr': r.stderr}))
