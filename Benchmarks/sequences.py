#!/usr/bin/env python3
"""Sequence-analysis benchmarks (issue 12): whole `carestat sequences distances|cluster` commands against sequenzo on
the same synthetic care histories (length 216, data/make_care_sequences.py, into .build/data, never committed).

    swift build -c release --product carestat          # once, in the repository root
    python3 Benchmarks/sequences.py [--jobs om-general,lcs,ward,pam,scale-50k,clara-100k,lcs-paths] [--carestat PATH] [--n N]
        [--threads 1,2] [--cpu]

lcs-paths (not in the default list): carestat alone, OM(2, 1) on 5,000 (or --n) histories, one thread, once per path
of the bit-parallel LCS kernel (CARESTAT_LCS_KERNEL=pairs|portable|avx2|avx512; `pairs` is the per-pair kernel the
multi-pair one replaced), CPU and wall seconds, and the checksums (all equal).

Each job runs both sides in one run, alternating which goes first between the 1- and 2-thread runs (one run each:
the slowest peer run takes minutes), and prints wall seconds of the whole process, peak resident memory, and the
ratio sequenzo ÷ carestat (> 1: carestat faster). sequenzo's own timing of the computation alone (without Python
start-up and reading the CSV) is printed beside it. The carestat side writes its matrix as .npy to a temporary
file (the write is timed); the sequenzo side holds it in memory. Checksums: the sum of the upper triangle.
"""
import argparse, json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, ".build", "data")
# --cpu: compare CPU seconds (user + system) instead of wall seconds, for a machine shared with other work, where
# wall time measures the other work too. Only meaningful for one-thread runs.
CPU = False
LAST = {}


def data(n):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"care-{n}.csv")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "data", "make_care_sequences.py"), str(n), path], check=True)
    return path




def load():
    return "load %.1f/%.1f/%.1f" % os.getloadavg()


def run_measured(argv, env):
    """Wall seconds, peak RSS (MiB) and stdout of one process."""
    print(f"  [{load()} at start]", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({code}): {err.strip()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    print(f"  [{argv[0].split('/')[-1]} {' '.join(argv[1:3])}: wall {seconds:.1f} s, CPU {cpu:.1f} s, peak {usage.ru_maxrss / 1024.0:.0f} MiB, {load()} at end]", flush=True)
    LAST["cpu"] = cpu
    LAST["wall"] = seconds
    return (cpu if CPU else seconds), usage.ru_maxrss / 1024.0, out


def env_threads(t):
    e = dict(os.environ)
    e.update({"OMP_NUM_THREADS": str(t), "OPENBLAS_NUM_THREADS": "1"})
    return e


def checksum_npy(path):
    """In a child process: this process's peak memory would otherwise be reported as the next measured child's
    (a vfork'd child inherits the parent's peak resident size in ru_maxrss)."""
    code = ("import numpy as np, sys; d = np.load(sys.argv[1], mmap_mode='r'); "
            "print(float(np.triu(np.asarray(d), 1).sum()) if d.ndim == 2 else float(np.asarray(d, dtype=float).sum()))")
    return float(subprocess.run([sys.executable, "-c", code, path], check=True, capture_output=True, text=True).stdout)


def report(job, threads, cs, ps, cmem, pmem, inner, cc, pc):
    ratio = ps / cs if ps else float("nan")
    print(f"{job:12s} threads {threads}: carestat {cs:8.2f} s ({cmem:7.0f} MiB)  sequenzo {ps:8.2f} s ({pmem:7.0f} MiB; "
          f"computation alone {inner:8.2f} s)  ratio {ratio:6.2f}  checksums {cc:.6g} / {pc:.6g}", flush=True)


def distance_job(carestat, name, n, sub_indel, peer_args, threads_list=(1, 2)):
    f = data(n)
    for k, t in enumerate(threads_list):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "d.npy")
            c_argv = [carestat, "sequences", "distances", f, "--id", "id", "--time", "month", "--state", "state",
                      "--method", "om", "--sub", "constant:2", "--indel", sub_indel, "--matrix-format", "npy",
                      "--threads", str(t), "--out", out]
            p_argv = [sys.executable, os.path.join(HERE, "peers", "python", "sequences.py"), "distances", f] + peer_args
            sides = [("c", c_argv), ("p", p_argv)]
            if k % 2 == 1:
                sides.reverse()
            res = {}
            for side, argv in sides:
                res[side] = run_measured(argv, env_threads(t))
                if side == "c":
                    res["cc"] = checksum_npy(out)
            pj = json.loads([l for l in res["p"][2].splitlines() if l.startswith("{")][-1])
            report(name, t, res["c"][0], res["p"][0], res["c"][1], res["p"][1], pj["seconds_inner"], res["cc"], pj["checksum"])


def cluster_job(carestat, name, n, k=6, runs=5):
    """Clustering alone, as whole commands on the same matrix from file: `carestat sequences distances` writes the
    n x n .npy once (untimed); then `carestat sequences cluster --distances D.npy` (read + check + cluster + output)
    against sequenzo clustering the same matrix read with numpy (its in-process read + cluster time is printed
    beside its whole process, which includes importing sequenzo). Each side runs `runs` times, alternating, the side
    that goes first alternating too (both see the same machine load); medians of wall and CPU seconds, the largest
    peak resident memory. carestat has no in-process timing facility, so only its whole command is timed.
    Agreement (untimed): PAM's objective equal to sequenzo's to 1e-9 relative; Ward's objective of the cut (sum of
    distances to each cluster's medoid) to 1e-9 relative and the sorted cluster sizes equal (equal when the merge
    heights are; sequenzo's heights are printed)."""
    f = data(n)
    median = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1]) / 2
    with tempfile.TemporaryDirectory() as tmp:
        matrix = os.path.join(tmp, "d.npy")
        d_argv = [carestat, "sequences", "distances", f, "--id", "id", "--time", "month", "--state", "state", "--sub", "constant:2",
                  "--indel", "1", "--matrix-format", "npy", "--out", matrix]
        run_measured(d_argv, env_threads(2))
        c_argv = [carestat, "sequences", "cluster", "--distances", matrix, "--k", str(k),
                  "--clustering", "ward" if name == "ward" else "pam", "--format", "json"]
        p_argv = [sys.executable, os.path.join(HERE, "peers", "python", "sequences.py"), name, "--matrix", matrix, "--k", str(k)]
        res = {"c": [], "p": []}
        for r in range(runs):
            order = [("c", c_argv), ("p", p_argv)] if r % 2 == 0 else [("p", p_argv), ("c", c_argv)]
            for side, argv in order:
                _, mem, out = run_measured(argv, env_threads(1))
                res[side].append((LAST["wall"], LAST["cpu"], mem, out))
    pjs = [json.loads([l for l in out.splitlines() if l.startswith("{")][-1]) for *_, out in res["p"]]
    cj = json.loads(res["c"][-1][3])
    pj = pjs[-1]
    cw, cc = median([x[0] for x in res["c"]]), median([x[1] for x in res["c"]])
    pw, pc = median([x[0] for x in res["p"]]), median([x[1] for x in res["p"]])
    inner = median([j["seconds_inner"] for j in pjs])
    cmem, pmem = max(x[2] for x in res["c"]), max(x[2] for x in res["p"])
    objective_ok = abs(cj["objective"] - pj["checksum"]) <= 1e-9 * abs(pj["checksum"])
    agree = f"objective carestat {cj['objective']:.10g} / sequenzo {pj['checksum']:.10g} ({'equal to 1e-9' if objective_ok else 'DIFFER'})"
    if name == "ward":
        sizes = sorted(c["size"] for c in cj["clusters"] if c.get("size") is not None)
        shown = len(sizes) == len(cj["clusters"])
        agree += (f"; sizes {'equal' if sizes == pj['sizes'] else 'DIFFER: ' + str(sizes) + ' / ' + str(pj['sizes'])}" if shown
                  else "; sizes partly withheld by disclosure control")
        agree += f"; sequenzo merge heights: sum {pj['height_sum']:.10g}, top {', '.join(f'{h:.6g}' for h in pj['top_heights'])}"
    print(f"{name:12s} n {n}, k {k}, 1 thread, matrix from file, medians of {runs} alternating runs ({load()}): "
          f"carestat whole command wall {cw:.2f} s, CPU {cc:.2f} s (peak {cmem:.0f} MiB); "
          f"sequenzo whole process wall {pw:.2f} s, CPU {pc:.2f} s (peak {pmem:.0f} MiB), of which read + cluster {inner:.2f} s; "
          f"ratios sequenzo whole / carestat whole: wall {pw / cw:.2f}, CPU {pc / cc:.2f}; sequenzo read + cluster / carestat whole wall {inner / cw:.2f}; "
          f"{agree}", flush=True)


def scale_job(carestat, n, threads=2):
    f = data(n)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        out = os.path.join(tmp, "d.npy")
        argv = [carestat, "sequences", "distances", f, "--id", "id", "--time", "month", "--state", "state", "--sub", "constant:2",
                "--indel", "1", "--matrix-format", "condensed", "--max-memory", "2G", "--threads", str(threads), "--out", out]
        s, mem, outp = run_measured(argv, env_threads(threads))
        print(f"scale        n {n}, OM(2,1) full matrix (condensed float64 file {os.path.getsize(out) / 1e9:.1f} GB, streamed within --max-memory 2G), {threads} threads: "
              f"{s:.1f} s, CPU {LAST['cpu']:.1f} s (quiet-machine wall about CPU / {threads} = {LAST['cpu'] / threads:.1f} s), peak {mem:.0f} MiB", flush=True)
        print(outp, flush=True)


def lcs_paths_job(carestat, n):
    """OM(2, 1) on n histories, one thread, each path of the bit-parallel LCS kernel; the checksums must agree."""
    f = data(n)
    sums = {}
    for path in ["pairs", "portable", "avx2", "avx512"]:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "d.npy")
            argv = [carestat, "sequences", "distances", f, "--id", "id", "--time", "month", "--state", "state", "--sub", "constant:2",
                    "--indel", "1", "--matrix-format", "npy", "--threads", "1", "--out", out]
            env = env_threads(1)
            env["CARESTAT_LCS_KERNEL"] = path
            try:
                s, mem, _ = run_measured(argv, env)
            except RuntimeError as e:
                print(f"lcs-paths    n {n}, path {path}: not run ({str(e).splitlines()[-1][:200]})", flush=True)
                continue
            sums[path] = checksum_npy(out)
            print(f"lcs-paths    n {n}, path {path:8s}, 1 thread: CPU {LAST['cpu']:.2f} s, wall {s:.2f} s, peak {mem:.0f} MiB, checksum {sums[path]:.10g}", flush=True)
    print(f"lcs-paths    checksums {'all equal' if len(set(sums.values())) == 1 else 'DIFFER: ' + str(sums)}", flush=True)


def clara_job(carestat, n, threads=2, k=6):
    f = data(n)
    argv = [carestat, "sequences", "cluster", f, "--id", "id", "--time", "month", "--state", "state", "--sub", "constant:2",
            "--indel", "1", "--k", str(k), "--clustering", "clara", "--threads", str(threads), "--seed", "1"]
    s, mem, outp = run_measured(argv, env_threads(threads))
    print(f"clara        n {n}, k {k}, OM(2,1), 100 samples of 40 + 2k, {threads} threads: {s:.1f} s, peak {mem:.0f} MiB", flush=True)
    print(outp, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", default="om-general,lcs,ward,pam,scale-50k,clara-100k")
    ap.add_argument("--carestat", default=os.path.join(ROOT, ".build", "release", "carestat"))
    ap.add_argument("--cpu", action="store_true", help="compare CPU seconds (shared machine; one-thread runs only)")
    ap.add_argument("--threads", default="1,2", help="thread counts of the distance jobs")
    ap.add_argument("--n", type=int, help="number of sequences of the distance jobs (default: om-general 2,000, lcs 5,000)")
    a = ap.parse_args()
    global CPU
    CPU = a.cpu
    threads = tuple(int(t) for t in a.threads.split(","))
    jobs = a.jobs.split(",")
    if "om-general" in jobs:
        distance_job(a.carestat, "om-general", a.n or 2000, "1.5", ["--method", "OM", "--indel", "1.5"], threads)
    if "lcs" in jobs:
        distance_job(a.carestat, "lcs", a.n or 5000, "1", ["--method", "OM", "--indel", "1"], threads)
    if "ward" in jobs:
        cluster_job(a.carestat, "ward", 5000)
    if "pam" in jobs:
        cluster_job(a.carestat, "pam", 5000)
    if "scale-50k" in jobs:
        scale_job(a.carestat, 50000)
    if "clara-100k" in jobs:
        clara_job(a.carestat, 100000)
    if "lcs-paths" in jobs:
        lcs_paths_job(a.carestat, a.n or 5000)


if __name__ == "__main__":
    main()
