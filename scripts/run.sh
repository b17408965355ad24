#!/usr/bin/env bash
# Installs what is missing, builds a release and serves Zige at http://127.0.0.1:3000 on the
# embedded default: SQLite and a blob folder under ./data, migrations applied at start, the demo
# exams and demo accounts created on first run and printed below (demo data is asked for here;
# the server itself starts with none, see README "Running it for real").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ZIGE_ROOT"
export ZIGE_SEED_DEMO="${ZIGE_SEED_DEMO:-true}"
# The demo takes online fees through the sandbox gateway (no money moves); a real server never
# offers it unless asked (README, "Configuration").
export ZIGE_PAYMENT_SANDBOX="${ZIGE_PAYMENT_SANDBOX:-true}"
cargo leptos serve --release --split --precompress
