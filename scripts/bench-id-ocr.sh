#!/usr/bin/env bash
# How well the server reads the 公民身份号码 off an uploaded ID card (issue 34): draws 80 cards
# (front, real fonts, valid GB 11643 numbers, some ending in X) scanned on A4 or photographed on a
# table — tilt, rotation, blur, noise, uneven light, JPEG inside the exam's 400–600 KiB window —
# and 8 that must not read (number covered or smeared, a wrong check digit, nothing there)
# (scripts/bench/id_cards.py, Pillow and NumPy from PyPI), then reads each with the pipeline in
# picture_checks (Debian's tesseract-ocr on the located, straightened number line;
# native, release). Prints per picture and the totals: read exactly, false reads (must be 0),
# unreadable, time per picture. Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-id-ocr.sh [COUNT]  (COUNT readable-intended cards, 80 by default)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import PIL, numpy' pillow numpy)"
work="$(mktemp -d /tmp/zige-id-ocr.XXXXXX)"
trap 'rm -rf "$work"' EXIT
nice -n 10 "$python" scripts/bench/id_cards.py "$work/cards" "${1:-80}"
cd scripts/bench/id-number-ocr
nice -n 10 cargo build --release --quiet
nice -n 10 ./target/release/id-number-ocr "$work/cards" "$(command -v tesseract)"
