#!/usr/bin/env bash
# Which perceptual hash, and which threshold, for "this picture shows another candidate's document"
# (issue 34): draws 8 certificates on one template and 3 on another, each scanned and photographed
# 9 ways (tilt, light, margins, cut edges, blur, turn, EXIF orientation, JPEG, scale;
# scripts/bench/similar_documents.py, Pillow and NumPy from PyPI), hashes every picture with each
# candidate configuration (scripts/bench/picture-hashes, image_hasher, release) and prints, per
# configuration, the largest distance between pictures of one paper, the smallest between
# different papers, the threshold it suggests and the time per picture; then what the server's
# second and third looks (the certificates' numbers read; a blurred number's line laid against a
# read one) tell apart of the pairs the hash joins, and what the look at the two papers' layouts
# (which the server takes before the numbers) parts of them. Figures in docs/benchmarks.md.
# Usage: ./scripts/bench-picture-hashes.sh [SHOT_SEED] (another seed photographs the same papers
# anew, to check on fresh photos a choice made on the default ones)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import PIL, numpy' pillow numpy)"
work="$(mktemp -d /tmp/zige-hashes.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$python" scripts/bench/similar_documents.py "$work/pictures" "${1:-0}"
cd scripts/bench/picture-hashes
cargo build --release --quiet
./target/release/picture-hashes "$work/pictures"
