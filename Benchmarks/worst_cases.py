#!/usr/bin/env python3
"""Worst cases of issue 17 ("time that grows faster than the input"), each generated at two sizes (1x
and 4x) and read by the release binary (`verbatim transcripts FILE`): prints seconds per MB at both
sizes, so that anything non-linear shows as a growing figure.

    swift build -c release --scratch-path .build-release
    python3 Benchmarks/worst_cases.py [--binary .build-release/release/verbatim] [--scale 1]
"""
import argparse, os, subprocess, tempfile, time

def single_newline_turns(n):
    return "".join(("Enquêteur : question %d ?\n" if k % 2 == 0 else "Marie : réponse %d.\n") % k for k in range(n))

def long_paragraph(n):
    return "".join("ligne %d d'un long paragraphe sans ligne vide\n" % k for k in range(n))

def sbv_without_blank_lines(n):
    return "0:00:01.000,0:00:02.000\n" + "".join("texte du sous-titre %d\n" % k for k in range(n))

def vtt_brackets(n):
    return "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "a<" * n + "\n"

def long_turn(n):
    return "Enquêteur : bonjour ?\n\nMarie : " + " ".join("peur confiance internet" for _ in range(n)) + "\n\nEnquêteur : merci.\n\nMarie : au revoir.\n"

CASES = [
    ("txt, turns on single newlines", "txt", single_newline_turns, 20000),
    ("txt, one long multi-line paragraph", "txt", long_paragraph, 20000),
    ("sbv without blank lines", "sbv", sbv_without_blank_lines, 20000),
    ("vtt cue with many '<' and no '>'", "vtt", vtt_brackets, 40000),
    ("one very long turn", "txt", long_turn, 100000),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/verbatim")
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, ext, gen, base in CASES:
            row = []
            for mult in (1, 4):
                path = os.path.join(tmp, "case.%s" % ext)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(gen(int(base * args.scale * mult)))
                mb = os.path.getsize(path) / 1e6
                t0 = time.monotonic()
                r = subprocess.run([args.binary, "transcripts", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = time.monotonic() - t0
                row.append("%dx %.2f MB %.2f s (%.2f s/MB, exit %d)" % (mult, mb, dt, dt / mb, r.returncode))
            print("%-38s %s" % (name, " | ".join(row)), flush=True)

if __name__ == "__main__":
    main()
