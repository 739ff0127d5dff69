#!/usr/bin/env python3
"""Peer for the "cox" benchmark job: lifelines CoxPHFitter (Efron ties, its only method), 8 covariates.

    python3 Benchmarks/peers/python/cox.py DATA.f64 N REPS

Loading is untimed; one warm-up fit, then REPS timed fits; prints one JSON line with the median seconds and
checksum = sum of coefficients.
"""
import json, statistics, sys, time
import numpy as np
import pandas as pd
from lifelines import CoxPHFitter

path, n, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
m = np.fromfile(path, dtype="<f8", count=n * 10).reshape(n, 10)
d = pd.DataFrame(m, columns=["time", "status"] + [f"x{i}" for i in range(1, 9)])
CoxPHFitter().fit(d, duration_col="time", event_col="status")
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    cph = CoxPHFitter().fit(d, duration_col="time", event_col="status")
    times.append(time.perf_counter() - t0)
print(json.dumps({"seconds": statistics.median(times), "checksum": float(cph.params_.sum())}))
