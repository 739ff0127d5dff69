#!/usr/bin/env python3
"""Deterministic data for the `glm` benchmark job (written to Benchmarks/.build/data, never committed).

    python3 Benchmarks/data/make_glm_data.py N OUT.bin

Layout: N float64 values per column, column after column (little-endian, no header), 10 columns:
y (0/1), x1..x8 (numeric), g (a 4-level factor stored as its code 0..3). The logistic design y ~ x1 + ... + x8 + g
has 12 columns (intercept, 8 slopes, 3 treatment contrasts of g).
x_k ~ N(0, 1) with x2 correlated with x1 (ρ = 0.5); η = −0.5 + Σ β_k x_k + γ_g, β = (0.8, −0.5, 0.3, 0.2, −0.1,
0.05, 0.4, −0.3), γ = (0, 0.3, −0.2, 0.5); y ~ Bernoulli(1/(1 + e^−η)). numpy's PCG64 seeded with 20261121.
"""
import sys
import numpy as np

n, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.Generator(np.random.PCG64(20261121))
x = rng.standard_normal((8, n))
x[1] = 0.5 * x[0] + np.sqrt(0.75) * x[1]
g = rng.integers(0, 4, n)
beta = np.array([0.8, -0.5, 0.3, 0.2, -0.1, 0.05, 0.4, -0.3])
gamma = np.array([0.0, 0.3, -0.2, 0.5])
eta = -0.5 + beta @ x + gamma[g]
y = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(np.float64)
np.concatenate([y, x.ravel(), g.astype(np.float64)]).astype("<f8").tofile(out)
