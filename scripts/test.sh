#!/usr/bin/env bash
# Set up mubiao with its test tools in .venv (the pinned versions of requirements.lock; reused
# while pyproject.toml and the lock are unchanged) and run
# the whole test suite. Arguments go to pytest.
# Tests that need PostgreSQL use MUBIAO_TEST_PG (a SQLAlchemy URL) and skip without it;
# tests that need the user's seeds look in ../shared and skip without it; the browser tests
# need node, npm (for playwright-core, installed here with `npm ci`) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
setup_venv test "[test]"
if [[ ! -d node_modules/playwright-core ]]; then
    if command -v node >/dev/null && command -v npm >/dev/null; then
        # playwright-core downloads no browser; the tests drive the system chromium
        npm ci --no-audit --no-fund --loglevel=error \
            || echo "test.sh: npm ci failed: the browser tests will be skipped" >&2
    else
        echo "test.sh: browser tests skipped: install nodejs, npm and chromium (apt-get install nodejs npm chromium), then run this again" >&2
    fi
fi
exec .venv/bin/python -m pytest "$@"
