"""ACRO's verdicts on frequency tables and crosstabs, for CareStat's disclosure gate tests.

Runs the research-output checker ACRO (PyPI `acro`, default risk appetite: threshold 10, zeros disclosive) on
seeded synthetic tables and records, for each table, the counts and which cells ACRO suppresses (its
`suppress=True` output has NaN where a cell is withheld). The Swift test checks that CareStat's gate, at the same
settings, withholds every cell ACRO withholds.

Usage: python3 make-acro-fixtures.py > acro-tables.json
"""
import json, os, sys, tempfile, contextlib, io
import numpy as np
import pandas as pd

os.chdir(tempfile.mkdtemp())
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    from acro import ACRO
    acro = ACRO(suppress=True)

rng = np.random.default_rng(20261206)
cases = []
for k, (rows, cols, n, skew) in enumerate([(3, 2, 60, 1.0), (4, 3, 120, 2.0), (5, 4, 150, 3.0), (2, 2, 25, 1.5),
                                            (6, 3, 400, 2.5), (3, 5, 90, 1.0), (1, 6, 80, 2.0), (4, 4, 300, 4.0)]):
    pr = rng.dirichlet(np.ones(rows) / skew)
    pc = rng.dirichlet(np.ones(cols) / skew)
    a = rng.choice([f"r{i}" for i in range(rows)], size=n, p=pr)
    b = rng.choice([f"c{j}" for j in range(cols)], size=n, p=pc)
    df = pd.DataFrame({"a": a, "b": b})
    raw = pd.crosstab(df.a, df.b)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        safe = acro.crosstab(df.a, df.b)
    safe = safe.reindex(index=raw.index, columns=raw.columns)
    cases.append({
        "name": f"crosstab-{k}",
        "rows": [str(x) for x in raw.index],
        "columns": [str(x) for x in raw.columns],
        "counts": raw.values.astype(int).tolist(),
        "acro_suppressed": safe.isna().values.tolist(),
    })
print(json.dumps({"acro_version": __import__("acro").__version__ if hasattr(__import__("acro"), "__version__") else "",
                  "threshold": 10, "zeros_are_disclosive": True, "cases": cases}, indent=1))
