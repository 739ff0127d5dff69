#!/usr/bin/env python3
"""Reference values for the special functions in Sources/Distributions, computed with mpmath at 60 digits.

mpmath (not R) is the reference here because R's lgamma/digamma lose relative accuracy next to their zeros
(R computes lgamma(x) as log(gamma(x)) for |x| <= 10). Output: special-functions.csv with columns
function,x,y,value where y is the second argument (bd0 only, else empty); values printed with 17
significant digits ("%.17g"), i.e. correctly rounded doubles.

Run: python3 make-special-fixtures.py   (from this directory)
"""
import mpmath as mp

mp.mp.dps = 60


def g(v):
    return "%.17g" % float(v)


rows = []


def add(name, x, value, y=None):
    rows.append((name, g(x), "" if y is None else g(y), g(value)))


lg_x = [1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999999, 1.0 - 2.0**-40,
        1.0, 1.0 + 2.0**-40, 1.000001, 1.01, 1.1, 1.25, 1.4616321449683622, 1.5, 1.75, 1.9, 1.99,
        1.999999, 2.0 - 2.0**-40, 2.0, 2.0 + 2.0**-40, 2.000001, 2.01, 2.1, 2.5, 3, 3.5, 4.7, 6.2, 7.9,
        9.99, 10, 10.5, 12.3, 15, 20.7, 50, 100.25, 1e3, 12345.678, 1e5, 1e7, 1e10, 1e15, 1e20, 1e100,
        1e200, 1e300, 2e305,
        -1e-300, -1e-10, -0.1, -0.5, -0.9, -1.5, -2.5, -3.25, -10.5, -100.3, -1000.7]
for x in lg_x:
    add("logGamma", x, mp.log(abs(mp.gamma(mp.mpf(x)))) if abs(x) < 1e5 else mp.loggamma(mp.mpf(x)).real)

for a in [-0.5, -0.4, -0.25, -0.1, -1e-3, -1e-8, -1e-20, 1e-300, 1e-20, 1e-8, 1e-3, 0.1, 0.25, 0.4, 0.5,
          0.6, 0.9, 1.5, 3.0, 10.0, -0.75]:
    add("logGamma1p", a, mp.loggamma(1 + mp.mpf(a)))

for x in [-0.999, -0.9, -0.79149064, -0.5, -0.1, -1e-2, -1e-5, -1e-10, -1e-100, 1e-100, 1e-10, 1e-5,
          9.99e-3, 1e-2, 0.05, 0.3, 0.7, 1.0, 1.5, 10.0, 1e10]:
    add("log1pmx", x, mp.log1p(mp.mpf(x)) - mp.mpf(x))

for n in [1e-300, 1e-10, 1e-3, 0.1, 0.3, 0.5, 0.7, 1, 1.3, 2, 2.5, 3.7, 5, 7.25, 9.999, 10, 10.5, 14.2, 15,
          15.5, 20, 33.3, 50, 99.9, 500, 1e3, 1e5, 1e8, 1e12, 1e15]:
    n_ = mp.mpf(n)
    add("stirlingError", n, mp.loggamma(n_ + 1) - (n_ + mp.mpf(0.5)) * mp.log(n_) + n_ - mp.log(2 * mp.pi) / 2)

for x, np_ in [(0, 3.5), (1, 1), (1, 1.01), (1, 1.2), (1, 0.5), (10, 9.9), (10, 10.0001), (10, 12), (10, 100),
               (1e3, 999), (1e3, 1100), (1e6, 1e6 + 1), (1e6, 1.001e6), (1e10, 1e10 + 3e5), (5.5, 0.01),
               (0.3, 7), (100, 1e-5), (1e-5, 100), (1e15, 1e15 + 1)]:
    x_, n_ = mp.mpf(x), mp.mpf(np_)
    v = n_ if x == 0 else x_ * mp.log(x_ / n_) + n_ - x_
    add("bd0", x, v, np_)

for x in [1e-300, 1e-10, 0.01, 0.3, 0.5, 1, 1.2, 1.4, 1.46, 1.4616321449683622, 1.47, 1.5, 1.7, 2, 3, 5.5,
          9.9, 10, 12, 30.5, 1e3, 1e6, 1e10, 1e100, -0.5, -1.5, -2.3, -10.9, -1e-8]:
    add("digamma", x, mp.digamma(mp.mpf(x)))

for x in [1e-300, 1e-10, 0.01, 0.3, 1, 1.5, 2, 3.3, 9.9, 10, 25, 1e3, 1e6, 1e10, 1e100, -0.5, -1.5, -2.3,
          -10.9, -1e-8]:
    add("trigamma", x, mp.polygamma(1, mp.mpf(x)))

for x in [0, 1e-300, 1e-20, 1e-8, 0.01, 0.1, 0.3, 0.46875, 0.47, 0.5, 0.8, 1, 1.5, 2, 2.5, 3, 3.9, 4, 4.1,
          5, 6, 8, -0.2, -1, -3]:
    add("erf", x, mp.erf(mp.mpf(x)))

for x in [0, 1e-20, 1e-8, 0.1, 0.3, 0.46875, 0.47, 0.5, 0.8, 1, 1.5, 2, 3, 3.9, 4, 4.1, 5, 6, 8, 10, 15, 20,
          25, 26, 26.5, 26.6, -0.2, -1, -3, -10]:
    add("erfc", x, mp.erfc(mp.mpf(x)))

with open("special-functions.csv", "w") as f:
    f.write("function,x,y,value\n")
    for r in rows:
        f.write(",".join(r) + "\n")
print(len(rows), "rows")
