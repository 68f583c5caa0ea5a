"""10,000 generated inputs, genre text mixed with hostile fragments, through every reader: each ends
in records or in one of mubiao's own errors, never another exception (issue 15). Seeded, so a
failure replays; marked slow (CI runs it)."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

import mubiao
from mubiao.errors import MubiaoError
from mubiao.load import load

RUNS = 10_000
GENRE = [
    "地区生产总值增长8.5%左右", "一般公共预算收入突破400亿元", "新建义务教育学校63所", "到2025年", "“十四五”时期",
    "城镇调查失业率控制在5.5%以内", "百分之十二点八", "８．８％", "3—5家", "2.5∶1", "3200多亿元", "上千家", "两次下调",
    "一、", "（二）", "【举措一】", "关键词：", "今年", "去年", "过去五年", "各位代表：", "政府工作报告", "，", "。", "、", "\n",
]
HOSTILE = [
    "9" * 400, "1万" * 300, "增长5%，" * 200, "“" * 50, "（" * 80, "\ud800", "\x00", "\x1b[31m", "\u202e", "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>", "<" + "div>" * 200, "5 000 000亿元", "1e999", "NaN", "0x7fffffff", "\ufffd" * 10,
    "﻿", "\r\n\r\n", "　" * 30, "𠀀𪚥", "Ⅻ", "①②③", "٣٤٥", "％‰", "…" * 40,
]


def _text(rng: random.Random) -> str:
    parts = [rng.choice(GENRE if rng.random() < 0.7 else HOSTILE) for _ in range(rng.randrange(1, 40))]
    return "".join(parts)


def _bytes_for(suffix: str, text: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8", "surrogatepass")
    if suffix == ".docx":
        if rng.random() < 0.5:
            return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", raw[: rng.randrange(0, len(raw) + 1)])
        return buffer.getvalue()
    if suffix == ".pdf":
        return b"%PDF-1." + raw[: rng.randrange(0, len(raw) + 1)]
    if suffix == ".html":
        return b"<html><body><p>" + raw + b"</p></body></html>"
    return raw if rng.random() < 0.8 else text.encode(rng.choice(["gb18030", "utf-16", "big5", "cp500"]), "replace")


@pytest.mark.slow
def test_ten_thousand_hostile_inputs_end_in_records_or_mubiao_errors(tmp_path: Path) -> None:
    rng = random.Random(20261204)
    unexpected: list[str] = []
    for i in range(RUNS):
        text = _text(rng)
        try:
            if i % 5:  # four in five as text, one in five as a file of some kind
                mubiao.extract(text, year=rng.choice([None, 2021, 2026]))
            else:
                suffix = rng.choice([".txt", ".html", ".docx", ".pdf"])
                path = tmp_path / f"input{suffix}"
                path.write_bytes(_bytes_for(suffix, text, rng))
                load(path)
        except MubiaoError:
            pass
        except Exception as err:  # anything else is a defect: collect a few to show
            unexpected.append(f"{i}: {type(err).__name__}: {err!s:.200} ← {text[:80]!r}")
            if len(unexpected) >= 5:
                break
    assert unexpected == []
