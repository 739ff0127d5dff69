"""Reference descriptives for Tests/SequencesTests/DescriptivesReferenceTests.swift, on the same first 100 `mvad`
sequences as make_mvad_fixtures.py (mvad_long.csv, mvad_weights.csv).

Run from this directory:  pip install sequenzo==0.1.42 && python make_descriptive_fixtures.py
Writes descriptives.json with, unweighted ("u") and weighted by mvad's survey weight ("w"):
  statd_freq [T][S], statd_valid [T], statd_entropy [T] (normalised)  sequenzo get_cross_sectional_entropy (seqstatd)
  trate [S][S]                                                         sequenzo compute_transition_matrix (seqtrate)
  meant [S]                                                            sequenzo get_mean_time_in_states (seqmeant)
and per sequence (unweighted): dss and dur (seqdss, seqdur: the spells' state codes, 0-based in the sorted alphabet,
and their durations), ient (normalised, seqient), ici (seqici), turbulence (seqST, type 1) from sequenzo,
and turbulence_norm computed here with TraMineR's formula and exact integers, because sequenzo 0.1.42 replaces the
number of distinct subsequences of its maximal-turbulence sequence by 1e15 when it overflows its integer type
(TraMineR keeps it as a double). States in sorted order (the alphabet of StateSequences.fromLong).
"""
import json, math, warnings
import numpy as np
import pandas as pd
warnings.filterwarnings("ignore")
from sequenzo import load_dataset, SequenceData
from sequenzo.sequence_characteristics_indicators.overall_cross_sectional_entropy import get_cross_sectional_entropy
from sequenzo.sequence_characteristics_indicators.cross_sectional_indicators import get_mean_time_in_states
from sequenzo.sequence_characteristics_indicators.within_sequence_entropy import get_within_sequence_entropy
from sequenzo.sequence_characteristics_indicators.turbulence import get_turbulence
from sequenzo.sequence_characteristics_indicators.complexity_index import get_complexity_index
from sequenzo.visualization.plot_transition_matrix import compute_transition_matrix

N = 100
df = load_dataset("mvad").iloc[:N].reset_index(drop=True)
tc = list(df.columns[14:])
states = sorted(set(df[tc].values.ravel()))
out = {"states": states}
for tag, w in (("u", None), ("w", df["weight"].to_numpy(dtype=float))):
    seq = SequenceData(df, time=tc, states=states, id_col="id", weights=w)
    d = get_cross_sectional_entropy(seq, return_format="dict", round_decimals=17, weighted=True, norm=True)
    freq = d["Frequencies"]
    out[f"statd_freq_{tag}"] = [[float(freq.loc[s, t]) for s in states] for t in tc]
    out[f"statd_valid_{tag}"] = [float(x) for x in d["ValidStates"]]
    out[f"statd_entropy_{tag}"] = [float(x) for x in d["per_time_entropy_norm"]]
    out[f"trate_{tag}"] = np.asarray(compute_transition_matrix(seq, weights="auto"), dtype=float).tolist()
    m = get_mean_time_in_states(seq, weighted=True)
    out[f"meant_{tag}"] = [float(m.loc[s].iloc[0]) for s in states]
    if tag == "u":
        out["ient"] = get_within_sequence_entropy(seq, norm=True).iloc[:, 1].astype(float).tolist()
        out["ici"] = get_complexity_index(seq).iloc[:, 1].astype(float).tolist()
        out["turbulence"] = get_turbulence(seq, norm=False).iloc[:, 1].astype(float).tolist()
        from sequenzo.dissimilarity_measures.utils.seqdss import seqdss
        from sequenzo.dissimilarity_measures.utils.seqdur import seqdur
        dss, dur = np.asarray(seqdss(seq)), np.asarray(seqdur(seq))
        out["dss"] = [[int(c) - 1 for c in row if c > 0] for row in dss]   # sequenzo's codes are 1-based, -999 pads
        out["dur"] = [[int(x) for x in row if x > 0] for row in dur]

def spells(x):
    s, d = [], []
    for v in x:
        if s and s[-1] == v: d[-1] += 1
        else: s.append(v); d.append(1)
    return s, d

def phi(s):   # distinct subsequences, the empty one included (TraMineR seqsubsn), exact
    n, last = [1], {}
    for i, c in enumerate(s, 1):
        n.append(2 * n[-1] - (n[last[c] - 1] if c in last else 0)); last[c] = i
    return n[-1]

def turb(x):
    s, d = spells(x)
    mean = sum(d) / len(d)
    s2 = sum((v - mean) ** 2 for v in d) / len(d)
    s2max = (len(d) - 1) * (1 - mean) ** 2
    return math.log2(phi(s)) + math.log2((s2max + 1) / (s2 + 1))

maxT = turb([states[i % len(states)] for i in range(len(tc))])
rows = df[tc].values.tolist()
raw = [turb(r) for r in rows]
out["turbulence_exact"] = raw
out["turbulence_norm"] = [0.0 if t < 1 else (t - 1) / (maxT - 1) for t in raw]
with open("descriptives.json", "w") as f:
    json.dump(out, f, indent=1)
print("max |sequenzo - exact| turbulence:", max(abs(a - b) for a, b in zip(raw, out["turbulence"])))
