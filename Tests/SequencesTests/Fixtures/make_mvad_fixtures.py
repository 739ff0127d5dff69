"""Reference values for Tests/SequencesTests from sequenzo (the Python port of TraMineR/WeightedCluster).

Run from this directory:  pip install sequenzo==0.1.42 && python make_mvad_fixtures.py
Writes (all small, committed):
  mvad_long.csv          the first N sequences of TraMineR's `mvad` (712 x 72, shipped with sequenzo) in long form
                         (id, time, state), rows in id-then-time order; `mvad_weights.csv` their survey weights.
  dist_<name>.csv        sequenzo's full (DHD: see below) N x N distance matrix for that method (17 significant digits, no header).
  ward.json              scipy linkage(method="ward") (= R hclust ward.D2): merge heights and cut sizes.
  quality.json           sequenzo compute_partition_quality (WeightedCluster ASW, ASWw, PBC, HC) of those PAM partitions.
  pam.json               sequenzo KMedoids (PAMonce, BUILD start) on dist_om_const2_indel1 with k = 4 and 6,
                         unweighted and weighted: 1-based medoid rows and the objective (sum of weighted
                         distances to the medoid).
"""
import json
import numpy as np
import pandas as pd
from sequenzo import load_dataset, SequenceData, get_distance_matrix
from sequenzo.clustering import KMedoids, compute_partition_quality

N = 100
df = load_dataset("mvad").iloc[:N].reset_index(drop=True)
time_cols = list(df.columns[14:])
assert len(time_cols) == 72, len(time_cols)
states = sorted(set(df[time_cols].values.ravel()))

long = df.melt(id_vars=["id"], value_vars=time_cols, var_name="month", value_name="state")
long["time"] = long["month"].map({c: i + 1 for i, c in enumerate(time_cols)})
long = long.sort_values(["id", "time"])[["id", "time", "state"]]
long.to_csv("mvad_long.csv", index=False)
df[["id", "weight"]].to_csv("mvad_weights.csv", index=False)

seq = SequenceData(df, time=time_cols, states=states, id_col="id")

def save(name, m):
    m = np.asarray(m, dtype=float)
    assert m.shape == (N, N)
    np.savetxt(f"dist_{name}.csv", m, delimiter=",", fmt="%.17g")
    return m

save("om_const2_indel1", get_distance_matrix(seq, method="OM", sm="CONSTANT", indel=1))
save("om_const2_indel1.5", get_distance_matrix(seq, method="OM", sm="CONSTANT", indel=1.5))
save("om_trate_indelauto", get_distance_matrix(seq, method="OM", sm="TRATE", indel="auto"))
save("om_trate_indel1", get_distance_matrix(seq, method="OM", sm="TRATE", indel=1))
save("ham", get_distance_matrix(seq, method="HAM"))
# sequenzo 0.1.42's DHD segfaults (C++ kernel); the reference is sequenzo's own time-varying TRATE cost array
# (cval 4, TraMineR's DHD default) summed position by position in numpy: DHD(a, b) = sum_t sm[t, a_t, b_t].
from sequenzo.dissimilarity_measures.get_substitution_cost_matrix import get_substitution_cost_matrix
sm = np.asarray(get_substitution_cost_matrix(seq, "TRATE", time_varying=True)["sm"], dtype=float)
codes = seq.seqdata.to_numpy(dtype=int)
T = codes.shape[1]
dhd = np.zeros((N, N))
for t in range(T):
    dhd += sm[t][codes[:, t][:, None], codes[:, t][None, :]]
save("dhd", dhd)
save("lcs", get_distance_matrix(seq, method="LCS"))

d = np.loadtxt("dist_om_const2_indel1.csv", delimiter=",")
w = df["weight"].to_numpy(dtype=float)
out = {}
for k in (4, 6):
    for label, weights in (("unweighted", np.ones(N)), ("weighted", w)):
        r = KMedoids(d, k, weights=weights, method="PAMonce", verbose=False)
        labels = np.asarray(r).astype(int)   # 1-based medoid row of each observation
        medoids = sorted(set(labels.tolist()))
        obj = float(sum(weights[i] * d[i, labels[i] - 1] for i in range(N)))
        out[f"k{k}_{label}"] = {"medoids": medoids, "objective": obj}
with open("pam.json", "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps(out))

# Ward's method as R's hclust(method = "ward.D2") = scipy's linkage(method = "ward") on the distances: the merge
# heights (ascending) and the cluster sizes (descending) when the tree is cut at k = 4 and 6.
import scipy
from scipy.cluster.hierarchy import linkage, fcluster
from scipy.spatial.distance import squareform
ward = {"scipy": scipy.__version__}
for name in ("om_const2_indel1", "om_trate_indelauto"):
    d = np.loadtxt(f"dist_{name}.csv", delimiter=",")
    Z = linkage(squareform(d, checks=False), method="ward")
    entry = {"heights": sorted(Z[:, 2].tolist())}
    for k in (4, 6):
        labels = fcluster(Z, k, criterion="maxclust")
        entry[f"sizes_k{k}"] = sorted(np.bincount(labels)[1:].tolist(), reverse=True)
    ward[name] = entry
with open("ward.json", "w") as f:
    json.dump(ward, f)

# WeightedCluster's quality indicators (sequenzo compute_partition_quality) of the PAM partitions above, on the same
# matrix: ASW (and ASWw), PBC, HC, unweighted and weighted. KMedoids breaks ties between equidistant medoids
# differently from run to run (threads), so the partition is rebuilt from pam.json's medoids with a fixed rule:
# each row to its nearest medoid, ties to the lowest medoid row (as the Swift code).
d = np.loadtxt("dist_om_const2_indel1.csv", delimiter=",")
quality = {}
for k in (4, 6):
    for label, weights in (("unweighted", None), ("weighted", w)):
        medoids = np.asarray(out[f"k{k}_{label}"]["medoids"]) - 1
        labels = np.argmin(d[:, medoids], axis=1) + 1
        q = compute_partition_quality(d, labels, weights)
        quality[f"k{k}_{label}"] = {m: float(q[m]) for m in ("ASW", "ASWw", "PBC", "HC")}
with open("quality.json", "w") as f:
    json.dump(quality, f, indent=1)
