#!/usr/bin/env python3
"""Baseline: count codebook terms in a corpus with pyahocorasick, folding case and accents and
respecting word boundaries (what a careful Python script would do).

    python3 Benchmarks/pyahocorasick_count.py terms.txt CORPUS_DIR
"""
import os
import sys
import unicodedata

import ahocorasick


def fold(s):
    s = s.replace("’", "'").replace("œ", "oe").replace("æ", "ae").lower()
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def main():
    terms_path, corpus = sys.argv[1], sys.argv[2]
    automaton = ahocorasick.Automaton()
    with open(terms_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            t = fold(line.strip().replace("-", " "))
            if t:
                automaton.add_word(t, (i, len(t)))
    automaton.make_automaton()
    total = 0
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            text = fold(f.read().replace("-", " "))
        n = len(text)
        for end, (_, length) in automaton.iter(text):
            start = end - length + 1
            if (start == 0 or not text[start - 1].isalnum()) and (end + 1 >= n or not text[end + 1].isalnum()):
                total += 1
    print(total)


if __name__ == "__main__":
    main()
