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
# Only when asked: the registration system's identity provider beside the app (seed 003's
# 用报名系统账号登录; npm's oidc-provider run by node on loopback, the tests' provider), with the
# demo account in end2end/oidc-provider/demo-accounts.json. Never by default.
if [ "${ZIGE_DEMO_REGISTRATION_SYSTEM:-false}" = "true" ]; then
  if [ ! -d end2end/node_modules/oidc-provider ]; then
    step "installing the end-to-end npm packages (the demo's identity provider is among them)"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
  mkdir -p data
  echo "zige-demo-secret-0123456789abcdef" >data/oidc-demo-secret
  OIDC_PORT=3050 OIDC_REDIRECT_URI=http://127.0.0.1:3000/auth/oidc/callback OIDC_CLIENT_SECRET=zige-demo-secret-0123456789abcdef \
    node end2end/oidc-provider/provider.mjs &
  demo_provider=$!
  trap 'kill "$demo_provider" 2>/dev/null || true' EXIT
  export ZIGE_PUBLIC_URL=http://127.0.0.1:3000 ZIGE_OIDC_ISSUER=http://127.0.0.1:3050 ZIGE_OIDC_CLIENT_ID=zige
  export ZIGE_OIDC_CLIENT_SECRET_FILE="$ZIGE_ROOT/data/oidc-demo-secret" ZIGE_OIDC_SCOPES="profile phone identity"
fi
cargo leptos serve --release --split --precompress
