#!/usr/bin/env python3
"""Writes a deterministic children-in-local-authorities CSV for the glmm benchmark.

    python3 Benchmarks/data/make_glmm_csv.py [--rows 500000] [--groups 150] [--out PATH]

Columns: y (0/1 outcome), level (intervention level: none, referral, cin, cpp, cla), x (a standardised
child-level covariate, 4 decimals), la (local authority 1..groups, sizes varying about 5-fold). The true model is
logit P(y = 1) = -1.2 + level effect + (0.35 + v_la) x + u_la, u_la ~ N(0, 0.4^2), and v_la ~ N(0, s^2)
correlated 0.3 with u_la when --slope-sd s > 0 (default 0: no random slope, and the file is byte-identical to the
one written before the option existed: the slope draws come from their own random stream). The same seed always
gives the same bytes, so CareStat and the peer read the identical file. Generated data are never committed
(Benchmarks/.build/).
"""
import argparse, math, os, random

ap = argparse.ArgumentParser()
ap.add_argument("--rows", type=int, default=500_000)
ap.add_argument("--groups", type=int, default=150)
ap.add_argument("--slope-sd", type=float, default=0.0)
here = os.path.dirname(os.path.abspath(__file__))
ap.add_argument("--out", help="default: Benchmarks/.build/data/glmm_ROWS.csv")
args = ap.parse_args()
if args.out is None:
    args.out = os.path.join(here, "..", ".build", "data", f"glmm_{args.rows}.csv")
os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)

rng = random.Random(150)
effects = [rng.gauss(0, 0.4) for _ in range(args.groups)]
sizes = [0.4 + 1.6 * rng.random() for _ in range(args.groups)]
cum, total = [], 0.0
for s in sizes:
    total += s
    cum.append(total)
slope_rng = random.Random(151)
slopes = [args.slope_sd * (0.3 * u / 0.4 + math.sqrt(1 - 0.09) * slope_rng.gauss(0, 1)) for u in effects]
LEVELS = [("none", 0.0, 0.45), ("referral", 0.3, 0.2), ("cin", 0.7, 0.18), ("cpp", 1.0, 0.1), ("cla", 1.4, 0.07)]
lcum, t = [], 0.0
for _, _, p in LEVELS:
    t += p
    lcum.append(t)

def pick(cumulative, u):
    lo, hi = 0, len(cumulative) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cumulative[mid] < u:
            lo = mid + 1
        else:
            hi = mid
    return lo

with open(args.out, "w") as f:
    f.write("y,level,x,la\n")
    for _ in range(args.rows):
        la = pick(cum, rng.random() * total)
        li = pick(lcum, rng.random() * lcum[-1])
        x = round(rng.gauss(0, 1), 4)
        eta = -1.2 + LEVELS[li][1] + (0.35 + slopes[la]) * x + effects[la]
        y = 1 if rng.random() < 1 / (1 + math.exp(-eta)) else 0
        f.write(f"{y},{LEVELS[li][0]},{x:.4f},{la + 1}\n")
