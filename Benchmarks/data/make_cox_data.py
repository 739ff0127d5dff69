#!/usr/bin/env python3
"""Deterministic data for the "cox" benchmark job, shared by CareStat and its peers.

    python3 Benchmarks/data/make_cox_data.py N OUT.f64

Writes N rows × 10 float64 columns, row-major, little-endian, no header: time, status, x1..x8. Times are whole
days 1..3200 (about 3.2k distinct values, heavy ties), about one third of rows are events. x1..x6 are standard
normal, x7 is 0/1 (p = 0.4), x8 is uniform(−1, 1); true log-hazard ratios below. Never committed: written into
Benchmarks/.build/data by run.py.
"""
import sys
import numpy as np

BETA = np.array([0.3, -0.2, 0.1, 0.0, 0.25, -0.15, 0.5, 0.2])


def make(n, seed=20261121):
    rng = np.random.default_rng(seed)
    x = np.empty((n, 8))
    x[:, :6] = rng.standard_normal((n, 6))
    x[:, 6] = (rng.random(n) < 0.4).astype(float)
    x[:, 7] = rng.uniform(-1.0, 1.0, n)
    rate = 2.1e-4 * np.exp(x @ BETA)
    t_event = np.ceil(rng.exponential(1.0 / rate))
    t_cens = np.ceil(rng.uniform(0.0, 3200.0, n))
    time = np.minimum(np.minimum(t_event, t_cens), 3200.0)
    status = ((t_event <= t_cens) & (t_event <= 3200.0)).astype(float)
    return np.column_stack([time, status, x])


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    d = make(n)
    d.astype("<f8").tofile(out)
    print(f"{out}: n={n}, events={int(d[:, 1].sum())}, distinct times={len(np.unique(d[:, 0]))}", file=sys.stderr)
