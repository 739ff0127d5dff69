#!/usr/bin/env python3
"""The national pipeline on one machine (issue 16 point 3): a synthetic England generated, validated, derived,
fitted and projected, each step a whole `carestat` process as a user runs it, with its wall time, CPU time
(user + system), peak resident memory (wait4 rusage ru_maxrss) and output size; then the total against the
limits (10 minutes, 8 GiB peak, 2 cores).

    python3 Benchmarks/national.py                  # release build of carestat first, then the pipeline
    python3 Benchmarks/national.py --no-build       # use .build/release/carestat as it is
    python3 Benchmarks/national.py --scale 0.05     # a smaller England (smoke test of the job)
    python3 Benchmarks/national.py --markdown t.md  # also write the table as Markdown (the README's)

Data go to Benchmarks/.build/national (never committed). Steps (each step's command is printed):
  synth        carestat synth --national: ~22 million children drawn, 2010-2024, all 151 LAs
  validate     carestat validate on the SSDA903 episodes and the 15 CIN census files
  return-to-care, periods, la-counts, sequences   carestat derive ... (sequences: monthly states, ages 0-18, of
               every child with periods of care or CIN episodes, wide, streamed child by child to a ~4 GB file)
  cox          carestat cox on the return-to-care file, stratified by LA
  demand       carestat demand: the five-year stock-flow projection (the command as it is)
Every step gets --progress where the command has it (progress lines go to stderr, shown as they come).
The exit status is 1 if a step fails or a limit is missed.
"""
import argparse, os, platform, resource, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, ".build", "national")
LIMIT_S = 600.0
LIMIT_GIB = 8.0
COX = "Surv(days, returned) ~ age_group + sex + legal_status + placements + exit_route + strata(la)"


def size_of(path):
    if not path or not os.path.exists(path):
        return 0
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    return os.path.getsize(path)


def human(n):
    for unit in ["B", "KiB", "MiB", "GiB"]:
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


def run(binary, name, args, output, cap_gib=None):
    """Runs one step as its own process; returns (name, wall s, cpu s, peak MiB, output bytes, ok). With
    `cap_gib`, the step's address space is capped (RLIMIT_AS) so that a step that would exhaust a shared
    machine's memory fails instead."""
    argv = [binary] + args
    print(f"\n== {name}: carestat " + " ".join(a if " " not in a else f'"{a}"' for a in args), flush=True)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    log = open(os.path.join(OUT, f"{name}.stdout"), "w")
    start = time.monotonic()
    def cap():
        if cap_gib:
            limit = int(cap_gib * 1024 ** 3)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    proc = subprocess.Popen(argv, stdout=log, stderr=None, env=env, cwd=OUT, preexec_fn=cap)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    log.close()
    ok = os.waitstatus_to_exitcode(status) == 0
    if not ok:
        print(f"   FAILED (exit {os.waitstatus_to_exitcode(status)}); stdout in {log.name}", flush=True)
    cpu = usage.ru_utime + usage.ru_stime
    return (name, wall, cpu, usage.ru_maxrss / 1024.0, size_of(output), ok)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-build", action="store_true", help="do not build carestat (use .build/release as it is)")
    ap.add_argument("--scale", type=float, default=1.0, help="population scale of the synthetic England (default 1)")
    ap.add_argument("--threads", type=int, default=2, help="worker threads for the steps that take --threads (default 2)")
    ap.add_argument("--markdown", help="also write the step table as Markdown to this file")
    ap.add_argument("--cap-gib", type=float, default=16.0,
                    help="address-space cap per step in GiB, so that a runaway step fails instead of exhausting a shared "
                         "machine (default 16; 0 for none)")
    ap.add_argument("--steps", help="comma-separated steps to run on the data of an earlier run (default: all, from scratch)")
    opts = ap.parse_args()

    if not opts.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "carestat"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, ".build", "release", "carestat")
    if not opts.steps:
        if os.path.exists(OUT):
            shutil.rmtree(OUT)
        os.makedirs(OUT)
    data = os.path.join(OUT, "england")
    episodes = os.path.join(data, "ssda903_episodes.csv")
    t = str(opts.threads)
    steps = [
        ("synth", ["synth", "--national", "--population-scale", str(opts.scale), "--out", data, "--threads", t,
                   "--progress"], data),
        ("validate", ["validate", "--ssda903", episodes, "--cin", data, "--quarantine", "quarantine.csv", "--progress"],
         os.path.join(OUT, "quarantine.csv")),
        ("return-to-care", ["derive", "return-to-care", "--ssda903", episodes, "--la",
                            os.path.join(data, "local_authorities.csv"), "--out", "rtc.csv", "--progress"], os.path.join(OUT, "rtc.csv")),
        ("periods", ["derive", "periods", "--ssda903", episodes, "--out", "periods.csv", "--progress"],
         os.path.join(OUT, "periods.csv")),
        ("la-counts", ["derive", "la-counts", "--ssda903", episodes, "--out", "la-counts.csv", "--progress"],
         os.path.join(OUT, "la-counts.csv")),
        ("sequences", ["derive", "sequences", "--ssda903", episodes, "--cin", data, "--from-age", "0", "--to-age", "18",
                       "--wide", "--out", "sequences.csv", "--threads", t, "--progress"], os.path.join(OUT, "sequences.csv")),
        ("cox", ["cox", "rtc.csv", COX], None),
        ("demand", ["demand", "--ssda903", episodes, "--horizon", "5y", "--threads", t, "--progress"], None),
    ]
    if opts.steps:
        wanted = opts.steps.split(",")
        unknown = [w for w in wanted if w not in [s[0] for s in steps]]
        if unknown:
            sys.exit(f"unknown steps: {', '.join(unknown)}")
        steps = [s for s in steps if s[0] in wanted]
    load = os.getloadavg()
    rows = []
    for name, args, output in steps:
        rows.append(run(binary, name, args, output, opts.cap_gib or None))
        r = rows[-1]
        print(f"   {r[0]}: {r[1]:.1f} s wall, {r[2]:.1f} s CPU, {r[3]:.0f} MiB peak, load {os.getloadavg()[0]:.2f}",
              flush=True)
    total_wall = sum(r[1] for r in rows)
    total_cpu = sum(r[2] for r in rows)
    peak = max(r[3] for r in rows)
    passed = all(r[5] for r in rows) and total_wall <= LIMIT_S and peak <= LIMIT_GIB * 1024
    load_after = os.getloadavg()

    header = ["step", "wall s", "CPU s", "peak RSS", "output"]
    table = [[r[0] + ("" if r[5] else " (FAILED)"), f"{r[1]:.1f}", f"{r[2]:.1f}", f"{r[3]:.0f} MiB",
              human(r[4]) if r[4] else "-"] for r in rows]
    table.append(["total", f"{total_wall:.1f}", f"{total_cpu:.1f}", f"{peak:.0f} MiB (max)", human(size_of(OUT))])
    widths = [max(len(header[i]), *(len(row[i]) for row in table)) for i in range(len(header))]
    print("\nNational pipeline (population scale %g, %d threads), %s, %d cores, load %.2f before / %.2f after"
          % (opts.scale, opts.threads, platform.machine(), os.cpu_count() or 0, load[0], load_after[0]))
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    verdict = ("PASS" if passed else "FAIL") + f": {total_wall:.0f} s of {LIMIT_S:.0f} s, peak {peak / 1024:.2f} GiB of {LIMIT_GIB:.0f} GiB"
    print(verdict)
    if opts.markdown:
        with open(opts.markdown, "w") as f:
            f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
            for row in table:
                f.write("| " + " | ".join(row) + " |\n")
            f.write(f"\n{verdict}\n")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
