#!/usr/bin/env python3
"""Deterministic CSV files for the whole-command benchmarks (Benchmarks/commands.py), read by `carestat` and by
the peers' scripts alike. Written into Benchmarks/.build/data, never committed.

    python3 Benchmarks/data/make_command_csvs.py cox  N OUT.csv   # time,status,x1..x8 (also the km file)
    python3 Benchmarks/data/make_command_csvs.py glm  N OUT.csv   # y,x1..x8,sex,age_band,level
    python3 Benchmarks/data/make_command_csvs.py glmm N OUT.csv   # the glm columns + la (150 local authorities)

cox: the rows of data/make_cox_data.py (same seed, same law: whole-day times 1..3200, about one third events,
x1..x6 standard normal, x7 0/1, x8 uniform(-1, 1)), with x1..x6 and x8 written to 4 decimals.
glm / glmm: x1..x8 standard normal (x2 correlated 0.5 with x1) to 4 decimals, sex F/M, age_band one of five
bands, level one of five intervention levels (none, referral, cin, cpp, cla); 11 terms, 18 design columns.
logit P(y = 1) = -0.8 + x'beta + sex + age band + level effects (+ u_la, u_la ~ N(0, 0.4^2) in 150 LAs whose sizes
vary about 5-fold, for glmm). numpy's PCG64 with fixed seeds: the same N always gives the same bytes.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_cox_data import make as make_cox  # noqa: E402

AGE_BANDS = np.array(["0-4", "5-9", "10-15", "16-17", "under1"])
LEVELS = np.array(["none", "referral", "cin", "cpp", "cla"])
SEXES = np.array(["F", "M"])


def fmt4(v):
    """Fixed 4-decimal text of a float array (one string per value)."""
    return np.char.mod("%.4f", v)


def write_columns(path, header, columns):
    """Writes equal-length arrays of strings as a comma-separated file, in chunks to bound memory."""
    n = len(columns[0])
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        step = 100_000
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            rows = [",".join(t) for t in zip(*(c[lo:hi] for c in columns))]
            f.write("\n".join(rows) + "\n")


def cox(n, path):
    d = make_cox(n)
    cols = [d[:, 0].astype(np.int64).astype(str), d[:, 1].astype(np.int64).astype(str)]
    for k in range(8):
        v = d[:, 2 + k]
        cols.append(v.astype(np.int64).astype(str) if k == 6 else fmt4(v))
    write_columns(path, ["time", "status"] + [f"x{k}" for k in range(1, 9)], cols)


def glm(n, path, groups=0):
    rng = np.random.Generator(np.random.PCG64(20261207))
    x = rng.standard_normal((8, n))
    x[1] = 0.5 * x[0] + np.sqrt(0.75) * x[1]
    x = np.round(x, 4)
    sex = rng.integers(0, 2, n)
    age = rng.choice(5, n, p=[0.2, 0.25, 0.3, 0.15, 0.1])
    level = rng.choice(5, n, p=[0.45, 0.2, 0.18, 0.1, 0.07])
    beta = np.array([0.8, -0.5, 0.3, 0.2, -0.1, 0.05, 0.4, -0.3])
    eta = -0.8 + beta @ x + 0.2 * sex + np.array([0.0, 0.1, 0.3, 0.5, -0.2])[age] \
        + np.array([0.0, 0.3, 0.7, 1.0, 1.4])[level]
    header = ["y"] + [f"x{k}" for k in range(1, 9)] + ["sex", "age_band", "level"]
    la = None
    if groups:
        grng = np.random.Generator(np.random.PCG64(150))
        effects = grng.normal(0.0, 0.4, groups)
        sizes = 0.4 + 1.6 * grng.random(groups)
        la = grng.choice(groups, n, p=sizes / sizes.sum())
        eta = eta + effects[la]
        header.append("la")
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(np.int64)
    cols = [y.astype(str)] + [fmt4(x[k]) for k in range(8)] + [SEXES[sex], AGE_BANDS[age], LEVELS[level]]
    if la is not None:
        cols.append(np.char.mod("LA%03d", la + 1))
    write_columns(path, header, cols)


if __name__ == "__main__":
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".part"
    {"cox": cox, "glm": glm, "glmm": lambda n, p: glm(n, p, groups=150)}[kind](n, tmp)
    os.replace(tmp, out)   # never leave a half-written file under the final name
    print(f"{out}: {n} rows, {os.path.getsize(out) / 2**20:.1f} MiB", file=sys.stderr)
