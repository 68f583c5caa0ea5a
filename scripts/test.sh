#!/usr/bin/env bash
# Set up mubiao with its test tools in .venv (the pinned versions of requirements.lock) and run the whole test suite.
# Tests that need PostgreSQL use MUBIAO_TEST_PG (a SQLAlchemy URL) and skip without it;
# tests that need the user's seeds look in ../shared and skip without it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -c requirements.lock -e ".[test]"
exec .venv/bin/python -m pytest "$@"
