"""Sequences of unequal length (TraMineR's void: a sequence ends at its last state) and their OM and LCS distances
by a plain, independent dynamic programme in Python (no sequenzo: sequenzo 0.1.42 treats end padding as an extra
state, not as void, so it cannot serve as the reference here).

Run from this directory:  python make_unequal_fixtures.py   (numpy only; seed 12)
Writes unequal_long.csv (id, time, state; 30 ids, lengths 10-40, 4 states in runs) and
dist_unequal_om_const2_indel1.5.csv, dist_unequal_lcs.csv (30 x 30, 17 significant digits).
"""
import numpy as np

rng = np.random.default_rng(12)
seqs = []
for i in range(30):
    L = int(rng.integers(10, 41))
    s = [str(rng.choice(["A", "B", "C", "D"]))]
    while len(s) < L:
        s.append(s[-1] if rng.random() < 0.85 else str(rng.choice(["A", "B", "C", "D"])))
    seqs.append(s)

with open("unequal_long.csv", "w") as f:
    f.write("id,time,state\n")
    for i, s in enumerate(seqs):
        for t, x in enumerate(s):
            f.write(f"u{i + 1},{t + 1},{x}\n")

def om(a, b, sub, indel):
    m, n = len(a), len(b)
    D = np.zeros((m + 1, n + 1))
    D[:, 0] = np.arange(m + 1) * indel
    D[0, :] = np.arange(n + 1) * indel
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            D[i, j] = min(D[i - 1, j] + indel, D[i, j - 1] + indel, D[i - 1, j - 1] + (0 if a[i - 1] == b[j - 1] else sub))
    return D[m, n]

def lcs(a, b):
    m, n = len(a), len(b)
    L = np.zeros((m + 1, n + 1), dtype=int)
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            L[i, j] = L[i - 1, j - 1] + 1 if a[i - 1] == b[j - 1] else max(L[i - 1, j], L[i, j - 1])
    return m + n - 2 * L[m, n]

N = len(seqs)
np.savetxt("dist_unequal_om_const2_indel1.5.csv", [[om(seqs[i], seqs[j], 2, 1.5) for j in range(N)] for i in range(N)],
           delimiter=",", fmt="%.17g")
np.savetxt("dist_unequal_lcs.csv", [[lcs(seqs[i], seqs[j]) for j in range(N)] for i in range(N)], delimiter=",", fmt="%.17g")
