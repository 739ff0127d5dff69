#!/usr/bin/env python3
"""High-precision values (mpmath, 40 significant digits) on the grid of incomplete-gamma.csv (written by
make-gamma-fixtures.R), so the tests can tell R 4.2.2's own rounding errors from ours. Writes
incomplete-gamma-mpmath.csv with the same columns. Run after the R script: python3 make-gamma-mpmath.py

mpmath.gammainc is used where it converges; for very large a with x near a (where its hypergeometric
series gives up or takes minutes per point) the smaller tail is summed here directly at the same precision: for x < a the series
P = x^a e^-x / Gamma(a+1) * sum_k x^k / ((a+1)...(a+k)), for x >= a Legendre's continued fraction for Q
(A&S 6.5.31), both of which converge (slowly, but exactly) at any a.
"""
import csv
import mpmath as mp

mp.mp.dps = 40


def g(v):
    if v == mp.inf:
        return "Inf"
    if v == -mp.inf:
        return "-Inf"
    return "%.17g" % float(v)


def smaller_tail_direct(a, x):
    """(P, Q) with the smaller one summed directly."""
    if x < a:
        term = mp.mpf(1)
        s = mp.mpf(1)
        k = 1
        while True:
            term *= x / (a + k)
            s += term
            if term < s * mp.mpf(10) ** (-42):
                break
            k += 1
        logp = a * mp.log(x) - x - mp.loggamma(a + 1) + mp.log(s)
        P = mp.exp(logp)
        return P, 1 - P
    # Modified Lentz for 1/(x+1-a - 1(1-a)/(x+3-a - 2(2-a)/(...))).
    tiny = mp.mpf(10) ** (-300)
    b0 = x + 1 - a
    f = b0 if b0 != 0 else tiny
    c, d = f, mp.mpf(0)
    n = 1
    while True:
        an = -n * (n - a)
        bn = b0 + 2 * n
        d = bn + an * d
        d = d if d != 0 else tiny
        c = bn + an / c
        c = c if c != 0 else tiny
        d = 1 / d
        delta = c * d
        f *= delta
        if abs(delta - 1) < mp.mpf(10) ** (-40):
            break
        n += 1
    logq = a * mp.log(x) - x - mp.loggamma(a) - mp.log(f)
    Q = mp.exp(logq)
    return 1 - Q, Q


rows = list(csv.DictReader(open("incomplete-gamma.csv")))
with open("incomplete-gamma-mpmath.csv", "w") as out:
    out.write("a,x,P,Q,logP,logQ,density,logDensity\n")
    for r in rows:
        # The exact doubles the tests use (a decimal string would be read exactly, not rounded to a double).
        a, x = mp.mpf(float(r["a"])), mp.mpf(float(r["x"]))
        try:
            if a >= 1e5 and abs(x - a) < 0.3 * a:
                # mpmath's hypergeometric evaluation takes minutes per point here.
                raise mp.libmp.NoConvergence
            P = mp.gammainc(a, 0, x, regularized=True)
            Q = mp.gammainc(a, x, mp.inf, regularized=True)
            # The larger one as 1 - the smaller.
            if P < Q:
                Q = 1 - P
            else:
                P = 1 - Q
        except mp.libmp.NoConvergence:
            P, Q = smaller_tail_direct(a, x)
        # Log of the larger tail as log1p(-smaller), exact even when the smaller is below 10^-40.
        logP = mp.log(P) if P <= Q else mp.log1p(-Q)
        logQ = mp.log(Q) if Q <= P else mp.log1p(-P)
        logd = (a - 1) * mp.log(x) - x - mp.loggamma(a)
        out.write(",".join([r["a"], r["x"], g(P), g(Q), g(logP), g(logQ), g(mp.exp(logd)), g(logd)]) + "\n")
        out.flush()
print(len(rows), "rows")
