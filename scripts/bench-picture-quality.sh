#!/usr/bin/env bash
# The advice on how a picture looks (domain::picture_quality) on real photographs: the photos
# scikit-image ships (PyPI), each also blurred, darkened and washed out, and the exams' example
# pictures. Prints the table in docs/photo-quality.md, from which the thresholds were chosen.
# Usage: ./scripts/bench-picture-quality.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
if ! "$ZIGE_TOOLS/pyenv/bin/python" -c 'import skimage, PIL' >/dev/null 2>&1; then
  step "installing scikit-image and Pillow (PyPI)"
  [ -x "$ZIGE_TOOLS/pyenv/bin/python" ] || python3 -m venv "$ZIGE_TOOLS/pyenv"
  "$ZIGE_TOOLS/pyenv/bin/pip" install --quiet scikit-image pillow
fi
work="$(mktemp -d /tmp/zige-quality.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$ZIGE_TOOLS/pyenv/bin/python" scripts/bench/picture_quality_set.py "$work" exams/examples
cargo run --quiet -p app --example picture_quality_set -- "$work"
