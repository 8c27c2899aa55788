#!/usr/bin/env python3
"""Worst cases of issue 17 ("time that grows faster than the input"), each generated at two sizes (1x
and 4x) in a one-document study and run through the release binary: prints seconds per MB at both
sizes, so that anything non-linear shows as a growing figure. Reading cases run `verbatim transcripts
FILE`; the others run the command named in the row (`check`, `code --format csv`, `code`).

    swift build -c release --scratch-path .build-release
    python3 Benchmarks/worst_cases.py [--binary .build-release/release/verbatim] [--scale 1]
"""
import argparse, os, shutil, subprocess, tempfile, time

def single_newline_turns(n):
    return "".join(("Enquêteur : question %d ?\n" if k % 2 == 0 else "Marie : réponse %d.\n") % k for k in range(n))

def long_paragraph(n):
    return "".join("ligne %d d'un long paragraphe sans ligne vide\n" % k for k in range(n))

def sbv_without_blank_lines(n):
    return "0:00:01.000,0:00:02.000\n" + "".join("texte du sous-titre %d\n" % k for k in range(n))

def vtt_brackets(n):
    return "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "a<" * n + "\n"

def long_turn(n):
    # Marie speaks three times, so that her label is recognised and the long turn is coded.
    return ("Enquêteur : bonjour ?\n\nMarie : oui.\n\nEnquêteur : et ?\n\nMarie : "
            + "peur confiance internet " * n + "\n\nEnquêteur : merci.\n\nMarie : au revoir.\n")

def base26(k):
    s = ""
    while True:
        s = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[k % 26] + s
        k //= 26
        if k == 0:
            return s

def misspelt_labels(n):
    # n/4 recognised labels (three turns each) and as many one-turn labels one letter away.
    out = []
    for k in range(n // 4):
        name = "Marie Dupont" + base26(k)
        out.append("Enquêteur : question ?\n\n%s : oui.\n\n" % name * 3 + "%sx : non.\n\n" % name)
    return "".join(out)

def backtracking(n):
    return "Enquêteur : Bonjour.\n\nMarie : " + "a" * n + "b\n"

CODEBOOK = "codebook: worst\nlanguage: fr\nthemes:\n  - id: peur\n    label: Peur\n    rules:\n      - any: [peur]\n"
REDOS = "codebook: worst\nlanguage: fr\nthemes:\n  - id: danger\n    label: Danger\n    rules:\n      - any: ['re:(a+)+$']\n"

# (name, extension, generator, base size, command or None for `transcripts FILE`, codebook)
CASES = [
    ("txt, turns on single newlines", "txt", single_newline_turns, 20000, None, CODEBOOK),
    ("txt, one long multi-line paragraph", "txt", long_paragraph, 20000, None, CODEBOOK),
    ("sbv without blank lines", "sbv", sbv_without_blank_lines, 20000, None, CODEBOOK),
    ("vtt cue with many '<' and no '>'", "vtt", vtt_brackets, 40000, None, CODEBOOK),
    ("one very long turn (code --format csv)", "txt", long_turn, 100000, ["code", "--format", "csv"], CODEBOOK),
    ("misspelt speaker labels (check)", "txt", misspelt_labels, 4000, ["check"], CODEBOOK),
    ("regex (a+)+$ on a long turn (code)", "txt", backtracking, 20000, ["code"], REDOS),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/verbatim")
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as tmp:
        for name, ext, gen, base, command, codebook in CASES:
            row = []
            for mult in (1, 4):
                study = os.path.join(tmp, "study")
                shutil.rmtree(study, ignore_errors=True)
                os.makedirs(os.path.join(study, "transcripts"))
                with open(os.path.join(study, "verbatim.yaml"), "w", encoding="utf-8") as f:
                    f.write("name: worst\nlanguage: fr\ntranscripts: transcripts\ncodebook: codebook.yaml\n")
                with open(os.path.join(study, "codebook.yaml"), "w", encoding="utf-8") as f:
                    f.write(codebook)
                path = os.path.join("transcripts", "case.%s" % ext)
                with open(os.path.join(study, path), "w", encoding="utf-8") as f:
                    f.write(gen(int(base * args.scale * mult)))
                mb = os.path.getsize(os.path.join(study, path)) / 1e6
                t0 = time.monotonic()
                r = subprocess.run([binary] + (command or ["transcripts", path]), cwd=study,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = time.monotonic() - t0
                row.append("%dx %.2f MB %.2f s (%.2f s/MB, exit %d)" % (mult, mb, dt, dt / mb, r.returncode))
            print("%-40s %s" % (name, " | ".join(row)), flush=True)

if __name__ == "__main__":
    main()
