# Sourced by demo.sh and test.sh: make .venv current, reinstalling only when needed.
#
#   setup_venv NAME EXTRAS     e.g. setup_venv demo ""  or  setup_venv test "[test]"
#
# A stamp in .venv (.installed-NAME) holds the hash of pyproject.toml and requirements.lock it was
# installed from:
# mubiao is installed in editable mode, so only a change of pyproject.toml (dependencies,
# entry points) or a broken .venv calls for pip again.
setup_venv() {
    local name=$1 extras=$2
    local stamp=".venv/.installed-$name"
    local want
    want="$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1) $extras"
    if [[ -x .venv/bin/python ]] && .venv/bin/python -c "" 2>/dev/null \
        && [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
        return 0
    fi
    python3 -m venv .venv
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -c requirements.lock -e ".$extras"
    echo "$want" >"$stamp"
}
