#!/usr/bin/env bash
# Installs what is missing, builds a release and serves Zige at http://127.0.0.1:3000 on the
# embedded default: SQLite and a blob folder under ./data, migrations applied at start, the demo
# exam and demo accounts created on first run and printed below.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
cargo leptos serve --release
