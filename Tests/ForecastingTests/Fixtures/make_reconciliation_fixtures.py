"""Reference values for CareStat's forecast reconciliation, from the formulas (numpy), since R's hts/fable are not
installable here. Hierarchy: England -> regions R1 (A, B), R2 (C, D, E); base forecasts for 3 steps and in-sample
one-step residuals (8 times; a node's residuals are its leaves' sum plus noise, so they correlate) drawn with a fixed seed. Methods: bottom-up, OLS, WLS structural, MinT-shrink
(Schafer-Strimmer shrinkage as R hts's shrink.estim), each with and without the top fixed (equality-constrained GLS).
Writes reconciliation_fixtures.json (values to 17 significant digits). Run: python3 make_reconciliation_fixtures.py"""
import json
import numpy as np

rng = np.random.default_rng(20261207)
pairs = [("A", "R1"), ("B", "R1"), ("C", "R2"), ("D", "R2"), ("E", "R2"), ("R1", "England"), ("R2", "England")]
nodes = ["England", "R1", "R2", "A", "B", "C", "D", "E"]
bottom = ["A", "B", "C", "D", "E"]
S = np.array([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [0, 0, 1, 1, 1], *np.eye(5).tolist()], dtype=float)
m, nb, h, n = 8, 5, 3, 8
base = rng.uniform(5, 60, size=(m, h))
res_b = rng.normal(0, 1, size=(nb, n)) * rng.uniform(0.5, 4, size=(nb, 1))
res = S @ res_b + rng.normal(0, 0.5, size=(m, n))  # aggregate residuals correlate with their leaves'


def shrink(x):  # x: n x p, as hts::shrink.estim with tar = diag(diag(covm))
    nn = x.shape[0]
    covm = x.T @ x / nn
    sd = np.sqrt(np.diag(covm))
    corm = covm / np.outer(sd, sd)
    xs = x / sd
    v = (1 / (nn * (nn - 1))) * ((xs ** 2).T @ (xs ** 2) - (1 / nn) * (xs.T @ xs) ** 2)
    np.fill_diagonal(v, 0)
    d = (corm - np.eye(len(sd))) ** 2
    lam = max(min(v.sum() / d.sum(), 1), 0)
    return lam * np.diag(np.diag(covm)) + (1 - lam) * covm, lam


out = {"nodes": nodes, "pairs": pairs, "base": base.tolist(), "residuals": res.tolist(), "cases": []}
Wmint, lam = shrink(res.T)
out["lambda"] = lam
for method in ["bottomup", "ols", "wls", "mint"]:
    for fixed in [False, True]:
        if method == "bottomup":
            b = base[3:, :]
            P = np.eye(nb)
        else:
            W = {"ols": np.eye(m), "wls": np.diag(S.sum(axis=1)), "mint": Wmint}[method]
            Wi = np.linalg.inv(W)
            P = np.linalg.inv(S.T @ Wi @ S)
            b = P @ S.T @ Wi @ base
        if fixed:
            p1 = P @ np.ones(nb)
            b = b + np.outer(p1, (base[0] - b.sum(axis=0)) / p1.sum())
        out["cases"].append({"method": method, "fixed_top": fixed, "reconciled": (S @ b).tolist()})
with open("reconciliation_fixtures.json", "w") as f:
    json.dump(out, f, indent=1, default=float)
