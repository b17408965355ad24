#!/usr/bin/env bash
# The advice on how a picture looks (domain::picture_quality) on real photographs: the photos
# scikit-image ships (PyPI), each also blurred, darkened and washed out, and the exams' example
# pictures. Prints the table in docs/photo-quality.md, from which the thresholds were chosen.
# Usage: ./scripts/bench-picture-quality.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import skimage, PIL' scikit-image pillow)"
work="$(mktemp -d /tmp/zige-quality.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$python" scripts/bench/picture_quality_set.py "$work" exams/examples
# With the test command's flags: its build is reused, and the app's views need them to compile.
RUSTFLAGS="--cfg erase_components" cargo run --quiet -p app --example picture_quality_set -- "$work"
