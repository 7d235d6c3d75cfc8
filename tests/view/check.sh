#!/bin/sh
# The pages of `meso view` in a real browser: Debian's chromium driven by
# puppeteer-core, axe-core in the page (tests/view/node, installed from its
# committed package-lock.json with npm ci --engine-strict on the first run).
#   check.sh MESO SOURCE_DIR OUT_DIR
# Exit 77 (skipped, said why) when node, npm or chromium is missing.
set -u
meso=$1 src=$2 out=$3
for program in node npm; do
  if ! command -v $program >/dev/null 2>&1; then echo "skipped: $program is not installed (scripts/setup installs it)"; exit 77; fi
done
chromium=${MESO_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then echo "skipped: chromium is not installed (scripts/setup installs it)"; exit 77; fi
node_dir=$src/tests/view/node
if [ ! -d "$node_dir/node_modules/puppeteer-core" ] || [ ! -d "$node_dir/node_modules/axe-core" ]; then
  (cd "$node_dir" && npm ci --engine-strict --no-audit --no-fund --loglevel=error) || { echo "FAIL: npm ci in $node_dir" >&2; exit 1; }
fi
mkdir -p "$out"
exec node "$node_dir/check.mjs" "$meso" "$src" "$out" "$chromium"
