"""ACRO's survival-table rule on a small data set, for Tests/SurvivalTests/ACROSurvivalRuleTests.swift.

Generates 60 right-censored times (seed 20261206), runs acro's surv_func(..., output="table") with
suppress=True (ACRO 0.4.x, default.yaml: survival_safe_threshold 10) and writes:
  survival.csv       the data (time, event)
  acro-survival.csv  ACRO's table: time, num at risk, num events, and its "rounded" columns; a row whose
                     at-risk count ACRO replaced by the previous row's (fewer than 10 left since the last
                     published row) is marked published = 0.
Run: python3 make-acro-survival.py (from this folder).
"""
import random

import numpy as np
import pandas as pd
import acro
from acro import acro_tables

random.seed(20261206)
rows = []
for i in range(60):
    t = random.randint(1, 365)
    e = 1 if random.random() < 0.55 else 0
    rows.append((t, e))
data = pd.DataFrame(rows, columns=["time", "event"])
data.to_csv("survival.csv", index=False)

session = acro.ACRO(suppress=True)
table = session.surv_func(data["time"], data["event"], output="table")
threshold = acro_tables.SURVIVAL_THRESHOLD
out = pd.DataFrame({
    "time": table.index.astype(float),
    "n_risk": table["num at risk"].astype(int),
    "n_event": table["num events"].astype(int),
    "surv_prob": table["Surv prob"],
    "rounded_survival": table["rounded_survival_fun"],
})
# Published rows, by ACRO's own loop (acro_tables._rounded_survival_table): the first row, then a row once at
# least `threshold` people have left since the last published row.
published = []
sub_total = 0
previous = None
for i, n in enumerate(out["n_risk"]):
    if i == 0:
        published.append(1)
    else:
        sub_total += previous - n
        if sub_total < threshold:
            published.append(0)
        else:
            published.append(1)
            sub_total = 0
    previous = n
out["published"] = published
out.to_csv("acro-survival.csv", index=False)
print("threshold", threshold, "rows", len(out), "published", sum(published))
