#!/usr/bin/env python3
"""Speed and memory of `verbatim code` against ripgrep and a pyahocorasick script, side by side.

    python3 Benchmarks/code_bench.py [--sizes 30 100 300] [--work /tmp/verbatim-code-bench] [--runs 3]

For each corpus size (MB), generates the synthetic corpus and codebook (Benchmarks/generate_corpus.py) once
(again when the generator changes), then times, best of --runs (verbatim and rg alternating):
  - verbatim code --codebook codebook.yaml corpus/   (release build; read, segment, normalise, match, count;
    both cores)
  - rg -c -i -F -f terms.txt corpus/                 (ripgrep, both cores by default)
  - python3 Benchmarks/pyahocorasick_count.py        (one run: accent folding and word boundaries)
and prints throughput, the ratios, the time per 100 MB (linearity) and each program's peak memory.
It first builds verbatim in release mode with the Swift runtime linked in statically
(swift build -c release --static-swift-stdlib --product verbatim), which starts faster than the
dynamically linked build (about 15 ms instead of 20, and calls into the runtime are direct).
Needs: rg (Debian ripgrep), pyahocorasick (pip).
"""
import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, cwd):
    """Runs cmd, returns (seconds, peak RSS in MB of that child)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.WEXITSTATUS(status) not in (0, 1):
        sys.exit(f"command failed ({os.WEXITSTATUS(status)}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300])
    ap.add_argument("--work", default="/tmp/verbatim-code-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-python", action="store_true", help="skip the pyahocorasick baseline")
    ap.add_argument("--no-build", action="store_true", help="use .build/release/verbatim as it is")
    args = ap.parse_args()

    verbatim = os.path.join(ROOT, ".build", "release", "verbatim")
    if not args.no_build:
        print("building: swift build -c release --static-swift-stdlib --product verbatim", file=sys.stderr, flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "verbatim"], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(verbatim):
        sys.exit("build first: swift build -c release --static-swift-stdlib --product verbatim")
    rg = shutil.which("rg")
    try:
        import ahocorasick  # noqa: F401
        have_py = not args.no_python
    except ImportError:
        have_py = False
        print("pyahocorasick not installed (pip install pyahocorasick): Python baseline skipped")

    print(f"{'MB':>5} {'verbatim s':>10} {'MB/s':>7} {'peak MB':>8} | {'rg s':>6} {'MB/s':>7} {'ratio':>6} | "
          f"{'python s':>8} {'ratio':>6} | {'s/100MB':>7}")
    rows = []
    for mb in args.sizes:
        out = os.path.join(args.work, f"corpus-{mb}")
        # A corpus made by another version of the generator is made again.
        generator = os.path.join(ROOT, "Benchmarks", "generate_corpus.py")
        with open(generator, "rb") as f:
            fingerprint = hashlib.sha256(f.read()).hexdigest()
        stamp = os.path.join(out, "generator.sha256")
        if not os.path.exists(stamp) or open(stamp).read().strip() != fingerprint:
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run([sys.executable, generator, out, "--mb", str(mb)], check=True, stdout=subprocess.DEVNULL)
            with open(stamp, "w") as f:
                f.write(fingerprint + "\n")
        size = sum(os.path.getsize(os.path.join(out, "corpus", f)) for f in os.listdir(os.path.join(out, "corpus"))) / 1048576
        # verbatim and rg alternate, run after run, so that both see the machine in the same state.
        v_runs, r_runs = [], []
        for _ in range(args.runs):
            v_runs.append(run([verbatim, "code", "--codebook", "codebook.yaml", "corpus"], out))
            if rg:
                r_runs.append(run([rg, "-c", "-i", "-F", "-f", "terms.txt", "corpus"], out))
        v_s, v_mem = min(r[0] for r in v_runs), max(r[1] for r in v_runs)
        r_s = min(r[0] for r in r_runs) if r_runs else float("nan")
        if have_py:
            p_s, _ = run([sys.executable, os.path.join(ROOT, "Benchmarks", "pyahocorasick_count.py"), "terms.txt", "corpus"], out)
        else:
            p_s = float("nan")
        v_tp = size / v_s
        print(f"{size:5.0f} {v_s:10.3f} {v_tp:7.1f} {v_mem:8.0f} | {r_s:6.3f} {size / r_s:7.1f} {v_tp / (size / r_s):6.2f} | "
              f"{p_s:8.2f} {v_tp / (size / p_s):6.1f} | {100 * v_s / size:7.3f}", flush=True)
        rows.append((size, v_s, v_mem))
    print("ratio = verbatim throughput / baseline throughput (targets: >= 0.5 against rg, >= 20 against Python);")
    print("s/100MB should stay flat as the corpus grows (linear time); peak MB should stay under 200 whatever the size.")


if __name__ == "__main__":
    main()
