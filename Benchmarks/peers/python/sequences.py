"""sequenzo peer for the sequence benchmarks (Benchmarks/sequences.py): the same long CSV as carestat, the same
distance or clustering, timed inside (the whole process is timed by the runner too).

    python3 sequences.py distances FILE --method OM --indel 1.5 [--threads 1]
    python3 sequences.py distances FILE --method LCS
    python3 sequences.py ward FILE --k 6        (OM sub 2 indel 1 matrix untimed, hclust ward.D2 via fastcluster/scipy timed)
    python3 sequences.py pam FILE --k 6         (KMedoids PAMonce timed)
    python3 sequences.py ward|pam --matrix D.npy --k 6   (the n × n matrix carestat wrote, read with numpy: the
                                                          clustering of the same matrix from file, read + cluster timed)
Prints one JSON line: seconds, checksum (sum of the upper triangle, or the PAM objective).
"""
import argparse, json, os, sys, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("job")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--matrix", help="cluster this .npy n x n matrix (from carestat sequences distances) instead of FILE")
    ap.add_argument("--method", default="OM")
    ap.add_argument("--indel", type=float, default=1.0)
    ap.add_argument("--k", type=int, default=6)
    a = ap.parse_args()
    t0 = time.perf_counter()
    import numpy as np
    if a.matrix:
        from sequenzo.clustering import Cluster, KMedoids
        t1 = time.perf_counter()
        d = np.load(a.matrix)
        ids = open(a.matrix + ".ids.csv").read().split("\n")[1:d.shape[0] + 1]
        extra = {}
        if a.job == "ward":
            c = Cluster(d, ids, clustering_method="ward_d2")
            labels = np.asarray(c.get_cluster_labels(num_clusters=a.k))
            t2 = time.perf_counter()
            # Untimed checks, comparable with carestat's output: the merge heights (sum and the top k - 1), the
            # cluster sizes, and the objective of the cut (sum of distances to each cluster's medoid: the member
            # with the least total distance to its cluster, as carestat reports for Ward).
            heights = np.sort(np.asarray(c.linkage_matrix)[:, 2])
            objective = 0.0
            for g in np.unique(labels):
                members = np.flatnonzero(labels == g)
                objective += float(d[np.ix_(members, members)].sum(axis=0).min())
            checksum = objective
            extra = {"height_sum": float(heights.sum()), "top_heights": [float(h) for h in heights[-(a.k - 1):]],
                     "sizes": sorted(int((labels == g).sum()) for g in np.unique(labels))}
        else:
            r = np.asarray(KMedoids(d, a.k, method="PAMonce", verbose=False)).astype(int)
            t2 = time.perf_counter()
            checksum = float(sum(d[i, r[i] - 1] for i in range(len(r))))
        print(json.dumps({"job": a.job, "seconds_inner": t2 - t1, "seconds_load": t1 - t0, "checksum": checksum, **extra}))
        return
    import pandas as pd
    from sequenzo import SequenceData, get_distance_matrix
    long = pd.read_csv(a.file)
    wide = long.pivot(index="id", columns="month", values="state")
    order = list(dict.fromkeys(long["id"]))
    wide = wide.loc[order].reset_index()
    cols = [c for c in wide.columns if c != "id"]
    wide.columns = ["id"] + [f"m{c}" for c in cols]
    cols = [f"m{c}" for c in cols]
    states = sorted(set(long["state"]))
    seq = SequenceData(wide, time=cols, states=states, id_col="id")
    t1 = time.perf_counter()
    if a.job == "distances":
        if a.method == "LCS":
            d = get_distance_matrix(seq, method="LCS")
        else:
            d = get_distance_matrix(seq, method="OM", sm="CONSTANT", indel=a.indel)
        d = np.asarray(d, dtype=float)
        t2 = time.perf_counter()
        checksum = float(np.triu(d, 1).sum())
    else:
        d = np.asarray(get_distance_matrix(seq, method="OM", sm="CONSTANT", indel=1.0), dtype=float)
        t1 = time.perf_counter()
        if a.job == "ward":
            from sequenzo.clustering import Cluster
            c = Cluster(d, wide["id"].tolist(), clustering_method="ward_d2")
            labels = c.get_cluster_labels(num_clusters=a.k)
            t2 = time.perf_counter()
            checksum = float(len(set(labels)))
        else:
            from sequenzo.clustering import KMedoids
            r = np.asarray(KMedoids(d, a.k, method="PAMonce", verbose=False)).astype(int)
            t2 = time.perf_counter()
            checksum = float(sum(d[i, r[i] - 1] for i in range(len(r))))
    print(json.dumps({"job": a.job, "seconds_inner": t2 - t1, "seconds_load": t1 - t0, "checksum": checksum}))


if __name__ == "__main__":
    main()
