#!/usr/bin/env bash
# Set up mubiao in .venv (the pinned versions of requirements.lock) and run the main job on the bundled sample reports.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -c requirements.lock -e .
exec .venv/bin/mubiao demo "$@"
