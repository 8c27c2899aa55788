#!/usr/bin/env python3
"""Speed of the study index and of search on a study shaped like a real one.

    python3 Benchmarks/index_bench.py [--files 10000] [--kb 32] [--work /tmp/verbatim-index-bench] [--no-build]

Generates the synthetic corpus (Benchmarks/generate_corpus.py) once, cuts it at speaker turns into --files
transcripts of about --kb KB each, makes a study of them (verbatim.yaml naming the generated codebook), then
times, with the release build:
  - verbatim code                   (the coding speed the first index build is compared with)
  - verbatim index                  (first build: every document read, coded and stored)
  - verbatim index                  (nothing changed)
  - verbatim index                  after one transcript was edited (one document read again)
  - verbatim search QUERY           for a few queries (the index is checked for changes first)
and prints each time. Figures, not assertions: run it on a quiet machine.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, cwd):
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode not in (0, 1):
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return elapsed, r.stdout


def make_study(work, files, kb):
    study = os.path.join(work, f"study-{files}x{kb}")
    marker = os.path.join(study, ".complete")
    if os.path.exists(marker):
        return study
    mb = max(1, files * kb // 1024 + 1)
    gen = os.path.join(work, f"gen-{mb}")
    if not os.path.exists(os.path.join(gen, "codebook.yaml")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_corpus.py"), gen, "--mb", str(mb)], check=True)
    shutil.rmtree(study, ignore_errors=True)
    tdir = os.path.join(study, "transcripts")
    os.makedirs(tdir)
    target = kb * 1024
    n = 0
    buf = []
    size = 0
    for name in sorted(os.listdir(os.path.join(gen, "corpus"))):
        with open(os.path.join(gen, "corpus", name), encoding="utf-8") as f:
            paragraphs = f.read().split("\n\n")
        for p in paragraphs:
            buf.append(p)
            size += len(p.encode("utf-8")) + 2
            if size >= target and n < files:
                with open(os.path.join(tdir, f"T{n:05d}.txt"), "w", encoding="utf-8") as out:
                    out.write("\n\n".join(buf) + "\n")
                n += 1
                buf, size = [], 0
        if n >= files:
            break
    shutil.copy(os.path.join(gen, "codebook.yaml"), os.path.join(study, "codebook.yaml"))
    with open(os.path.join(study, "verbatim.yaml"), "w", encoding="utf-8") as f:
        f.write("name: index benchmark\nlanguage: fr\ncodebook: codebook.yaml\ntranscripts: transcripts\n")
    open(marker, "w").close()
    print(f"study: {n} transcripts of about {kb} KB in {study}", file=sys.stderr)
    return study


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--kb", type=int, default=32)
    ap.add_argument("--work", default="/tmp/verbatim-index-bench")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "verbatim"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    verbatim = os.path.join(ROOT, ".build", "release", "verbatim")
    study = make_study(args.work, args.files, args.kb)
    shutil.rmtree(os.path.join(study, ".verbatim"), ignore_errors=True)
    names = os.listdir(os.path.join(study, "transcripts"))
    mb = sum(os.path.getsize(os.path.join(study, "transcripts", f)) for f in names) / 1e6
    print(f"{len(names)} transcripts, {mb:.0f} MB, {os.cpu_count()} cores")
    t, _ = timed([verbatim, "code"], study)
    print(f"verbatim code                   {t:7.3f} s")
    t, out = timed([verbatim, "index"], study)
    print(f"verbatim index (first build)    {t:7.3f} s   {out.strip()}")
    t, out = timed([verbatim, "index"], study)
    print(f"verbatim index (no change)      {t:7.3f} s")
    edited = os.path.join(study, "transcripts", "T00042.txt")
    with open(edited, "a", encoding="utf-8") as f:
        f.write("\nEnquêteur : Une question ajoutée.\n\nSenior : Une réponse ajoutée, avec internet.\n")
    t, out = timed([verbatim, "index"], study)
    print(f"verbatim index (one edited)     {t:7.3f} s   {out.strip()}")
    for q in ["internet", "peur NEAR internet", "\"prendre rendez-vous\"", "inquiét*"]:
        t, out = timed([verbatim, "search", q, "--format", "csv"], study)
        hits = max(0, out.count("\n") - 1)
        print(f"verbatim search {q:22s} {t:7.3f} s   {hits} hits")


if __name__ == "__main__":
    main()
