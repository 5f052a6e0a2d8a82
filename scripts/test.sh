#!/usr/bin/env bash
# Install graphkit with its test extras into .venv (plus Debian's chromium for the browser
# tests, when apt is available and we are root) and run the test suite and the doctests of
# graphkit/ (pyproject's testpaths). With GRAPHKIT_CI=1 (.ci/run) a skipped test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -q && apt-get install -y -q chromium) >/dev/null 2>&1 || echo "note: could not install chromium; browser tests will be skipped (fail with GRAPHKIT_CI=1)"
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
.venv/bin/python -m pytest "$@"
