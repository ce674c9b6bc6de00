#!/usr/bin/env bash
# The Python SDK's part of `make test` (run by the sdk Maven module): its unit and golden-vector
# tests on Debian's python3 with python3-cryptography (standard library otherwise).
set -euo pipefail
cd "$(dirname "$0")"
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
"$py" -c 'import cryptography' 2>/dev/null || {
  echo "error: python3-cryptography is needed for the Python SDK (.ci/run installs it)" >&2
  exit 1
}
PYTHONDONTWRITEBYTECODE=1 "$py" -m unittest discover -s tests -t . -v 2>&1
