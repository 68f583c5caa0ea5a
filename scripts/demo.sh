#!/usr/bin/env bash
# Set up mubiao in .venv (the pinned versions of requirements.lock; reused while
# pyproject.toml and the lock are unchanged) and run the main job on the
# bundled sample reports.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
setup_venv demo ""
exec .venv/bin/mubiao demo "$@"
