#!/usr/bin/env python3
"""Whole-command peer of `carestat km FILE --time time --event status`: pandas.read_csv + lifelines
KaplanMeierFitter + its median and survival at 1, 2, 3 years. The last line is the same-answer check.

    python3 Benchmarks/peers/commands/km.py FILE
"""
import json, sys
import pandas as pd
from lifelines import KaplanMeierFitter

d = pd.read_csv(sys.argv[1])
km = KaplanMeierFitter().fit(d["time"], event_observed=d["status"])
print(km.median_survival_time_)
s = [float(v) for v in km.survival_function_at_times([365, 730, 1095]).values]
print(s)
print(json.dumps({"check": s}))
