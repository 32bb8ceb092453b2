#!/usr/bin/env bash
# make check-a11y: serve site/ on loopback and run axe-core, then the search checks, in headless Chromium.
set -euo pipefail
SITE=${1:-site}
PORT=${PORT:-8731}
if ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver
  else
    echo "install chromium and chromium-driver (sudo apt-get install chromium chromium-driver)"; exit 1
  fi
fi
python3 -c "import selenium, axe_core_python" 2>/dev/null || python3 -m pip install -q "selenium==4.25.0" "axe-core-python==0.1.0" \
  || python3 -m pip install -q --break-system-packages "selenium==4.25.0" "axe-core-python==0.1.0"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
python3 "$(dirname "$0")/check_a11y.py" "http://127.0.0.1:$PORT/"
python3 "$(dirname "$0")/check_search.py" "http://127.0.0.1:$PORT/" "$SITE"
