"""Reference Gauss-Hermite nodes and weights for the Optimization tests.

Run from this directory:  python3 make-gauss-hermite.py
Writes gauss-hermite.csv with columns n,i,numpy_node,numpy_weight,mp_node,mp_weight:
  numpy_*  numpy.polynomial.hermite.hermgauss(n) (weight exp(-x^2)), printed with repr (17 significant digits);
  mp_*     the same rule to 40 digits with mpmath: numpy's nodes polished by Newton's method on H_n at 60-digit
           precision, weights w_i = 2^(n-1) n! sqrt(pi) / (n^2 H_{n-1}(x_i)^2) (Abramowitz & Stegun 25.4.46),
           rounded to 20 significant digits.
"""
import numpy as np
import mpmath as mp

mp.mp.dps = 60
orders = [1, 2, 3, 4, 5, 10, 20, 32, 50, 64, 100]
with open("gauss-hermite.csv", "w") as out:
    out.write("n,i,numpy_node,numpy_weight,mp_node,mp_weight\n")
    for n in orders:
        x, w = np.polynomial.hermite.hermgauss(n)
        for i in range(n):
            z = mp.mpf(float(x[i]))
            for _ in range(50):
                step = mp.hermite(n, z) / (2 * n * mp.hermite(n - 1, z))
                z -= step
                if abs(step) < mp.mpf(10) ** -50:
                    break
            wz = 2 ** (n - 1) * mp.factorial(n) * mp.sqrt(mp.pi) / (n ** 2 * mp.hermite(n - 1, z) ** 2)
            out.write(f"{n},{i},{float(x[i])!r},{float(w[i])!r},{mp.nstr(z, 20, min_fixed=1, max_fixed=0)},"
                      f"{mp.nstr(wz, 20, min_fixed=1, max_fixed=0)}\n")
print("numpy", np.__version__, "mpmath", mp.__version__)
