#!/usr/bin/env bash
# How well the server reads the holder's printed 证件号码 off a 学历证书电子注册备案表 (issue 55), as
# bench-id-ocr.sh measures it on ID cards: draws COUNT records (A4, real fonts, valid GB 11643
# numbers, some ending in X, and a 证书编号 of 18 digits beside them) scanned or photographed on a
# table, inside exam 004's 400–600 KiB window, and 6 that must not read (the number smeared or
# covered, a wrong check digit, a page printing only its 证书编号) (scripts/bench/xuexin_records.py),
# then reads each with the pipeline the server runs on them (scripts/bench/id-number-ocr:
# picture_checks' number line and Debian's tesseract-ocr, release). Prints per picture and the
# totals: read exactly, false reads (must be 0), unreadable, time per picture. Figures in
# docs/benchmarks.md.
# Usage: ./scripts/bench-record-ocr.sh [COUNT]  (COUNT readable-intended records, 60 by default)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import PIL, numpy' pillow numpy)"
work="$(mktemp -d /tmp/zige-record-ocr.XXXXXX)"
trap 'rm -rf "$work"' EXIT
(cd scripts/bench && nice -n 10 "$python" xuexin_records.py "$work/records" "${1:-60}")
cd scripts/bench/id-number-ocr
nice -n 10 cargo build --release --quiet
nice -n 10 ./target/release/id-number-ocr "$work/records" "$(command -v tesseract)"
