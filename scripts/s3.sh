#!/usr/bin/env bash
# Starts a throwaway S3-compatible server for the tests (moto's server, from PyPI, in
# the machine's venv, ZIGE_PYENV), creates the bucket `zige-test` and exports what the server's S3 store reads:
# ZIGE_TEST_S3_URL and the standard AWS_* variables. Sourced by scripts/test.sh, which stops it
# with `stop_test_s3` (also on exit). Objects live in the server's memory and go with it.

ZIGE_S3_PORT="$(free_port)"
ZIGE_S3_LOG="$(mktemp /tmp/zige-s3.XXXXXX.log)"
step "starting a throwaway S3-compatible server (moto $("$ZIGE_PYENV/bin/python" -c 'import moto; print(moto.__version__)')) on 127.0.0.1:$ZIGE_S3_PORT"
"$ZIGE_PYENV/bin/python" -m moto.server -H 127.0.0.1 -p "$ZIGE_S3_PORT" >"$ZIGE_S3_LOG" 2>&1 &
ZIGE_S3_PID=$!
"$ZIGE_PYENV/bin/python" - "$ZIGE_S3_PORT" <<'PY'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/zige-test"
for _ in range(200):
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="PUT"), timeout=2)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the S3 server did not answer")
PY

export ZIGE_TEST_S3_URL="s3://zige-test"
export AWS_ENDPOINT="http://127.0.0.1:$ZIGE_S3_PORT"
export AWS_ALLOW_HTTP=true
export AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=zige-test
export AWS_SECRET_ACCESS_KEY=zige-test

stop_test_s3() {
  if [ -n "${ZIGE_S3_PID:-}" ]; then
    kill "$ZIGE_S3_PID" 2>/dev/null || true
    wait "$ZIGE_S3_PID" 2>/dev/null || true
    ZIGE_S3_PID=""
    rm -f "$ZIGE_S3_LOG"
  fi
  unset ZIGE_TEST_S3_URL AWS_ENDPOINT AWS_ALLOW_HTTP AWS_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
}
