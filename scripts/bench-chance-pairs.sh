#!/usr/bin/env bash
# How often two unrelated candidates' pictures meet by chance under the assistant's hash and its
# threshold (issue 34): draws COUNT candidates' seven pictures each, as the reviewer-speed
# benchmark hands them in (scripts/bench/reviewer-speed/seed_applications.py --draw, on two
# processes: ID photo, ID card front and back, diploma, appointment — a plain official letter laid
# out as GB/T 9704 lays out every such letter, so two people's letters differ only in their words —,
# title certificate, 学信网 备案表, each with its own layout and light; the ID photos all show one
# real face, so their pairs are not chance either), hashes every picture as the server does and
# compares every two candidates' pictures (scripts/bench/picture-hashes --chance).
# Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-chance-pairs.sh [COUNT, default 500: about 6 million pairs]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import PIL, numpy, qrcode, requests, skimage' pillow numpy qrcode requests scikit-image)"
work="$(mktemp -d /tmp/zige-chance.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$python" scripts/bench/reviewer-speed/seed_applications.py --draw "$work/pictures" "${1:-500}"
cd scripts/bench/picture-hashes
cargo build --release --quiet
./target/release/picture-hashes --chance "$work/pictures"
