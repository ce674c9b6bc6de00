#!/usr/bin/env bash
# The TypeScript SDK's part of `make test` (run by the sdk Maven module): install exactly the
# locked dependencies, build (tsc + the browser bundle), run the unit and golden-vector tests, and
# check the explorer's committed copy of the bundle is this build's.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "error: node and npm are needed for the TypeScript SDK (.ci/run installs them)" >&2
  exit 1
fi
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
npm run --silent build
npm test
explorer=../../indexer/src/main/resources/explorer/aether-sdk.js
if ! cmp -s dist/aether-sdk.browser.js "$explorer"; then
  if [ "${AETHER_SDK_UPDATE_BUNDLE:-}" = 1 ]; then
    cp dist/aether-sdk.browser.js "$explorer"
    echo "updated $explorer"
  else
    echo "error: $explorer is not this SDK's build; run AETHER_SDK_UPDATE_BUNDLE=1 sdk/typescript/run-tests.sh" >&2
    exit 1
  fi
fi
