#!/usr/bin/env bash
# Which QR decoder for a photographed 学信网 report (issue 34): draws 54 phone-like photographs of
# a page with a verification code (module size, tilt, blur, uneven light, noise, scale, JPEG
# quality; scripts/bench/qr_photos.py, Pillow and NumPy from PyPI) and 4 that must not read (cut
# off, smeared, glare, no code), reads each with rxing and with rqrr (native, release), then weighs
# rxing's QR reader as a WASM module (opt-level z, wasm-opt -Oz, brotli). Figures in
# docs/benchmarks.md. Usage: ./scripts/bench-qr-decoders.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
python="$(bench_python 'import qrcode, PIL, numpy, brotli' qrcode pillow numpy brotli)"
work="$(mktemp -d /tmp/zige-qr.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$python" scripts/bench/qr_photos.py "$work/photos"
cd scripts/bench/qr-decoders
cargo build --release --quiet
./target/release/qr-decoders "$work/photos"
cargo build --profile wasm --target wasm32-unknown-unknown --lib --quiet
wasm-opt -Oz target/wasm32-unknown-unknown/wasm/qr_decoders.wasm -o "$work/qr.wasm"
printf 'rxing QR reader as WASM: %s bytes, %s brotli\n' "$(stat -c %s "$work/qr.wasm")" \
  "$("$python" -c 'import brotli, sys; print(len(brotli.compress(open(sys.argv[1], "rb").read(), quality=11)))' "$work/qr.wasm")"
