#!/usr/bin/env python3
"""Whole-command benchmarks: the `carestat` command a user runs against the peers' whole scripts reading the
same CSV file (R: data.table::fread + the fit + its summary; Python: pandas.read_csv + lifelines), each a fresh
process timed from start to exit, as users meet them.

    python3 Benchmarks/commands.py                       # all jobs, release build of carestat first
    python3 Benchmarks/commands.py --jobs cox,km --reps 7
    python3 Benchmarks/commands.py --quick               # small files: a smoke test of the harness
    python3 Benchmarks/commands.py --markdown table.md   # also write the table as Markdown (the README's)

Rules (issue 16): one BLAS/OpenMP thread on every side (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = 1, fread
nThread = 1); the default environment otherwise: OPENBLAS_CORETYPE is left as the shell has it unless
--coretype names one, and then both sides get it (the table says which). The sides alternate which runs first;
each figure is the median of --reps (>= 5) runs; peak memory is the largest resident set of the process
(wait4 rusage, ru_maxrss); the CPU seconds (user + system) of each process are shown beside the wall time, as
the steadier figure on a shared machine. Before the timed runs each side runs once untimed with its check: CareStat with
`--format json`, the peer printing a last JSON line {"check": [...]}; the values must agree to the job's stated
tolerance (same answer), or the job is marked NO and the runner exits non-zero.

Data: generated deterministically by data/make_command_csvs.py and data/make_episodes_csv.py into
Benchmarks/.build/data (never committed), once per size.

Adding a job (e.g. the national pipeline): append a Job to jobs() with `peers=[]` for a CareStat-only scale job;
`steps` may name a callable that runs the job itself and returns [(step, seconds, peak MiB)] rows, printed under
the table. The harness then times it like the others (limits in `limit_s` / `limit_mib` are checked).
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, time
from dataclasses import dataclass, field
from typing import Callable, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, ".build", "data")
PEERS = os.path.join(HERE, "peers", "commands")
COX = "Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8"
TERMS = "x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + sex + age_band + level"


@dataclass
class Peer:
    name: str
    argv: List[str]
    # Maps the peer's check values to the order of CareStat's (None: same order).
    reorder: Optional[Callable[[list], list]] = None
    # A looser same-answer rule for a peer that fits by its own optimiser (None: the job's rtol/atol on every value).
    agreement: Optional[Callable[[list, list], bool]] = None


@dataclass
class Job:
    name: str
    size: str
    carestat: List[str]              # the user's command, after the carestat binary
    check_args: List[str]            # extra arguments for the untimed check run (JSON output)
    check: Optional[Callable[[dict], list]]   # CareStat's JSON -> the values compared (None: no check run)
    peers: List[Peer]
    rtol: float                      # relative tolerance of the same-answer check
    atol: float = 0.0
    target: str = ""
    limit_s: Optional[float] = None
    limit_mib: Optional[float] = None
    steps: Optional[Callable[[], list]] = None
    results: dict = field(default_factory=dict)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def build_carestat():
    print("building carestat (release) ...", file=sys.stderr)
    sh(["swift", "build", "-c", "release", "--package-path", ROOT, "--product", "carestat"])
    return os.path.join(sh(["swift", "build", "-c", "release", "--package-path", ROOT, "--show-bin-path"]).strip(),
                        "carestat")


def data_file(kind, n):
    os.makedirs(DATA, exist_ok=True)
    if kind == "episodes":
        path = os.path.join(DATA, f"episodes_{n}.csv")
        if not os.path.exists(path):
            print(f"generating {path} ...", file=sys.stderr)
            sh([sys.executable, os.path.join(HERE, "data", "make_episodes_csv.py"), "--rows", str(n), "--out", path])
        return path
    path = os.path.join(DATA, f"cmd_{kind}_{n}.csv")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        sh([sys.executable, os.path.join(HERE, "data", "make_command_csvs.py"), kind, str(n), path])
    return path


def has_python_module(name):
    return subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True).returncode == 0


def estimates(doc):
    return [c["estimate"] for c in doc["coefficients"]]


def km_check(doc):
    return [a["survival"] for a in doc["strata"][0]["at_times"]]


def describe_check(doc):
    """The means of two numeric columns (CHILD, PLACE_DISTANCE) from the describe JSON's columns table."""
    table = next(t for t in doc["tables"] if t["name"] == "columns")
    means = {r["column"]: r["mean"] for r in table["rows"]}
    return [means["CHILD"], means["PLACE_DISTANCE"]]


def jobs(quick):
    """The whole-command jobs of issue 16, with their targets."""
    R = shutil.which("Rscript")
    lifelines = has_python_module("lifelines") and has_python_module("pandas")
    if not R:
        print("Rscript not found: the R peers are skipped", file=sys.stderr)
    if not lifelines:
        print("lifelines/pandas not installed (pip install lifelines): the Python peers are skipped", file=sys.stderr)

    def rpeer(script, path, label):
        return [Peer(label, ["Rscript", os.path.join(PEERS, f"{script}.R"), path])] if R else []

    def pypeer(script, path, label):
        return [Peer(label, [sys.executable, os.path.join(PEERS, f"{script}.py"), path])] if lifelines else []

    n_big = 20_000 if quick else 1_000_000
    n_glmm = 20_000 if quick else 500_000
    cox = data_file("cox", n_big)
    glm = data_file("glm", n_big)
    glmm = data_file("glmm", n_glmm)
    episodes = data_file("episodes", 20_000 if quick else 1_000_000)
    out = [
        Job("cox", f"n = {n_big:,}, 8 covariates", ["cox", cox, COX], ["--format", "json"], estimates,
            pypeer("cox", cox, "lifelines (read_csv + CoxPHFitter)") + rpeer("cox", cox, "R fread + coxph + summary"),
            rtol=1e-4, atol=1e-5, target=">= 4x the fastest peer"),
        Job("glmm", f"n = {n_glmm:,}, 150 LAs, 11 terms", ["glmm", glmm, f"y ~ {TERMS} + (1 | la)", "--family", "binomial"],
            ["--format", "json"], estimates,
            rpeer("glmm", glmm, "R fread + glmmTMB + summary"),
            rtol=1e-3, atol=1e-4, target=">= 5x glmmTMB"),
        Job("describe", f"{n_big:,} rows x 15 columns", ["describe", episodes], ["--format", "json"],
            describe_check,
            rpeer("describe", episodes, "R fread + summary"),
            rtol=1e-9, target=">= 3x R fread + summary"),
        Job("glm", f"n = {n_big:,}, 11 terms", ["glm", glm, f"y ~ {TERMS}", "--family", "binomial"],
            ["--format", "json"], estimates,
            rpeer("glm", glm, "R fread + glm + summary"),
            rtol=1e-6, atol=1e-8, target=">= 5x R, <= 1/3 of its memory"),
        Job("km", f"n = {n_big:,}", ["km", cox, "--time", "time", "--event", "status"],
            ["--at", "365,730,1095", "--format", "json"], km_check,
            pypeer("km", cox, "lifelines (read_csv + KaplanMeierFitter)")
            + rpeer("km", cox, "R fread + survfit"),
            rtol=1e-9, target=">= lifelines"),
        Job("forecast-ets", "149 annual LA series (real panel, at31_cla), h = 5",
            ["forecast", PANEL, "--series", "new_la_code", "--time", "time_period", "--value", "at31_cla",
             "--horizon", "5", "--method", "ets"], ["--format", "json", "--no-disclosure-control"], forecast_aicc,
            ([Peer("R fread + ets + forecast", ["Rscript", os.path.join(PEERS, "forecast.R"), PANEL, "ets"])] if R else [])
            + statsforecast_peer("ets"),
            rtol=1e-6, target=">= 3x the fastest peer"),
        Job("forecast-arima", "149 annual LA series (real panel, at31_cla), h = 5",
            ["forecast", PANEL, "--series", "new_la_code", "--time", "time_period", "--value", "at31_cla",
             "--horizon", "5", "--method", "arima"], ["--format", "json", "--no-disclosure-control"], forecast_aicc,
            ([Peer("R fread + auto.arima + forecast", ["Rscript", os.path.join(PEERS, "forecast.R"), PANEL, "arima"])] if R else [])
            + statsforecast_peer("arima"),
            rtol=1e-6, target=">= 3x the fastest peer"),
    ]
    return out


# The real LA panel beside the repository (../shared), as the README's examples use it.
PANEL = os.path.join(os.path.dirname(ROOT), "shared", "data", "la-panel", "merged_data.csv")


def statsforecast_peer(method):
    """statsforecast AutoETS / AutoARIMA (pandas.read_csv + fit + predict, one numba thread) when installed."""
    if not has_python_module("statsforecast"):
        print("statsforecast not installed (pip install statsforecast): its forecast peer is skipped", file=sys.stderr)
        return []
    label = "statsforecast AutoETS" if method == "ets" else "statsforecast AutoARIMA"
    return [Peer(f"{label} (read_csv + fit + predict)",
                 ["env", "NUMBA_NUM_THREADS=1", sys.executable, os.path.join(PEERS, "forecast_statsforecast.py"),
                  PANEL, method], agreement=forecast_aicc_close)]


def forecast_aicc_close(mine, theirs, rtol=1e-4, share=0.8):
    """statsforecast fits by its own optimiser and search, so the same-answer rule is looser than R's: the AICc of
    the chosen models within rtol (or CareStat's lower: a better fit is not a failure) for at least `share` of the
    series; the count is printed. (2026-12-07: ETS 129 of 149, auto ARIMA 135 of 149; CareStat's AICc equals R's on
    every series, so the others are where statsforecast's search or optimiser ends elsewhere than R's.)"""
    if len(mine) != len(theirs):
        return False
    close = sum(1 for x, y in zip(mine, theirs) if x <= y + rtol * abs(y))
    print(f"  statsforecast: CareStat's AICc within {rtol:g} relative of or below the peer's on {close} of "
          f"{len(mine)} series", file=sys.stderr)
    return close >= share * len(mine)


def forecast_aicc(j):
    """The AICc of each series CareStat fitted with the asked method (series in name order), as the R peer prints
    them for the complete series."""
    return [s["aicc"] for s in sorted(j["series"], key=lambda s: s["name"]) if s.get("aicc") is not None]


def run_process(argv, env):
    """Runs one process to exit (untimed checks); returns (wall seconds, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()[-2000:]}")
    return wall, out


def timed(argv, env):
    """Runs one process to exit under wait4; returns (wall seconds, peak RSS MiB, user+sys CPU seconds)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({code}): {err.strip()[-2000:]}")
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def last_json(text):
    return json.loads([l for l in text.splitlines() if l.startswith("{")][-1])


def agree(a, b, rtol, atol):
    return len(a) == len(b) and all(x is not None and y is not None and abs(x - y) <= atol + rtol * abs(y)
                                    for x, y in zip(a, b))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="", help="comma-separated job names (default: all)")
    ap.add_argument("--reps", type=int, default=5, help="timed runs per side (default 5, at least 5 for the table)")
    ap.add_argument("--quick", action="store_true", help="small files (smoke test)")
    ap.add_argument("--coretype", default="", help="force OPENBLAS_CORETYPE to this on both sides (default: as set)")
    ap.add_argument("--carestat", help="use this carestat binary instead of building the release one")
    ap.add_argument("--markdown", help="also write the table as Markdown to this file")
    args = ap.parse_args()

    carestat = args.carestat or build_carestat()
    wanted = set(filter(None, args.jobs.split(",")))
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if args.coretype:
        env["OPENBLAS_CORETYPE"] = args.coretype
    coretype = env.get("OPENBLAS_CORETYPE", "not set (OpenBLAS auto-detects)")
    rows, failed = [], False
    for job in jobs(args.quick):
        if wanted and job.name not in wanted:
            continue
        cmd = [carestat] + job.carestat
        # The same-answer check, untimed (also warms the file cache for both sides).
        mine = job.check(json.loads(run_process(cmd + job.check_args, env)[1])) if job.check else None
        checks = []
        for p in job.peers:
            _, pout = run_process(p.argv, env)
            theirs = last_json(pout)["check"]
            if p.reorder:
                theirs = p.reorder(theirs)
            ok = p.agreement(mine, theirs) if p.agreement else agree(mine, theirs, job.rtol, job.atol)
            checks.append(ok)
            if not ok:
                print(f"{job.name}: CareStat {mine}\n  vs {p.name} {theirs}", file=sys.stderr)
        sides = [("carestat", cmd)] + [(p.name, p.argv) for p in job.peers]
        times = {s: [] for s, _ in sides}
        mem = {s: [] for s, _ in sides}
        cpu = {s: [] for s, _ in sides}
        for rep in range(args.reps):
            order = sides if rep % 2 == 0 else list(reversed(sides))   # alternate who goes first
            for s, argv in order:
                w, m, c = timed(argv, env)
                times[s].append(w); mem[s].append(m); cpu[s].append(c)
        med = {s: statistics.median(v) for s, v in times.items()}
        cs = med["carestat"]
        peer_meds = {p.name: med[p.name] for p in job.peers}
        fastest = min(peer_meds, key=peer_meds.get) if peer_meds else None
        row = dict(job=job.name, size=job.size, command="carestat " + " ".join(
            os.path.basename(a) if a.startswith(DATA) else (f'"{a}"' if " " in a else a) for a in job.carestat),
            carestat_s=cs, carestat_mib=max(mem["carestat"]), carestat_cpu=statistics.median(cpu["carestat"]),
            peers=[dict(name=p.name, s=med[p.name], mib=max(mem[p.name]), ratio=med[p.name] / cs,
                        cpu=statistics.median(cpu[p.name]), same=checks[i]) for i, p in enumerate(job.peers)],
            fastest=fastest, ratio=(peer_meds[fastest] / cs) if fastest else None, target=job.target,
            times={s: [round(x, 3) for x in v] for s, v in times.items()})
        if job.peers and not all(checks):
            failed = True
        if job.limit_s is not None and cs > job.limit_s or job.limit_mib is not None and row["carestat_mib"] > job.limit_mib:
            print(f"{job.name}: over its limit ({cs:.1f} s, {row['carestat_mib']:.0f} MiB)", file=sys.stderr)
            failed = True
        if job.steps:
            row["steps"] = job.steps()   # [(step, seconds, peak MiB)], printed under the table
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)

    load = open("/proc/loadavg").read().split()[:3]
    cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    head = (f"Whole-command benchmarks, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.node()}: "
            f"{os.cpu_count()} CPUs ({cpu_model}), load average {' '.join(load)} at the end; "
            f"OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1, fread nThread=1; OPENBLAS_CORETYPE {coretype}; "
            f"median of {args.reps} alternating runs per side; peak RSS of each process.")
    md = ["| command | data | CareStat wall (CPU) | peer, whole script: wall (CPU) | peer ÷ CareStat wall (CPU) | "
          "peak memory CareStat / peer | same answer | target |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for i, p in enumerate(r["peers"] or [None]):
            md.append("| {} | {} | {} | {} | {} | {} | {} | {} |".format(
                # A `|` inside a cell (the random-effect bar of a formula) would end the cell: escaped.
                f"`{r['command']}`".replace("|", "\\|") if i == 0 else "", r["size"] if i == 0 else "",
                f"{r['carestat_s']:.2f} s ({r['carestat_cpu']:.2f})" if i == 0 else "",
                f"{p['name']}: {p['s']:.2f} s ({p['cpu']:.2f})" if p else "—",
                f"{p['ratio']:.2f}× ({p['cpu'] / r['carestat_cpu']:.2f}×)" if p else "—",
                f"{r['carestat_mib']:.0f} / {p['mib']:.0f} MiB" if p else f"{r['carestat_mib']:.0f} MiB",
                ("yes" if p["same"] else "NO") if p else "—", r["target"] if i == 0 else ""))
    for r in rows:
        if r.get("steps"):
            md += ["", f"{r['job']} steps:", "", "| step | seconds | peak MiB |", "|---|---|---|"]
            md += [f"| {name} | {sec:.1f} | {mib:.0f} |" for name, sec, mib in r["steps"]]
    print(head)
    print("\n".join(md))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(head + "\n\n" + "\n".join(md) + "\n")
    if failed:
        sys.exit("some jobs disagree between CareStat and a peer")


if __name__ == "__main__":
    main()
