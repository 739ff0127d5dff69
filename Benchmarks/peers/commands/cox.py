#!/usr/bin/env python3
"""Whole-command peer of `carestat cox FILE "Surv(time, status) ~ x1 + ... + x8"`: pandas.read_csv + lifelines
CoxPHFitter (Efron ties) + print_summary. The last line is the same-answer check (the coefficients).

    python3 Benchmarks/peers/commands/cox.py FILE
"""
import json, sys
import pandas as pd
from lifelines import CoxPHFitter

d = pd.read_csv(sys.argv[1])
cph = CoxPHFitter().fit(d, duration_col="time", event_col="status")
cph.print_summary()
print(json.dumps({"check": [float(v) for v in cph.params_.values]}))
