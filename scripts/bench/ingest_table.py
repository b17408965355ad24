"""The ingest benchmark's tables (scripts/bench-ingest.sh): every run as measured, then per setup the
medians over the rounds, each Zige run set against the decoding yardstick of its own round.
Usage: ingest_table.py runs.tsv   (lines: setup, round, uploads/s, p50, p99, uploads, failed)"""

import statistics
import sys
from collections import defaultdict

LABELS = {
    "bare": "bare axum handler (write + fsync)",
    "bare-decode": "bare axum handler (full decode, write + fsync)",
    "sqlite": "Zige, SQLite + folder",
    "pg-folder": "Zige, PostgreSQL + folder",
    "pg-s3": "Zige, PostgreSQL + S3 (moto)",
    "pg-s3s": "Zige, PostgreSQL + S3 (s3s-fs)",
}

runs = defaultdict(dict)
for line in open(sys.argv[1]):
    setup, round_, rate, p50, p99, count, failed = line.rstrip("\n").split("\t")
    runs[setup][int(round_)] = (float(rate), int(float(p50)), int(float(p99)), int(count), int(failed))

print("Every run, in the order measured (round: uploads/s, p50, p99, failed):")
print()
print("| setup | " + " | ".join(f"round {r}" for r in sorted(runs["bare-decode"])) + " |")
print("|---|" + "---:|" * len(runs["bare-decode"]))
for setup, label in LABELS.items():
    if setup in runs:
        cells = [f"{rate:.0f}/s, {p50}/{p99} ms" + (f", {failed} failed" if failed else "")
                 for _, (rate, p50, p99, _, failed) in sorted(runs[setup].items())]
        cells += [""] * (len(runs["bare-decode"]) - len(cells))
        print(f"| {label} | " + " | ".join(cells) + " |")

yardstick = {r: v[0] for r, v in runs["bare-decode"].items()}
print()
print("Medians over the rounds:")
print()
print("| setup | uploads/s | p50 | p99 | × the same round's yardstick (median; each round) |")
print("|---|---:|---:|---:|---|")
for setup, label in LABELS.items():
    if setup not in runs:
        continue
    values = runs[setup].values()
    rate = statistics.median(v[0] for v in values)
    p50 = statistics.median(v[1] for v in values)
    p99 = statistics.median(v[2] for v in values)
    if setup.startswith("bare"):
        ratio = "1.00" if setup == "bare-decode" else ""
    else:
        ratios = [runs[setup][r][0] / yardstick[r] for r in sorted(runs[setup]) if r in yardstick]
        ratio = f"**{statistics.median(ratios):.2f}** ({', '.join(f'{x:.2f}' for x in ratios)})"
    print(f"| {label} | {rate:.0f} | {p50:.0f} ms | {p99:.0f} ms | {ratio} |")
