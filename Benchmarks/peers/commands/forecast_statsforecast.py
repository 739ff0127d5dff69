"""Whole-command peer of `carestat forecast PANEL --series new_la_code --time time_period --value at31_cla
--horizon 5 --method ets|arima`: pandas.read_csv + statsforecast AutoETS or AutoARIMA (season_length 1, the
package defaults otherwise) on every complete LA series (no missing at31_cla, 13 years, as CareStat and the R peer
fit) + forecasts at h = 5 with 80/95% intervals, printed. One thread: NUMBA_NUM_THREADS = 1 (set here before
numba loads), n_jobs = 1, and the harness's OPENBLAS/OMP/MKL_NUM_THREADS = 1.

The last line is the same-answer check: {"check": [AICc of each series, in series-name order], "fit_seconds": s},
where fit_seconds is the time of StatsForecast.fit + predict alone (numba compilation on first call included, as a
user meets it; the whole-script time is what the harness measures).
    python3 Benchmarks/peers/commands/forecast_statsforecast.py FILE ets|arima
"""
import json, os, sys, time

os.environ.setdefault("NUMBA_NUM_THREADS", "1")
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS

path, method = sys.argv[1], sys.argv[2]
d = pd.read_csv(path, usecols=["new_la_code", "time_period", "at31_cla"])
complete = d.groupby("new_la_code")["at31_cla"].agg(lambda y: y.notna().all() and len(y) >= 13)
d = d[d["new_la_code"].isin(complete[complete].index)]
df = pd.DataFrame({"unique_id": d["new_la_code"], "ds": d["time_period"].astype(int), "y": d["at31_cla"].astype(float)})
df = df.sort_values(["unique_id", "ds"])
model = AutoETS(season_length=1) if method == "ets" else AutoARIMA(season_length=1)
t0 = time.perf_counter()
sf = StatsForecast(models=[model], freq=1, n_jobs=1)
sf.fit(df)
fc = sf.predict(h=5, level=[80, 95])
fit_seconds = time.perf_counter() - t0
with pd.option_context("display.max_rows", None, "display.width", 200):
    print(fc)
aicc = [float(sf.fitted_[i, 0].model_["aicc"]) for i in range(len(sf.uids))]
uids = list(sf.uids)
assert uids == sorted(uids), "statsforecast's series order is not name order"
print(json.dumps({"check": aicc, "fit_seconds": fit_seconds, "series": uids}))
