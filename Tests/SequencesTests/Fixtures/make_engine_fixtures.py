"""Reference values for Tests/SequencesTests/{SpellAndNormalisationReferenceTests,LinkageReferenceTests}.swift.

Run from this directory after make_mvad_fixtures.py (it reads mvad_long.csv, the first 100 mvad sequences):
    pip install sequenzo==0.1.42 scipy && python make_engine_fixtures.py
Writes (small, committed):
  sub_user.csv                 a user substitution matrix over mvad's six states (states as header and first column)
  dist_engine_<name>.csv       sequenzo 0.1.42 get_distance_matrix for OMspell, normalised OM/LCS/HAM and OM with the
                               user matrix (100 x 100, 17 significant digits, no header).
  linkage.json                 scipy linkage(method = "average" | "complete") (= R hclust) merge heights, ascending.
"""
import json
import numpy as np
import pandas as pd
import scipy
from scipy.cluster.hierarchy import linkage, fcluster
from scipy.spatial.distance import squareform
from sequenzo import SequenceData, get_distance_matrix

long = pd.read_csv("mvad_long.csv")
wide = long.pivot(index="id", columns="time", values="state")
order = list(dict.fromkeys(long["id"]))
wide = wide.loc[order].reset_index()
time_cols = [c for c in wide.columns if c != "id"]
wide.columns = ["id"] + [f"t{c}" for c in time_cols]
time_cols = [f"t{c}" for c in time_cols]
states = sorted(set(long["state"]))
seq = SequenceData(wide, time=time_cols, states=states, id_col="id")
N = len(wide)

# A user matrix: symmetric, zero diagonal, costs between 0.5 and 2 by a fixed rule.
S = len(states)
user = np.zeros((S, S))
for i in range(S):
    for j in range(S):
        if i != j:
            user[i, j] = 0.5 + ((i + 1) * (j + 1) % 7) / 4.0
pd.DataFrame(user, index=states, columns=states).to_csv("sub_user.csv", float_format="%.17g")

def save(name, m):
    m = np.asarray(m, dtype=float)
    assert m.shape == (N, N), m.shape
    np.savetxt(f"dist_engine_{name}.csv", m, delimiter=",", fmt="%.17g")

save("omspell_const2_indel1", get_distance_matrix(seq, method="OMspell", sm="CONSTANT", indel=1))
save("omspell_trate_auto_exp1_tpow0.5", get_distance_matrix(seq, method="OMspell", sm="TRATE", indel="auto", expcost=1.0, tpow=0.5))
save("omspell_const2_indel1_yujianbo", get_distance_matrix(seq, method="OMspell", sm="CONSTANT", indel=1, norm="auto"))
for norm in ("maxlength", "gmean", "maxdist", "YujianBo"):
    save(f"om_const2_indel1.5_{norm}", get_distance_matrix(seq, method="OM", sm="CONSTANT", indel=1.5, norm=norm))
save("om_trate_auto_maxlength", get_distance_matrix(seq, method="OM", sm="TRATE", indel="auto", norm="auto"))
save("lcs_gmean", get_distance_matrix(seq, method="LCS", norm="auto"))
save("ham_maxlength", get_distance_matrix(seq, method="HAM", norm="auto"))
save("om_user_indelauto", get_distance_matrix(seq, method="OM", sm=user, indel="auto"))

out = {"scipy": scipy.__version__}
for name in ("om_const2_indel1.5", "om_trate_indelauto"):
    d = np.loadtxt(f"dist_{name}.csv", delimiter=",")
    for method in ("average", "complete"):
        Z = linkage(squareform(d, checks=False), method=method)
        entry = {"heights": sorted(Z[:, 2].tolist())}
        for k in (4, 6):
            labels = fcluster(Z, k, criterion="maxclust")
            entry[f"sizes_k{k}"] = sorted(np.bincount(labels)[1:].tolist(), reverse=True)
        out[f"{name}_{method}"] = entry
with open("linkage.json", "w") as f:
    json.dump(out, f)
