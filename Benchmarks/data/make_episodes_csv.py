#!/usr/bin/env python3
"""Writes a deterministic SSDA903-episodes-like CSV for the csv-load benchmark.

    python3 Benchmarks/data/make_episodes_csv.py [--rows 1000000] [--out PATH]

15 columns: CHILD (integer id), SEX (1/2), DOB, DECOM, DEC (dd/mm/yyyy dates; DEC empty for open episodes),
ETHNIC, RNE, LS, CIN, PLACE, PLACE_PROVIDER, REC (short codes; REC empty when DEC is), HOME_POST (postcode),
URN (SC + 6 digits, or XXXXXXX), PLACE_DISTANCE (miles, one decimal). The same seed always gives the same bytes,
so CareStat and the peer read the identical file. Generated data are never committed (Benchmarks/.build/).
"""
import argparse, datetime, os, random

ap = argparse.ArgumentParser()
ap.add_argument("--rows", type=int, default=1_000_000)
here = os.path.dirname(os.path.abspath(__file__))
ap.add_argument("--out", help="default: Benchmarks/.build/data/episodes_ROWS.csv")
args = ap.parse_args()
if args.out is None:
    args.out = os.path.join(here, "..", ".build", "data", f"episodes_{args.rows}.csv")

rng = random.Random(903)
ETHNIC = ["WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR",
          "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
RNE = ["S", "P", "L", "T", "U", "B"]
LS = ["C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"]
CIN = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]
PLACE = ["A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1",
         "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"]
PROV = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"]
REC = ["E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47", "E48", "E4A",
       "E4B", "E5", "E6", "E7", "E8", "E9", "X1"]
LETTERS = "ABCDEFGHJKLMNOPRSTUWYZ"
epoch = datetime.date(2000, 1, 1)


def dmy(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
with open(args.out, "w", newline="") as f:
    f.write("CHILD,SEX,DOB,ETHNIC,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,HOME_POST,URN,PLACE_DISTANCE\n")
    lines = []
    for i in range(args.rows):
        child = 100000 + rng.randrange(400000)
        dob = epoch + datetime.timedelta(days=rng.randrange(8000))
        decom = dob + datetime.timedelta(days=rng.randrange(6500))
        if rng.random() < 0.2:
            dec, rec = "", ""
        else:
            dec, rec = dmy(decom + datetime.timedelta(days=1 + rng.randrange(900))), rng.choice(REC)
        post = (rng.choice(LETTERS) + rng.choice(LETTERS) + str(rng.randrange(1, 30)) + " "
                + str(rng.randrange(10)) + rng.choice(LETTERS) + rng.choice(LETTERS))
        urn = "XXXXXXX" if rng.random() < 0.3 else f"SC{rng.randrange(1000000):06d}"
        dist = f"{rng.randrange(0, 2000) / 10:.1f}"
        lines.append(",".join([str(child), str(1 + rng.randrange(2)), dmy(dob), rng.choice(ETHNIC), dmy(decom),
                               rng.choice(RNE), rng.choice(LS), rng.choice(CIN), rng.choice(PLACE), rng.choice(PROV),
                               dec, rec, post, urn, dist]))
        if len(lines) == 10000:
            f.write("\n".join(lines) + "\n")
            lines = []
    if lines:
        f.write("\n".join(lines) + "\n")
