#!/usr/bin/env python3
"""How fast the browser workbench answers: printed, not asserted.

    python3 Benchmarks/serve_bench.py --binary .build/release/verbatim

Generates two studies under /tmp with the bundled codebook: one 20,000-word transcript with 1,000
manual codings (written straight into codings/<coder>.jsonl), and 10,000 short transcripts. Starts
`verbatim serve --no-open --port 0` on each and times, as the median of a few requests: opening the
long transcript (GET /api/documents/{id} and the reader page), recording a coding (POST /api/codings),
and listing the 10,000 documents (GET /api/documents and the study page).
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODER = "Bench"
WORDS = ("alors la tablette internet peur arnaque voisin fille petit-fils mairie dossier impôts banque mot de passe "
         "appeler écran bouton volontaire atelier semaine content seul hiver médecin rendez-vous photo courriel "
         "message aide apprendre oublier essayer toujours jamais souvent vraiment beaucoup moins plus encore").split()


def study(base, name):
    root = os.path.join(base, name)
    os.makedirs(os.path.join(root, "transcripts"))
    with open(os.path.join(root, "verbatim.yaml"), "w", encoding="utf-8") as f:
        f.write("name: %s\nlanguage: fr\ntranscripts: transcripts\nspeakers:\n  interviewers: [Enquêtrice]\n"
                "codebook: %s\nunit: turn\n" % (name, os.path.join(ROOT, "Codebooks", "les-connectes.yaml")))
    return root


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def long_study(base, rng, words=20000, codings=1000):
    root = study(base, "long")
    parts, turns, count = [], [], 0
    while count < words:
        q = sentence(rng, 12)
        a = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 8)))
        parts.append("Enquêtrice : " + q)
        parts.append("Mme Durand : " + a)
        turns.append(None)
        turns.append(a)
        count += len(q.split()) + len(a.split())
    text = "\n\n".join(parts) + "\n"
    with open(os.path.join(root, "transcripts", "long.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    data = text.encode("utf-8")
    themes = ["peur-arnaques", "vigilance", "liens-famille", "demarches-seul", "isolement", "autonomie"]
    lines, pos = [], 0
    offsets = []
    for i, p in enumerate(parts):
        start = data.index(p.encode("utf-8"), pos)
        offsets.append(start)
        pos = start + len(p.encode("utf-8"))
    participant = [i for i in range(len(parts)) if i % 2 == 1]
    for k in range(codings):
        i = participant[k % len(participant)]
        body = parts[i][len("Mme Durand : "):]
        ws = body.split(" ")
        a = rng.randrange(0, max(1, len(ws) - 4))
        quote = " ".join(ws[a:a + 3])
        start = offsets[i] + len("Mme Durand : ".encode("utf-8")) + len(" ".join(ws[:a]).encode("utf-8")) + (1 if a else 0)
        end = start + len(quote.encode("utf-8"))
        before = data[max(0, start - 32):start].decode("utf-8", "ignore")
        after = data[end:end + 32].decode("utf-8", "ignore")
        lines.append(json.dumps({"id": "m-%012x" % k, "document": "long.txt", "turn": i + 1, "start": start, "end": end,
                                 "quote": quote, "prefix": before, "suffix": after, "theme": themes[k % len(themes)],
                                 "coder": CODER, "status": "manual", "time": "2026-01-01T00:00:00Z"}, ensure_ascii=False))
    os.makedirs(os.path.join(root, "codings"))
    with open(os.path.join(root, "codings", CODER + ".jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return root, len(text.split()), len(parts)


def many_study(base, rng, n=10000):
    root = study(base, "many")
    for i in range(n):
        with open(os.path.join(root, "transcripts", "D%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write("Enquêtrice : %s\n\nM. Martin : %s\n" % (sentence(rng, 8), sentence(rng, 30)))
    return root


class Server:
    def __init__(self, binary, root):
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        self.p = subprocess.Popen([binary, "serve", "--no-open", "--port", "0", "--coder", CODER], cwd=root,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.p.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", line)
        if not m:
            raise RuntimeError("no address: " + line + self.p.stderr.read()[:1000])
        self.base = "http://127.0.0.1:%s" % m.group(1)
        self.cookie = "verbatim_%s=%s" % (m.group(1), m.group(2))
        html = self.get("/search")[1]
        self.csrf = re.search(r'name="csrf-token" content="([0-9a-f]+)"', html).group(1)

    def request(self, path, method="GET", body=None):
        headers = {"Cookie": self.cookie}
        if method != "GET":
            headers.update({"Origin": self.base, "X-CSRF-Token": self.csrf, "Content-Type": "application/json"})
        r = urllib.request.Request(self.base + path, headers=headers, method=method,
                                   data=json.dumps(body).encode() if body is not None else None)
        t = time.perf_counter()
        with urllib.request.urlopen(r, timeout=1800) as answer:
            text = answer.read().decode("utf-8")
        return time.perf_counter() - t, text

    def get(self, path):
        return self.request(path)

    def stop(self):
        self.p.send_signal(2)
        self.p.wait(timeout=30)


def timed(label, runs, f):
    times = []
    for _ in range(runs):
        times.append(f())
    print("%-52s median %7.0f ms  (min %.0f, max %.0f, %d runs)" % (label, statistics.median(times) * 1000,
                                                                    min(times) * 1000, max(times) * 1000, runs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "verbatim"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--documents", type=int, default=10000)
    args = ap.parse_args()
    args.binary = os.path.abspath(args.binary)
    base = tempfile.mkdtemp(prefix="verbatim-serve-bench-")
    rng = random.Random(1)
    try:
        root, words, turns = long_study(base, rng)
        print("binary: %s" % args.binary)
        print("long transcript: %d words, %d turns, 1000 manual codings" % (words, turns))
        s = Server(args.binary, root)
        try:
            t, text = s.get("/api/documents/long.txt")
            doc = json.loads(text)
            print("  (placed %d codings of %d)" % (sum(1 for c in doc["codings"] if c["kind"] == "manual" and c["placed"]),
                                                 sum(1 for c in doc["codings"] if c["kind"] == "manual")))
            timed("GET /api/documents/long.txt", args.runs, lambda: s.get("/api/documents/long.txt")[0])
            timed("GET /documents/long.txt (reader page)", args.runs, lambda: s.get("/documents/long.txt")[0])
            k = [0]

            def tag():
                k[0] += 1
                return s.request("/api/codings", "POST", {"document": "long.txt", "turn": 2 * k[0], "theme": "vigilance"})[0]
            timed("POST /api/codings (1,000+ codings in the file)", args.runs, tag)
        finally:
            s.stop()
        many = many_study(base, rng, args.documents)
        print("%d short transcripts" % args.documents)
        s = Server(args.binary, many)
        try:
            timed("GET /api/documents (%d documents)" % args.documents, min(args.runs, 3), lambda: s.get("/api/documents")[0])
            timed("GET / (study page, %d documents)" % args.documents, min(args.runs, 3), lambda: s.get("/")[0])
        finally:
            s.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
