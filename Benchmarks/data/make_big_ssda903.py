#!/usr/bin/env python3
"""Writes a large SSDA903 return for the derive-return-to-care scale job: the synthetic generator's episodes and
header (carestat synth, fixed seed) tiled with fresh CHILD ids until the file holds at least N episodes. Every
tile is a valid return (each child's episodes obey the X1 rules), so the result is too.

    python3 make_big_ssda903.py CARESTAT OUTDIR N
Writes OUTDIR/ssda903_episodes_N.csv and OUTDIR/ssda903_header_N.csv (never committed)."""
import os, subprocess, sys, tempfile

carestat, outdir, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
episodes_out = os.path.join(outdir, f"ssda903_episodes_{target}.csv")
header_out = os.path.join(outdir, f"ssda903_header_{target}.csv")
if os.path.exists(episodes_out) and os.path.exists(header_out):
    sys.exit(0)
os.makedirs(outdir, exist_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([carestat, "synth", "--out", tmp, "--children", "200000", "--seed", "903"], check=True,
                   stdout=subprocess.DEVNULL)
    ep = open(os.path.join(tmp, "ssda903_episodes.csv")).read().splitlines()
    hd = open(os.path.join(tmp, "ssda903_header.csv")).read().splitlines()
ep_head, ep_rows = ep[0], ep[1:]
hd_head, hd_rows = hd[0], hd[1:]
ep_child = ep_head.split(",").index("CHILD")
hd_child = hd_head.split(",").index("CHILD")
tiles = -(-target // len(ep_rows))
def retag(line, col, k):
    f = line.split(",")
    if f[col]:
        f[col] = f"T{k:04d}{f[col]}"
    return ",".join(f)
with open(episodes_out + ".tmp", "w") as e, open(header_out + ".tmp", "w") as h:
    e.write(ep_head + "\n"); h.write(hd_head + "\n")
    for k in range(tiles):
        e.write("\n".join(retag(r, ep_child, k) for r in ep_rows) + "\n")
        h.write("\n".join(retag(r, hd_child, k) for r in hd_rows) + "\n")
os.replace(episodes_out + ".tmp", episodes_out)
os.replace(header_out + ".tmp", header_out)
print(f"{tiles * len(ep_rows)} episodes", file=sys.stderr)
