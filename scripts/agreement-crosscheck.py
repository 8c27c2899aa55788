#!/usr/bin/env python3
"""Cross-checks `verbatim agree --matrix` against independent implementations.

On a few hundred random reliability tables (2 to 6 coders, 2 to 40 units, 2 to 6 values, missing cells,
coders who mostly agree or not at all), it compares:

- Krippendorff's alpha at every level with the PyPI package `krippendorff`
  (`krippendorff.alpha(reliability_data=..., level_of_measurement=...)`);
- Cohen's kappa of two-coder tables with scikit-learn's `cohen_kappa_score` on the units both coded;

to 1e-9. A statistic both sides leave undefined (the package raises or returns NaN, verbatim gives null
with a note) agrees. It prints each failure, then `agreement: N passed, M failed`, and exits 1 when any
comparison failed.

    python3 -m pip install krippendorff scikit-learn   # once
    swift build
    python3 scripts/agreement-crosscheck.py [--verbatim .build/debug/verbatim] [--tables 300] [--seed 1]
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import warnings

try:
    import numpy as np
    import krippendorff
    from sklearn.metrics import cohen_kappa_score
except ImportError as e:  # pragma: no cover - a missing dependency is said in one line
    print(f"agreement-crosscheck: {e.name} is missing: python3 -m pip install krippendorff scikit-learn", file=sys.stderr)
    sys.exit(2)

LEVELS = ["nominal", "ordinal", "interval", "ratio"]
TOLERANCE = 1e-9


def random_table(rng):
    """A units × coders table of numbers or None, and whether its values are all positive."""
    coders = rng.choice([2, 2, 2, 3, 4, 5, 6])
    units = rng.randint(2, 40)
    k = rng.randint(2, 6)
    missing = rng.choice([0.0, 0.0, 0.1, 0.25, 0.4])
    agreement = rng.choice([0.0, 0.5, 0.8, 0.95])
    step = rng.choice([1, 1, 0.5])
    values = [1 + i * step for i in range(k)]  # positive, so that the ratio metric is defined everywhere
    rows = []
    for _ in range(units):
        truth = rng.choice(values)
        row = []
        for _ in range(coders):
            if rng.random() < missing:
                row.append(None)
            else:
                row.append(truth if rng.random() < agreement else rng.choice(values))
        rows.append(row)
    return rows


def write_csv(path, rows):
    coders = len(rows[0])
    with open(path, "w", encoding="utf-8") as f:
        f.write("unit," + ",".join(f"c{j + 1}" for j in range(coders)) + "\n")
        for i, row in enumerate(rows):
            f.write(f"u{i + 1}," + ",".join("" if v is None else format_number(v) for v in row) + "\n")


def format_number(v):
    return str(int(v)) if float(v).is_integer() else repr(v)


def ours(verbatim, path, level):
    r = subprocess.run([verbatim, "agree", "--matrix", path, "--level", level, "--format", "json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"verbatim agree exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def reference_alpha(rows, level):
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float).T  # coders × units
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            a = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
        except (ValueError, ZeroDivisionError):
            return None
    return None if a is None or not math.isfinite(a) else float(a)


def reference_kappa(rows):
    pairs = [(row[0], row[1]) for row in rows if row[0] is not None and row[1] is not None]
    if not pairs:
        return None
    a = [format_number(x) for x, _ in pairs]
    b = [format_number(y) for _, y in pairs]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = cohen_kappa_score(a, b)
    return None if not math.isfinite(k) else float(k)


def same(x, y):
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= TOLERANCE


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--verbatim", default=os.environ.get("VERBATIM", os.path.join(here, "..", ".build", "debug", "verbatim")))
    parser.add_argument("--tables", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not os.access(args.verbatim, os.X_OK):
        print(f"agreement-crosscheck: {args.verbatim}: no verbatim executable (swift build, or --verbatim PATH)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for t in range(args.tables):
            rows = random_table(rng)
            path = os.path.join(tmp, f"table-{t}.csv")
            write_csv(path, rows)
            for level in LEVELS:
                got = ours(args.verbatim, path, level)
                checks = [("krippendorff_alpha", got["krippendorff_alpha"], reference_alpha(rows, level))]
                if level == "nominal" and len(rows[0]) == 2:
                    checks.append(("cohen_kappa", got["cohen_kappa"], reference_kappa(rows)))
                for name, mine, theirs in checks:
                    if same(mine, theirs):
                        passed += 1
                    else:
                        failed += 1
                        print(f"table {t} (seed {args.seed}), {level}: {name} verbatim {mine} reference {theirs}\n  rows: {rows}")
    print(f"agreement: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
