#!/usr/bin/env bash
# The face detector (domain::face_finder) on 200 real portraits and 100 pictures without a face,
# and the crop around the face against the exam's frame: the table in docs/benchmarks.md ("Before sending").
# Usage: ./scripts/bench-faces.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import skimage, PIL' scikit-image pillow)"
work="$(mktemp -d /tmp/zige-faces.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$python" scripts/bench/face_set.py "$work"
# With the test command's flags: its build is reused, and the app's views need them to compile.
RUSTFLAGS="--cfg erase_components" cargo run --quiet -p app --features ssr --example face_set -- "$work"
