#!/usr/bin/env python3
"""CareStat benchmark runner: each job is run by CareStat and by a peer tool on the same data, in one run,
alternating which goes first, several repetitions; it prints medians, peak memory and the ratio
peer ÷ CareStat (> 1 means CareStat is faster).

    python3 Benchmarks/run.py                      # all jobs
    python3 Benchmarks/run.py --jobs dgemm --reps 7
    python3 Benchmarks/run.py --quick              # small sizes, for a smoke test

Each job process builds its data untimed, warms up once, and reports the median of its timed runs as one JSON
line with a checksum; the runner checks the two checksums agree (the same answer) and reads peak resident
memory from the kernel's rusage for the whole process. The peers are never needed to build, test or run
CareStat; install them with Benchmarks/peers/install-peers.sh when a job needs R or Python.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, ".build")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def build():
    print("building carestat-bench (release) and the C peer ...", file=sys.stderr)
    sh(["swift", "build", "-c", "release", "--package-path", HERE, "--product", "carestat-bench"])
    bindir = sh(["swift", "build", "-c", "release", "--package-path", HERE, "--show-bin-path"]).strip()
    os.makedirs(os.path.join(BUILD, "peers"), exist_ok=True)
    peer = os.path.join(BUILD, "peers", "blas_peer")
    sh(["gcc", "-O2", "-o", peer, os.path.join(HERE, "peers", "c", "blas_peer.c"), "-lopenblas"])
    return os.path.join(bindir, "carestat-bench"), peer


def run_once(argv, env):
    """Runs one job process; returns (parsed JSON line, peak RSS in MiB)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    return json.loads(line), usage.ru_maxrss / 1024.0   # ru_maxrss is in KiB on Linux


def cpu_coretype(choice):
    if choice == "none":
        return None
    if choice != "auto":
        return choice
    flags = open("/proc/cpuinfo").read()
    # OpenBLAS 0.3.21 falls back to slow generic kernels on CPUs it does not recognise; name the family
    # the CPU flags support. Both sides of every job get the same setting.
    if re.search(r"\bavx512f\b", flags):
        return "SkylakeX"
    if re.search(r"\bavx2\b", flags):
        return "Haswell"
    return None


def cox_data(n):
    """The cox job's data file (data/make_cox_data.py), generated once into .build/data (never committed)."""
    os.makedirs(os.path.join(BUILD, "data"), exist_ok=True)
    path = os.path.join(BUILD, "data", f"cox-{n}.f64")
    if not os.path.exists(path):
        sh([sys.executable, os.path.join(HERE, "data", "make_cox_data.py"), str(n), path])
    return path


def cox_jobs(carestat_bench, quick, wanted=()):
    """Cox PH, Efron ties, 8 covariates, ~1/3 events on 3.2k distinct days, against R coxph and lifelines
    (target: >= 4x the faster peer)."""
    if wanted and "cox" not in wanted:
        return []
    peers = []
    if shutil.which("Rscript"):
        peers.append(("R survival::coxph", lambda path, n, reps: ["Rscript", os.path.join(HERE, "peers", "r", "cox.R"),
                                                                  path, str(n), str(reps)]))
    else:
        print("cox: Rscript not found, R peer skipped", file=sys.stderr)
    if has_python_module("lifelines"):
        peers.append(("Python lifelines", lambda path, n, reps: [sys.executable, os.path.join(
            HERE, "peers", "python", "cox.py"), path, str(n), str(reps)]))
    else:
        print("cox: lifelines not installed, Python peer skipped", file=sys.stderr)
    out = []
    for n in ([10_000, 100_000] if quick else [100_000, 1_000_000]):
        for peer_name, peer in peers:
            out.append(dict(
                job="cox", size=f"n={n}", threads=1, flops=None, peer_name=peer_name,
                carestat=lambda reps, n=n: [carestat_bench, "cox", "--n", str(n), "--file", cox_data(n), "--reps",
                                            str(reps)],
                peer=lambda reps, n=n, peer=peer: peer(cox_data(n), n, reps),
                # lifelines stops on its own convergence rule; both sides agree to ~1e-6 on the coefficients.
                checksum_rtol=1e-4))
    return out


def km_data(n):
    """Deterministic Kaplan-Meier data (data/make_km_data.py), generated once into .build/data."""
    os.makedirs(os.path.join(BUILD, "data"), exist_ok=True)
    path = os.path.join(BUILD, "data", f"km_n{n}.f64")
    if not os.path.exists(path):
        sh([sys.executable, os.path.join(HERE, "data", "make_km_data.py"), str(n), path])
    return path


def has_python_module(name):
    return subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True).returncode == 0


def km_jobs(carestat_bench, quick, wanted=()):
    """Kaplan-Meier (one curve, Greenwood SE, log CI) against R survfit and lifelines, when installed."""
    if wanted and "km" not in wanted:
        return []
    n = 100_000 if quick else 1_000_000
    path = km_data(n)
    peers = []
    if shutil.which("Rscript"):
        peers.append(("R survival survfit", lambda reps: ["Rscript", os.path.join(HERE, "peers", "r", "km.R"),
                                                         path, str(n), str(reps)]))
    else:
        print("km: Rscript not found, R peer skipped", file=sys.stderr)
    if has_python_module("lifelines"):
        peers.append(("Python lifelines", lambda reps: [sys.executable, os.path.join(HERE, "peers", "python", "km.py"),
                                                        path, str(n), str(reps)]))
    else:
        print("km: lifelines not installed, Python peer skipped", file=sys.stderr)
    return [dict(job="km", size=f"n={n}", threads=1, flops=None, peer_name=name,
                 carestat=lambda reps: [carestat_bench, "km", "--n", str(n), "--file", path, "--reps", str(reps)],
                 peer=peer, checksum_rtol=1e-9) for name, peer in peers]


def glm_jobs(carestat_bench, quick, wanted=()):
    """Logistic GLM, 12 design columns, against R's glm (peers/r/glm.R). Data from data/make_glm_data.py into
    .build/data (never committed). Both sides time model frame + design matrix + IRLS, as a user's fit does."""
    if wanted and "glm" not in wanted:
        return []
    n = 100_000 if quick else 1_000_000
    os.makedirs(os.path.join(BUILD, "data"), exist_ok=True)
    path = os.path.join(BUILD, "data", f"glm_n{n}.f64")
    if not os.path.exists(path):
        sh([sys.executable, os.path.join(HERE, "data", "make_glm_data.py"), str(n), path])
    if not shutil.which("Rscript"):
        print("glm: Rscript not found, R peer skipped", file=sys.stderr)
        return []
    return [dict(job="glm", size=f"n={n}, p=12", threads=1, flops=None, peer_name="R glm (stats)",
                 carestat=lambda reps: [carestat_bench, "glm", "--n", str(n), "--file", path, "--reps", str(reps)],
                 peer=lambda reps: ["Rscript", os.path.join(HERE, "peers", "r", "glm.R"), path, str(n), str(reps)],
                 checksum_rtol=1e-8)]


def episodes_csv(rows):
    """The generated episodes file (Benchmarks/data/make_episodes_csv.py), made once per size; never committed."""
    path = os.path.join(BUILD, "data", f"episodes_{rows}.csv")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        sh([sys.executable, os.path.join(HERE, "data", "make_episodes_csv.py"), "--rows", str(rows), "--out", path])
    return path


def glmm_job(carestat_bench, quick):
    """Random-intercept logistic GLMM (Laplace), y ~ level + x + (1 | la), n rows in 150 LAs, vs glmmTMB.
    Data: Benchmarks/data/make_glmm_csv.py into .build/data (never committed); checksum: the log-likelihood."""
    rows = 50_000 if quick else 500_000
    path = os.path.join(BUILD, "data", f"glmm_{rows}.csv")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        sh([sys.executable, os.path.join(HERE, "data", "make_glmm_csv.py"), "--rows", str(rows), "--out", path])
    return dict(
        job="glmm", size=f"{rows} rows, 150 groups", threads=1, flops=None,
        peer_name="R glmmTMB (Laplace)",
        carestat=lambda reps, path=path: [carestat_bench, "glmm", "--file", path, "--reps", str(reps)],
        peer=lambda reps, path=path: ["Rscript", os.path.join(HERE, "peers", "r", "glmm.R"), path, str(reps)],
        checksum_rtol=1e-8)


def glmm_slopes_job(carestat_bench, quick):
    """Logistic GLMM with a correlated random slope (Laplace), y ~ level + x + (1 + x | la), n rows in 150 LAs, vs
    glmmTMB. Data: make_glmm_csv.py --slope-sd 0.25 into .build/data; checksum: the log-likelihood."""
    rows = 50_000 if quick else 500_000
    path = os.path.join(BUILD, "data", f"glmm_slopes_{rows}.csv")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        sh([sys.executable, os.path.join(HERE, "data", "make_glmm_csv.py"), "--rows", str(rows), "--slope-sd", "0.25",
            "--out", path])
    return dict(
        job="glmm-slopes", size=f"{rows} rows, 150 groups, q = 2", threads=1, flops=None,
        peer_name="R glmmTMB (Laplace)",
        carestat=lambda reps, path=path: [carestat_bench, "glmm-slopes", "--file", path, "--reps", str(reps)],
        peer=lambda reps, path=path: ["Rscript", os.path.join(HERE, "peers", "r", "glmm.R"), path, str(reps), "slopes"],
        checksum_rtol=1e-8)


def jobs(carestat_bench, blas_peer, quick, wanted=()):
    sizes = [200, 400] if quick else [1000, 2000]
    out = []
    if not wanted or "csv-load" in wanted:
        # Reading a 15-column SSDA903-episodes-like CSV into a data frame; the peer is data.table::fread on
        # one thread (R's fastest reader). Both report rows + sum(CHILD) + sum(PLACE_DISTANCE).
        rows = 100_000 if quick else 1_000_000
        path = episodes_csv(rows)
        out.append(dict(
            job="csv-load", size=f"{rows} rows, {os.path.getsize(path) / 2**20:.0f} MiB", threads=1, flops=None,
            peer_name="R data.table::fread (nThread=1)",
            carestat=lambda reps, path=path: [carestat_bench, "csv-load", "--file", path, "--reps", str(reps)],
            peer=lambda reps, path=path: ["Rscript", os.path.join(HERE, "peers", "r", "csv_load.R"), path, str(reps)],
            checksum_rtol=1e-9))
    if not wanted or "glmm" in wanted:
        out.append(glmm_job(carestat_bench, quick))
    if not wanted or "glmm-slopes" in wanted:
        out.append(glmm_slopes_job(carestat_bench, quick))
    for name, flops in [("dgemm", lambda n: 2.0 * n**3), ("dgemm-into", lambda n: 2.0 * n**3),
                        ("cholesky-solve", lambda n: n**3 / 3.0 + 2.0 * n**2)]:
        # dgemm: Matrix.product (a new result each time); dgemm-into: BLAS.gemm on views into a reused result.
        # The C peer does the same job for both (its output buffer is reused).
        peer_job = "dgemm" if name == "dgemm-into" else name
        for n in sizes:
            for threads in (1, 2):
                out.append(dict(
                    job=name, size=f"n={n}", threads=threads, flops=flops(n), peer_name="C (same OpenBLAS)",
                    carestat=lambda reps, name=name, n=n: [carestat_bench, name, "--n", str(n), "--reps", str(reps)],
                    peer=lambda reps, peer_job=peer_job, n=n: [blas_peer, peer_job, str(n), str(reps)],
                    checksum_rtol=1e-8))
    return (out + km_jobs(carestat_bench, quick, wanted) + cox_jobs(carestat_bench, quick, wanted)
            + glm_jobs(carestat_bench, quick, wanted) + derive_jobs(carestat_bench, quick, wanted))


def derive_jobs(carestat_bench, quick, wanted=()):
    """Issue-4 scale job: derive the return-to-care data set from a 2,000,000-episode SSDA903 return (read,
    validate, periods of care, exits at risk, covariates). CareStat only: no peer tool derives these data sets."""
    if wanted and "derive-return-to-care" not in wanted:
        return []
    n = 100_000 if quick else 2_000_000
    carestat = os.path.join(os.path.dirname(carestat_bench), "carestat")
    if not os.path.exists(carestat):
        sh(["swift", "build", "-c", "release", "--package-path", os.path.dirname(HERE), "--product", "carestat"])
        carestat = os.path.join(sh(["swift", "build", "-c", "release", "--package-path", os.path.dirname(HERE),
                                    "--show-bin-path"]).strip(), "carestat")
    data = os.path.join(BUILD, "data")
    sh([sys.executable, os.path.join(HERE, "data", "make_big_ssda903.py"), carestat, data, str(n)])
    episodes = os.path.join(data, f"ssda903_episodes_{n}.csv")
    header = os.path.join(data, f"ssda903_header_{n}.csv")
    return [dict(job="derive-return-to-care", size=f"{n} episodes", threads=1, flops=None, peer_name="(none)",
                 carestat=lambda reps: [carestat_bench, "derive-return-to-care", "--file", episodes, "--header",
                                        header, "--reps", str(reps)],
                 peer=None, checksum_rtol=0)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="", help="comma-separated job names (default: all)")
    ap.add_argument("--reps", type=int, default=5, help="process repetitions per side (default 5)")
    ap.add_argument("--inner", type=int, default=3, help="timed runs inside each process (default 3)")
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    ap.add_argument("--coretype", default="auto", help="OPENBLAS_CORETYPE for both sides: auto, none or a name")
    ap.add_argument("--markdown", help="also write the table as Markdown to this file")
    args = ap.parse_args()

    carestat_bench, blas_peer = build()
    coretype = cpu_coretype(args.coretype)
    wanted = set(filter(None, args.jobs.split(",")))
    rows = []
    for job in jobs(carestat_bench, blas_peer, args.quick, wanted):
        if wanted and job["job"] not in wanted:
            continue
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(job["threads"]))
        if coretype:
            env["OPENBLAS_CORETYPE"] = coretype
        cs, ps, cm, pm = [], [], [], []
        core = "?"
        for rep in range(args.reps):
            order = [("c", job["carestat"])] + ([("p", job["peer"])] if job["peer"] else [])
            if rep % 2:
                order.reverse()   # alternate who goes first, so drift and cache state favour neither side
            for side, make in order:
                result, rss = run_once(make(args.inner), env)
                core = result.get("core", core)
                (cs if side == "c" else ps).append(result["seconds"])
                (cm if side == "c" else pm).append(rss)
                job.setdefault("sums", {})[side] = result["checksum"]
        c_med = statistics.median(cs)
        if job["peer"] is None:   # a CareStat-only job (a scale target, not a comparison)
            rows.append([job["job"], job["size"], str(job["threads"]), core, job["peer_name"], f"{c_med:.4f}", "-",
                         "-", "-", "-", f"{max(cm):.0f}", "-", "yes (no peer)"])
            print(" | ".join(rows[-1]), file=sys.stderr)
            continue
        a, b = job["sums"]["c"], job["sums"]["p"]
        agree = abs(a - b) <= job["checksum_rtol"] * max(1.0, abs(b))
        p_med = statistics.median(ps)
        rows.append([job["job"], job["size"], str(job["threads"]), core, job["peer_name"],
                     f"{c_med:.4f}", f"{p_med:.4f}", f"{p_med / c_med:.3f}",
                     f"{job['flops'] / c_med / 1e9:.1f}" if job["flops"] else "-",
                     f"{job['flops'] / p_med / 1e9:.1f}" if job["flops"] else "-",
                     f"{max(cm):.0f}", f"{max(pm):.0f}", "yes" if agree else f"NO ({a} vs {b})"])
        print(" | ".join(rows[-1]), file=sys.stderr)

    header = ["job", "size", "threads", "BLAS kernels", "peer", "CareStat s (median)", "peer s (median)",
              "ratio peer/CareStat", "CareStat GFLOP/s", "peer GFLOP/s", "CareStat peak MiB", "peer peak MiB",
              "same answer"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    print(f"CareStat benchmarks: {args.reps} alternating process pairs per job, {args.inner} timed runs each "
          f"(median of medians); OPENBLAS_CORETYPE={coretype or '(auto-detect)'}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
            for r in rows:
                f.write("| " + " | ".join(r) + " |\n")
    if any(not r[-1].startswith("yes") for r in rows):
        sys.exit("some jobs disagree between CareStat and the peer")


if __name__ == "__main__":
    main()
