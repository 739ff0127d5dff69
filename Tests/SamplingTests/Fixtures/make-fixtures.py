#!/usr/bin/env python3
"""Reference values for the Sampling tests (run by make-fixtures.sh; scipy 1.17, mpmath 1.3).

Writes reference_values.csv with rows kind,parameter,value (values printed with 17 significant digits):
  chisq_0.999,df,x       upper 0.1 % point of the chi-square distribution, scipy.stats.chi2.isf(0.001, df),
                         df = 1..2100
  ks_0.999,n,d           upper 0.1 % point of the exact one-sample Kolmogorov-Smirnov statistic D_n,
                         scipy.stats.kstwo.isf(0.001, n), for the sample sizes the tests use
  normal_quantile,p,z    standard normal quantile Phi^-1(p) computed by mpmath at 40 digits
                         (root of log Phi(z) = log p), to check the AS 241 transcription
"""
import sys
import os
import mpmath
from scipy import special, stats

mpmath.mp.dps = 40
out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rows = []
for df in range(1, 2101):
    rows.append(("chisq_0.999", str(df), stats.chi2.isf(0.001, df)))
for n in (2000, 5000, 10000, 20000):
    rows.append(("ks_0.999", str(n), stats.kstwo.isf(0.001, n)))
ps = ["2^-65", "1e-300", "1e-100", "1e-20", "1e-15", "1e-10", "1e-5", "0.001", "0.01", "0.02425", "0.05",
      "0.0749", "0.075", "0.0751", "0.1", "0.2", "0.3", "0.4", "0.45", "0.49", "0.4999", "0.5"]
for text in ps:
    p = mpmath.mpf(2) ** -65 if text == "2^-65" else mpmath.mpf(text)
    # The test converts the same decimal text to Double; use that exact binary value here too.
    p = mpmath.mpf(float(p))
    # Solve log Phi(z) = log p by Newton iteration from scipy's ndtri (40-digit arithmetic throughout).
    z = mpmath.findroot(lambda z: mpmath.log(mpmath.ncdf(z)) - mpmath.log(p), float(special.ndtri(float(p))))
    assert abs(mpmath.ncdf(z) / p - 1) < mpmath.mpf("1e-30")
    rows.append(("normal_quantile", "%.17g" % float(p), float(z)))

with open(os.path.join(out_dir, "reference_values.csv"), "w") as f:
    f.write("kind,parameter,value\n")
    for kind, param, value in rows:
        f.write("%s,%s,%.17g\n" % (kind, param, value))
