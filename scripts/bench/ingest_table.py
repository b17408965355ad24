"""The ingest benchmark's tables (scripts/bench-ingest.sh): every run as measured, then per setup the
medians over the rounds, each Zige run set against the decoding yardstick of its own round (with a
folder), and a Zige run on S3 also against the yardstick putting into the same S3 server.
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
    "bare-decode-s3": "bare axum handler (full decode, put to moto)",
    "bare-decode-s3s": "bare axum handler (full decode, put to s3s-fs)",
}
# The yardstick that keeps its pictures where the setup does.
SAME_STORAGE_YARDSTICK = {"pg-s3": "bare-decode-s3", "pg-s3s": "bare-decode-s3s"}


def ratios_to(setup, yardstick_setup):
    yardstick = {r: v[0] for r, v in runs.get(yardstick_setup, {}).items()}
    return [runs[setup][r][0] / yardstick[r] for r in sorted(runs[setup]) if r in yardstick]


def shown(ratios):
    if not ratios:
        return ""
    return f"**{statistics.median(ratios):.2f}** ({', '.join(f'{x:.2f}' for x in ratios)})"


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

print()
print("Medians over the rounds:")
print()
print("| setup | uploads/s | p50 | p99 | × the same round's yardstick (median; each round) "
      "| × the same round's yardstick on the same S3 server |")
print("|---|---:|---:|---:|---|---|")
for setup, label in LABELS.items():
    if setup not in runs:
        continue
    values = runs[setup].values()
    rate = statistics.median(v[0] for v in values)
    p50 = statistics.median(v[1] for v in values)
    p99 = statistics.median(v[2] for v in values)
    if setup == "bare":
        ratio, same_storage = "", ""
    elif setup == "bare-decode":
        ratio, same_storage = "1.00", ""
    elif setup.startswith("bare-decode-"):
        ratio, same_storage = shown(ratios_to(setup, "bare-decode")), "1.00"
    else:
        ratio = shown(ratios_to(setup, "bare-decode"))
        same_storage = shown(ratios_to(setup, SAME_STORAGE_YARDSTICK[setup])) if setup in SAME_STORAGE_YARDSTICK else ""
    print(f"| {label} | {rate:.0f} | {p50:.0f} ms | {p99:.0f} ms | {ratio} | {same_storage} |")
