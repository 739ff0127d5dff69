#!/usr/bin/env python3
"""Reference values for Tests/ComparisonTests/PredictiveLimitReferenceTests.swift: beta-binomial and negative-binomial
predictive funnel limits, written independently of the Swift code.

- Limits given the dispersion: the pmf from its closed form in mpmath at 50 digits (no recurrence), the CDF summed
  term by term, then Spiegelhalter's (2005, appendix A.1) interpolation: r = smallest count with F(r) >= p,
  a = (F(r) - p)/(F(r) - F(r-1)), limit max(0, r - a)/n (or /E).
- The dispersion: maximum likelihood with the mean held at the funnel target, solved with scipy.optimize.brentq on
  the score (scipy.special.digamma) and confirmed with scipy.optimize.minimize_scalar on the log-likelihood
  (scipy.special.betaln / gammaln). The negative-binomial size is also what R's MASS::theta.ml(y, mu) returns.

Run: python3 make_predictive_fixtures.py   (scipy 1.16.3, mpmath 1.3.0)  -> predictive_reference.json
"""
import json, math, os
import mpmath as mp
from scipy import optimize, special

mp.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))


def interpolated(pmf, ps, maxcount):
    out = {}
    F = mp.mpf(0)
    r = 0
    todo = sorted(ps)
    while todo and r <= maxcount:
        Fprev = F
        F += pmf(r)
        if r == maxcount:
            F = mp.mpf(1)
        while todo and F >= todo[0]:
            p = mp.mpf(todo[0])
            a = (F - p) / (F - Fprev)
            out[todo[0]] = max(mp.mpf(0), r - a)
            todo.pop(0)
        r += 1
    return [out[p] for p in ps]


def bb_limits(n, t, M, level):
    t, M = mp.mpf(t), mp.mpf(M)
    a, b = t * M, (1 - t) * M
    pmf = lambda k: mp.binomial(n, k) * mp.beta(k + a, n - k + b) / mp.beta(a, b)
    al = 1 - mp.mpf(level) / 100
    ps = [float(al / 2), float(1 - al / 2)]
    return [float(q / n) for q in interpolated(pmf, ps, n)]


def nb_limits(E, k, level):
    E, k = mp.mpf(E), mp.mpf(k)
    pmf = lambda j: mp.gamma(j + k) / (mp.gamma(k) * mp.factorial(j)) * (k / (k + E)) ** k * (E / (k + E)) ** j
    al = 1 - mp.mpf(level) / 100
    ps = [float(al / 2), float(1 - al / 2)]
    return [float(q / E) for q in interpolated(pmf, ps, 10**9)]


def bb_ml(y, n, t):
    def score(x):
        M = math.exp(x)
        a, b = t * M, (1 - t) * M
        return sum(t * (special.digamma(yi + a) - special.digamma(a)) + (1 - t) * (special.digamma(ni - yi + b) - special.digamma(b))
                   - (special.digamma(ni + M) - special.digamma(M)) for yi, ni in zip(y, n))

    def nll(x):
        M = math.exp(x)
        a, b = t * M, (1 - t) * M
        return -sum(special.betaln(yi + a, ni - yi + b) - special.betaln(a, b) for yi, ni in zip(y, n))
    m = optimize.minimize_scalar(nll, bounds=(-12, 20), method="bounded", options={"xatol": 1e-10})
    x = optimize.brentq(score, m.x - 0.05, m.x + 0.05, xtol=1e-15, rtol=1e-15)
    assert abs(x - m.x) < 1e-4
    return math.exp(x)


def nb_ml(y, mu):
    def score(x):
        k = math.exp(x)
        return sum(special.digamma(yi + k) - special.digamma(k) - math.log1p(m / k) + (m - yi) / (k + m) for yi, m in zip(y, mu))

    def nll(x):
        k = math.exp(x)
        return -sum(special.gammaln(yi + k) - special.gammaln(k) - k * math.log1p(m / k) + yi * math.log(m / (k + m)) for yi, m in zip(y, mu))
    m = optimize.minimize_scalar(nll, bounds=(-12, 20), method="bounded", options={"xatol": 1e-10})
    x = optimize.brentq(score, m.x - 0.05, m.x + 0.05, xtol=1e-15, rtol=1e-15)
    assert abs(x - m.x) < 1e-4
    return math.exp(x)


out = {}
# Limits given the dispersion: tiny and moderate denominators, small and large precision, several levels.
out["betabinomial_limits"] = [
    {"n": n, "target": t, "precision": M, "level": L, "limits": bb_limits(n, t, M, L)}
    for (n, t, M) in [(1, 0.3, 5.0), (2, 0.05, 20.0), (10, 0.2, 3.5), (57, 0.08, 40.0), (250, 0.31, 12.0),
                      (1200, 0.015, 300.0), (800, 0.5, 1000.0)]
    for L in (95.0, 99.8, 90.0)]
out["negbin_limits"] = [
    {"expected": E, "size": k, "level": L, "limits": nb_limits(E, k, L)}
    for (E, k) in [(0.4, 2.0), (3.2, 10.0), (17.5, 4.0), (120.0, 25.0), (640.3, 80.0), (55.0, 1e4)]
    for L in (95.0, 99.8, 90.0)]

# Dispersion by ML: units with zero numerators and tiny denominators.
y = [0, 1, 3, 12, 7, 30, 2, 0, 45, 19, 5, 60, 9, 14, 1, 25]
n = [3, 1, 40, 90, 120, 150, 25, 12, 200, 160, 80, 300, 70, 100, 2, 140]
t = sum(y) / sum(n)
out["betabinomial_ml"] = {"observed": y, "denominator": n, "target": t, "precision": bb_ml(y, n, t)}

yr = [0, 4, 17, 32, 9, 51, 120, 3, 66, 28, 75, 13, 40, 2]
pop = [900.0, 4100.5, 12000.0, 20500.0, 8800.0, 30100.0, 61000.0, 1500.0, 35000.0, 25000.0, 41000.0, 9900.0, 27000.0, 600.0]
th = sum(yr) / sum(pop)
mu = [th * p for p in pop]
out["negbin_ml"] = {"observed": yr, "denominator": pop, "target": th, "size": nb_ml(yr, mu)}
# The predictive limits of that rate funnel at each unit, 95 and 99.8 (ratio scale; rate = ratio x target x per).
out["negbin_ml"]["limits"] = [[nb_limits(m, out["negbin_ml"]["size"], L) for L in (95.0, 99.8)] for m in mu]
out["betabinomial_ml"]["limits"] = [[bb_limits(ni, t, out["betabinomial_ml"]["precision"], L) for L in (95.0, 99.8)] for ni in n]

with open(os.path.join(HERE, "predictive_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
