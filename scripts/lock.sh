#!/usr/bin/env bash
# Regenerate requirements.lock: the exact versions the README's commands install.
#
# By default a fresh virtual environment (in a temporary folder) installs mubiao with its test
# tools at the newest versions the index offers, and its `pip freeze` becomes the lock. Review the
# diff, run the tests, and commit it: updating the pins is a deliberate change, never a surprise.
#
#   bash scripts/lock.sh                  # resolve afresh from the package index
#   bash scripts/lock.sh --from .venv     # freeze an environment that already passes the tests
#
# scripts/demo.sh and scripts/test.sh (and so CI) install with `-c requirements.lock`.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
from=""
if [ "${1:-}" = "--from" ]; then
  from=${2:?usage: scripts/lock.sh [--from VENV]}
fi

if [ -z "$from" ]; then
  from=$(mktemp -d)
  trap 'rm -rf "$from"' EXIT
  "$python" -m venv "$from"
  "$from/bin/pip" install --quiet --upgrade pip
  "$from/bin/pip" install --quiet -e ".[test]"
fi

version=$("$from/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
{
  echo "# The versions the README's commands install (pip constraints: pip install -c requirements.lock ...)."
  echo "# Made by scripts/lock.sh with Python $version; regenerate it with that script, never by hand."
  "$from/bin/pip" freeze --exclude-editable --all | grep -viE '^(mubiao|pip|setuptools|wheel)([=<> @]|$)' | LC_ALL=C sort -f
} > requirements.lock.new
mv requirements.lock.new requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages pinned (Python $version)"
