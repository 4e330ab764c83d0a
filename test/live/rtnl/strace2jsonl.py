#!/usr/bin/env python3
"""Turn the raw captures of capture_ip_requests.sh into ip-requests.jsonl.

usage: strace2jsonl.py WORKDIR OUT.jsonl

WORKDIR/manifest.tsv has one line per command:
    idx <TAB> role <TAB> command-template (NS1/NS2 placeholders)
and WORKDIR/<idx>.{strace,out,err,rc} hold the strace log (-e write=all
-e read=all hex dumps), ip's stdout, stderr and exit code.
WORKDIR/names.tsv maps real namespace names to placeholders.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlcodec  # noqa: E402

SYSCALL_RE = re.compile(
    r"^(?:\d+\s+|\[pid\s+\d+\]\s+)?(sendto|sendmsg|recvmsg|recvfrom)\((\d+),(.*)\)\s+=\s+(-?\d+)")
DUMP_RE = re.compile(r"^ \| ([0-9a-f]{5})  (.{1,49})")


def parse_strace(path):
    events = []
    cur = None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = SYSCALL_RE.match(line)
            if m:
                cur = {"sys": m.group(1), "fd": int(m.group(2)), "ret": int(m.group(4)),
                       "peek": "MSG_PEEK" in m.group(3), "hex": []}
                events.append(cur)
                continue
            if cur is None:
                continue
            d = DUMP_RE.match(line)
            if d:
                cur["hex"].extend(re.findall(r"[0-9a-f]{2}", d.group(2)))
    out = []
    for e in events:
        if e["peek"] or e["ret"] <= 0:
            continue
        data = bytes.fromhex("".join(e["hex"]))
        if len(data) != e["ret"]:
            raise SystemExit("%s: %s returned %d but dump has %d bytes" % (path, e["sys"], e["ret"], len(data)))
        out.append({"dir": "send" if e["sys"].startswith("send") else "recv", "fd": e["fd"], "data": data})
    return out


def main():
    work, outpath = sys.argv[1], sys.argv[2]
    names = []
    with open(os.path.join(work, "names.tsv")) as f:
        for line in f:
            real, ph = line.rstrip("\n").split("\t")
            names.append((real, ph))

    def subst(s):
        for real, ph in names:
            s = s.replace(real, ph)
        return s

    recs = []
    with open(os.path.join(work, "manifest.tsv")) as f:
        for line in f:
            idx, role, cmd = line.rstrip("\n").split("\t")
            base = os.path.join(work, idx)
            evs = parse_strace(base + ".strace")
            socks = []
            msgs, reqs, reps = [], [], []
            orig = []
            for e in evs:
                if e["fd"] not in socks:
                    socks.append(e["fd"])
                norm, o = nlcodec.normalize_datagram(e["data"])
                h = norm.hex()
                msgs.append({"dir": e["dir"], "sock": socks.index(e["fd"]), "hex": h,
                             "summary": nlcodec.summarize(norm)})
                orig.append(o)
                (reqs if e["dir"] == "send" else reps).append(h)
            rec = {
                "cmd": cmd,
                "role": role,
                "requests": reqs,
                "replies": reps,
                "exit": int(open(base + ".rc").read().strip()),
                "stdout": subst(open(base + ".out", errors="replace").read()),
                "stderr": subst(open(base + ".err", errors="replace").read()),
                "messages": msgs,
                "orig": orig,
            }
            recs.append(rec)
    with open(outpath, "w") as f:
        for r in recs:
            f.write(json.dumps(r, sort_keys=False) + "\n")
    print("wrote %d records to %s" % (len(recs), outpath))


if __name__ == "__main__":
    main()
