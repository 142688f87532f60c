#!/usr/bin/env bash
# Builds the web page (web/ -> web/dist, which `suanli serve` serves) and, with `test`, installs the
# browser tests' packages (tests/browser). `npm ci` runs only when a package-lock.json changed since
# the last install, so a rebuild costs the Vite build alone.
set -euo pipefail
cd "$(dirname "$0")/.."

install() { # DIR: npm ci unless DIR/node_modules was installed from the same lock file
  local stamp="$1/node_modules/.suanli-lock"
  if ! cmp -s "$1/package-lock.json" "$stamp" 2>/dev/null; then
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$1/package-lock.json" "$stamp"
  fi
}

install web
(cd web && npm run --silent build -- --logLevel warn)
if [ "${1:-}" = "test" ]; then
  install tests/browser
fi
