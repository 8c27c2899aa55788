#!/usr/bin/env python3
"""Compares two builds of `verbatim code` on the same corpora, runs alternating, best of --runs.

    python3 Benchmarks/code_ab.py BASE_BINARY NEW_BINARY [--mb 100] [--work /tmp/verbatim-code-ab] [--runs 5]

Makes (once) the generated corpus of --mb MB (Benchmarks/generate_corpus.py: files of about 2 MB) and the
same text cut at speaker turns into files of about 32 KB, the size of a real interview transcript, then
times both binaries on three cases: few large files with the generated codebook, many 32 KB files with
the generated codebook, many 32 KB files with the bundled codebook (which has a regular-expression term).
Prints seconds, MB/s and peak memory of each, and the ratio of their times. Build the binaries with
`swift build -c release --static-swift-stdlib --product verbatim` (e.g. in a git worktree of the older
commit). Figures, not assertions: the machine's speed drifts, hence the alternation.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from code_bench import run  # noqa: E402  (seconds and peak RSS of one command)


def corpora(work, mb):
    big = os.path.join(work, f"corpus-{mb}")
    if not os.path.exists(os.path.join(big, "codebook.yaml")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_corpus.py"), big, "--mb", str(mb)],
                       check=True, stdout=subprocess.DEVNULL)
    small = os.path.join(work, f"small-{mb}")
    marker = os.path.join(small, ".complete")
    if not os.path.exists(marker):
        dst = os.path.join(small, "corpus")
        os.makedirs(dst, exist_ok=True)
        n, buf, size = 0, [], 0
        for name in sorted(os.listdir(os.path.join(big, "corpus"))):
            with open(os.path.join(big, "corpus", name), encoding="utf-8") as f:
                for p in f.read().split("\n\n"):
                    buf.append(p)
                    size += len(p.encode("utf-8")) + 2
                    if size >= 32 * 1024:
                        with open(os.path.join(dst, f"T{n:05d}.txt"), "w", encoding="utf-8") as out:
                            out.write("\n\n".join(buf) + "\n")
                        n, buf, size = n + 1, [], 0
        if buf:
            with open(os.path.join(dst, f"T{n:05d}.txt"), "w", encoding="utf-8") as out:
                out.write("\n\n".join(buf) + "\n")
        with open(os.path.join(big, "codebook.yaml"), encoding="utf-8") as f, \
                open(os.path.join(small, "codebook.yaml"), "w", encoding="utf-8") as g:
            g.write(f.read())
        open(marker, "w").close()
    return big, small


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--work", default="/tmp/verbatim-code-ab")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    big, small = corpora(args.work, args.mb)
    n_small = len(os.listdir(os.path.join(small, "corpus")))
    bundled = os.path.join(ROOT, "Codebooks", "les-connectes.yaml")
    cases = [
        (f"{args.mb} MB in files of ~2 MB, generated codebook", big, ["code", "--codebook", "codebook.yaml", "corpus"]),
        (f"{args.mb} MB in {n_small} files of ~32 KB, generated codebook", small, ["code", "--codebook", "codebook.yaml", "corpus"]),
        (f"{args.mb} MB in {n_small} files of ~32 KB, bundled codebook", small, ["code", "--codebook", bundled, "corpus"]),
    ]
    for name, cwd, cmd in cases:
        a_runs, b_runs = [], []
        for _ in range(args.runs):
            a_runs.append(run([args.base] + cmd, cwd))
            b_runs.append(run([args.new] + cmd, cwd))
        a, b = min(r[0] for r in a_runs), min(r[0] for r in b_runs)
        print(f"{name}:\n  base {a:.3f} s {args.mb / a:6.0f} MB/s {max(r[1] for r in a_runs):4.0f} MB peak | "
              f"new {b:.3f} s {args.mb / b:6.0f} MB/s {max(r[1] for r in b_runs):4.0f} MB peak | new/base time {b / a:.3f}",
              flush=True)


if __name__ == "__main__":
    main()
