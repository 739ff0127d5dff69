#!/usr/bin/env python3
"""Reference values for Tests/ComparisonTests: an independent implementation (scipy) of the published funnel-plot
formulas (Spiegelhalter 2005, Stat Med 24:1185, appendix A.1.1; FunnelPlotR R/calculate_limits.R and
R/od_adjustment.R; PHE Fingertips Wilson limits). Writes funnel_reference.json beside this script.

Run: python3 make_funnel_fixtures.py [path/to/merged_data.csv]   (scipy 1.16.3 was used)
"""
import json, math, os, sys
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def zmult(level):
    return stats.norm.ppf(1 - (1 - level / 100) / 2)


def exact_binomial(n, t, p):
    """Spiegelhalter (2005) A.1.1: r = p-quantile of Bin(n, t); a = (F(r) - p)/(F(r) - F(r-1)); limit (r - a)/n,
    clamped at 0 (r = 0 gives a value in (-1/n, 0])."""
    r = int(stats.binom.ppf(p, n, t))
    fr = stats.binom.cdf(r, n, t)
    frm1 = stats.binom.cdf(r - 1, n, t) if r > 0 else 0.0
    a = (fr - p) / (fr - frm1)
    return max(0.0, (r - a) / n)


def exact_poisson(e, p):
    """Spiegelhalter (2005) A.1 with a Poisson(E) count: r = p-quantile; a = (F(r) - p)/(F(r) - F(r-1));
    limit (r - a)/E on the ratio scale, clamped at 0."""
    r = int(stats.poisson.ppf(p, e))
    fr = stats.poisson.cdf(r, e)
    frm1 = stats.poisson.cdf(r - 1, e) if r > 0 else 0.0
    a = (fr - p) / (fr - frm1)
    return max(0.0, (r - a) / e)


def exact_poisson_ratio(e, p, upper):
    """FunnelPlotR / PHE: lower qchisq(p, 2E)/(2E), upper qchisq(p, 2(E+1))/(2E)."""
    df = 2 * (e + 1) if upper else 2 * e
    return stats.chi2.ppf(p, df) / (2 * e)


def wilson(n, t, z):
    c = 2 * n * t + z * z
    h = z * math.sqrt(z * z + 4 * n * t * (1 - t))
    d = 2 * (n + z * z)
    return (c - h) / d, (c + h) / d


def arcsine_limits(n, t, z, sd=None):
    s = sd if sd is not None else 1 / (2 * math.sqrt(n))
    T = math.asin(math.sqrt(t))
    clamp = lambda v: min(max(v, 0.0), math.pi / 2)
    return math.sin(clamp(T - z * s)) ** 2, math.sin(clamp(T + z * s)) ** 2


def sqrt_limits(sd, z):
    return max(1 - z * sd, 0.0) ** 2, max(1 + z * sd, 0.0) ** 2


def od(z, s, trim=0.1):
    """Winsorise at R type-7 quantiles trim, 1-trim; phi = mean(zw^2); DerSimonian-Laird tau2."""
    z = np.asarray(z, float)
    lo, hi = np.quantile(z, [trim, 1 - trim])  # numpy default 'linear' == R type 7
    zw = np.clip(z, lo, hi)
    I = len(z)
    phi = float(np.sum(zw ** 2) / I)
    w = 1 / np.asarray(s, float) ** 2
    tau2 = max(0.0, (I * phi - (I - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    return phi, tau2


out = {"scipy": stats.__name__ and __import__("scipy").__version__}

# 1. Limits at single sizes.
levels = [95.0, 99.8, 90.0]
rows = []
for n in [1, 2, 5, 20, 100, 1000, 12345]:
    for t in [0.03, 0.2, 0.5]:
        for L in levels:
            a = 1 - L / 100
            z = zmult(L)
            wl, wh = wilson(n, t, z)
            al, ah = arcsine_limits(n, t, z)
            rows.append({"n": n, "target": t, "level": L,
                         "exact": [exact_binomial(n, t, a / 2), exact_binomial(n, t, 1 - a / 2)],
                         "wilson": [wl, wh], "normal": [al, ah]})
out["proportion_limits"] = rows
rows = []
for e in [0.3, 1.0, 4.5, 20.0, 150.0, 2500.0]:
    for L in levels:
        a = 1 - L / 100
        z = zmult(L)
        rows.append({"expected": e, "level": L,
                     "exact": [exact_poisson(e, a / 2), exact_poisson(e, 1 - a / 2)],
                     "gamma": [exact_poisson_ratio(e, a / 2, False), exact_poisson_ratio(e, 1 - a / 2, True)],
                     "normal": list(sqrt_limits(1 / (2 * math.sqrt(e)), z))})
out["ratio_limits"] = rows

# 2. A proportion funnel with a zero numerator and a tiny denominator: z, phi, tau2, adjusted limits.
units = [("A", 0, 7), ("B", 3, 40), ("C", 12, 95), ("D", 30, 180), ("E", 9, 210), ("F", 44, 260),
         ("G", 20, 300), ("H", 75, 420), ("I", 41, 500), ("J", 60, 640), ("K", 150, 800), ("L", 70, 1000)]
t0 = sum(u[1] for u in units) / sum(u[2] for u in units)
T = math.asin(math.sqrt(t0))
s = [1 / (2 * math.sqrt(u[2])) for u in units]
z = [(math.asin(math.sqrt(u[1] / u[2])) - T) / si for u, si in zip(units, s)]
phi, tau2 = od(z, s)
res = {"units": [{"unit": u[0], "observed": u[1], "denominator": u[2]} for u in units],
       "target": t0, "z": z, "phi": phi, "tau2": tau2, "per_unit": []}
for u, si in zip(units, s):
    n = u[2]
    entry = {"unit": u[0]}
    for L in [95.0, 99.8]:
        a = 1 - L / 100
        zz = zmult(L)
        entry[str(L)] = {
            "exact": [exact_binomial(n, t0, a / 2), exact_binomial(n, t0, 1 - a / 2)],
            "wilson": list(wilson(n, t0, zz)),
            "normal": list(arcsine_limits(n, t0, zz)),
            "phi": list(arcsine_limits(n, t0, zz, math.sqrt(phi) * si if phi > 1 else si)),
            "tau2": list(arcsine_limits(n, t0, zz, math.sqrt(si * si + tau2))),
        }
    entry["z_tau2"] = (math.asin(math.sqrt(u[1] / n)) - T) / math.sqrt(si * si + tau2)
    res["per_unit"].append(entry)
out["proportion_funnel"] = res

# 3. The real LA panel: children looked after at 31 March 2022 per 10,000 children aged 0-16.
panel = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/la-panel/merged_data.csv"
import csv
la = []
with open(panel, newline="") as f:
    for r in csv.DictReader(f):
        if r["time_period"] == "2022" and r["at31_cla"] not in ("", "NA") and r["population_0_16"] not in ("", "NA"):
            la.append((r["la_name"], int(float(r["at31_cla"])), float(r["population_0_16"])))
theta = sum(u[1] for u in la) / sum(u[2] for u in la)
per = 10000.0
E = [theta * u[2] for u in la]
s = [1 / (2 * math.sqrt(e)) for e in E]
z = [(math.sqrt(u[1] / e) - 1) / si for u, e, si in zip(la, E, s)]
phi, tau2 = od(z, s)
pick = ["Isles of Scilly", "City of London", "Rutland", "Blackpool", "Birmingham", "Kent", "Merton"]
per_unit = []
for (name, o, n), e, si, zi in zip(la, E, s, z):
    if name not in pick:
        continue
    entry = {"unit": name, "observed": o, "denominator": n, "estimate": o / n * per, "z": zi}
    for L in [95.0, 99.8]:
        a = 1 - L / 100
        zz = zmult(L)
        sc = theta * per
        entry[str(L)] = {
            "exact": [exact_poisson(e, a / 2) * sc, exact_poisson(e, 1 - a / 2) * sc],
            "gamma": [exact_poisson_ratio(e, a / 2, False) * sc, exact_poisson_ratio(e, 1 - a / 2, True) * sc],
            "tau2": [v * sc for v in sqrt_limits(math.sqrt(si * si + tau2), zz)],
        }
    per_unit.append(entry)
out["la_cla_2022"] = {"units": len(la), "target_per_10000": theta * per, "phi": phi, "tau2": tau2,
                      "per_unit": per_unit}

with open(os.path.join(HERE, "funnel_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote", len(out["proportion_limits"]), "proportion rows,", len(out["ratio_limits"]), "ratio rows,",
      len(la), "LAs; phi", phi, "tau2", tau2)
