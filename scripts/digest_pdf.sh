#!/usr/bin/env bash
# Turn a report into its 目标篇 digest as PDF: mubiao digest → DOCX → LibreOffice → PDF.
#
#   scripts/digest_pdf.sh DOC OUT.pdf        # DOC: a file, or a stored document id ($MUBIAO_DB)
#
# Needs (Debian/Ubuntu): apt-get install -y libreoffice-writer-nogui fonts-noto-cjk
# (poppler-utils too, to look at the result: pdftoppm -png -r 80 -f 1 -l 1 OUT.pdf page).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 DOC OUT.pdf" >&2
    exit 2
fi
doc=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mubiao=${MUBIAO:-}
if [[ -z $mubiao ]]; then
    if [[ -x $root/.venv/bin/mubiao ]]; then mubiao=$root/.venv/bin/mubiao; else mubiao=mubiao; fi
fi
soffice=$(command -v soffice || command -v libreoffice || true)
if [[ -z $soffice ]]; then
    echo "$0: LibreOffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk" >&2
    exit 1
fi
fonts=$(fc-list : family 2>/dev/null || true)
if [[ $fonts != *"Noto Serif CJK"* ]]; then
    echo "$0: warning: fonts-noto-cjk is not installed; Chinese text may show as boxes" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mubiao" digest "$doc" --format docx -o "$work/digest.docx"
# A private LibreOffice profile: no clash with a running instance, nothing left in $HOME.
"$soffice" -env:UserInstallation="file://$work/profile" --headless --norestore \
    --convert-to pdf --outdir "$work" "$work/digest.docx" >"$work/soffice.log" 2>&1 || {
    cat "$work/soffice.log" >&2
    exit 1
}
if [[ ! -s $work/digest.pdf ]]; then
    echo "$0: LibreOffice wrote no PDF" >&2
    cat "$work/soffice.log" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
mv "$work/digest.pdf" "$out"
echo "$out"
