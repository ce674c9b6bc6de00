#!/usr/bin/env bash
# Regenerates the committed .wasm test contracts from their .wat sources with wabt's wat2wasm
# (Debian: apt-get install wabt). The binaries are committed so the build needs no wabt;
# WatSourcesTest checks they still match their sources whenever wat2wasm is installed.
set -euo pipefail
cd "$(dirname "$0")"
for f in *.wat; do
  wat2wasm "$f" -o "${f%.wat}.wasm"
done
