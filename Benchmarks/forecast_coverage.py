#!/usr/bin/env python3
"""The honest-intervals table of issue 13: empirical coverage of the 80% and 95% intervals, MASE and Winkler scores at
horizons 1 and 5 over rolling origins (training on 2010..k for k = 2015..2021) on the LA panel's at31_cla and at31_cpp
series, for CareStat's automatic choice (panel-calibrated, the default for a panel), naive and drift (CareStat's
backtest benchmarks), beside R forecast 8.20's ets() and auto.arima() (Benchmarks/peers/r/forecast_coverage.R, whose
output Benchmarks/peers/r/forecast_coverage_r.csv is committed; --rerun-r recomputes it, a few minutes).

    python3 Benchmarks/forecast_coverage.py --carestat .build/release/carestat [--panel PATH] [--rerun-r]

Prints a Markdown table (the one in Benchmarks/README.md).
"""
import argparse, csv, json, os, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PANEL = os.path.join(os.path.dirname(ROOT), "shared", "data", "la-panel", "merged_data.csv")
RCSV = os.path.join(HERE, "peers", "r", "forecast_coverage_r.csv")

ap = argparse.ArgumentParser()
ap.add_argument("--carestat", default=os.path.join(ROOT, ".build", "release", "carestat"))
ap.add_argument("--panel", default=PANEL)
ap.add_argument("--rerun-r", action="store_true")
a = ap.parse_args()
if a.rerun_r:
    subprocess.run(["Rscript", os.path.join(HERE, "peers", "r", "forecast_coverage.R"), a.panel, RCSV], check=True)
r = {(row["method"], row["measure"], int(row["horizon"])): row for row in csv.DictReader(open(RCSV))}
env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
print("| measure | h | method | forecasts | coverage 80% | coverage 95% | MASE | Winkler 80% | Winkler 95% |")
print("|---|---|---|---|---|---|---|---|---|")
for measure in ["at31_cla", "at31_cpp"]:
    out = subprocess.run([a.carestat, "forecast", a.panel, "--series", "new_la_code", "--time", "time_period",
                          "--value", measure, "--horizon", "5", "--backtest", "--format", "json",
                          "--no-disclosure-control"], check=True, capture_output=True, text=True, env=env).stdout
    bt = json.loads(out)["backtest"]
    for h in [1, 5]:
        for b in bt:
            x = next(z for z in b["horizons"] if z["horizon"] == h)
            name = "CareStat " + b["method"]
            print(f"| {measure} | {h} | {name} | {x['forecasts']} | {x['coverage_80']:.1f} | {x['coverage_95']:.1f} | "
                  f"{x['mase']:.3f} | {x['winkler_80']:.1f} | {x['winkler_95']:.1f} |")
        for m in ["ets", "auto.arima"]:
            row = r[(m, measure, h)]
            print(f"| {measure} | {h} | R {m} | {row['n']} | {float(row['coverage80']):.1f} | "
                  f"{float(row['coverage95']):.1f} | | | |")
