"""Hostile files: decompression bombs, deep nesting, wrong bytes under a known suffix (issue 15, items 3, 10).

Bombs are loaded in a child process whose peak memory is measured (VmHWM): it
must stay under 300 MB, and the error must be mubiao's own, with its code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from mubiao.errors import BrokenFile, TooDeep, TooLarge
from mubiao.load import load

SRC = str(Path(__file__).resolve().parents[1] / "src")
PEAK_MB = 300

_PROBE = """
import json, sys
from mubiao.errors import MubiaoError
from mubiao.load import load
try:
    load(sys.argv[1]); code = None
except MubiaoError as err:
    code = err.code
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024  # this process's own peak (ru_maxrss keeps the parent's)
print(json.dumps({"code": code, "peak_mb": peak}))
"""


def _load_in_child(path: Path) -> dict:
    run = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": SRC})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def _docx_bomb(path: Path, megabytes: int) -> None:
    row = b"<w:p><w:r><w:t>" + "增长5%".encode() * 50 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            member.write(b'<?xml version="1.0"?><w:document><w:body>')
            block = row * (1024 * 1024 // len(row))
            for _ in range(megabytes):
                member.write(block)
            member.write(b"</w:body></w:document>")


needs_proc = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the peak memory from /proc")


@needs_proc
def test_docx_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 200)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    result = _load_in_child(bomb)
    assert result["code"] == TooLarge.code
    assert result["peak_mb"] < PEAK_MB, result


@needs_proc
def test_pdf_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 712 Td (x) Tj ET\n" + b" " * (300 * 1024 * 1024))
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    bomb = tmp_path / "bomb.pdf"
    with bomb.open("wb") as fh:
        writer.write(fh)
    del stream, writer
    result = _load_in_child(bomb)
    assert result["code"] in (TooLarge.code, BrokenFile.code, "E106"), result  # pypdf stops at its own bound
    assert result["peak_mb"] < PEAK_MB, result


def test_html_nested_deeper_than_any_page_is_refused_at_once(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "<p>全年增长5%。</p>" + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(TooDeep) as info:
        load(page)
    assert time.perf_counter() - began < 5
    assert info.value.code == "E113" and "deep.html" in str(info.value)


def test_html_nested_within_the_limit_reads_in_linear_time(tmp_path: Path) -> None:
    page = tmp_path / "nested.html"
    inner = "".join(f"<div><p>第{i}段：全年增长5%，新建学校{i}所。</p>" for i in range(900)) + "</div>" * 900
    page.write_text(f"<html><body><h1>某市政府工作报告</h1>{inner}</body></html>", encoding="utf-8")
    began = time.perf_counter()
    text = load(page).text
    assert time.perf_counter() - began < 10
    assert "第899段" in text


def test_random_bytes_named_docx_say_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(BrokenFile) as info:
        load(path)
    assert "not a DOCX (zip) file" in str(info.value)


def test_png_named_pdf_prints_one_clean_line(tmp_path: Path) -> None:
    path = tmp_path / "picture.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + zlib.compress(os.urandom(2048)))
    run = subprocess.run([sys.executable, "-m", "mubiao", "extract", str(path)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": SRC})
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode != 0
    assert len(lines) == 1 and "picture.pdf" in lines[0] and "[E1" in lines[0], run.stderr


def _encrypted_pdf(path: Path, user_password: str) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_aes_pdf_with_an_empty_password_opens(tmp_path: Path) -> None:
    from mubiao.errors import NoTextLayer

    with pytest.raises(NoTextLayer):  # opened and read: a blank page has no text
        load(_encrypted_pdf(tmp_path / "aes.pdf", ""))


def test_aes_pdf_with_a_password_says_so(tmp_path: Path) -> None:
    from mubiao.errors import Encrypted

    with pytest.raises(Encrypted) as info:
        load(_encrypted_pdf(tmp_path / "locked.pdf", "secret"))
    assert info.value.code == "E114"


def test_ebcdic_text_is_read_as_its_text_or_refused_never_as_mojibake(tmp_path: Path) -> None:
    from mubiao.errors import LoadError
    from mubiao.load import load

    words = "Government work report 2021. GDP grew by 8.5 percent. " * 20
    path = tmp_path / "mainframe.txt"
    path.write_bytes(words.encode("cp500"))  # EBCDIC, as an old mainframe export would write it
    try:
        loaded = load(path)
    except LoadError as err:  # refusing it with a reason is right too
        assert err.code in ("E105", "E115")
    else:
        assert loaded.text == words
