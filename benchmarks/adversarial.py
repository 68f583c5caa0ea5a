"""Extraction time per KB on adversarial inputs, from 1 KB to 1 MB: it must stay flat.

    python benchmarks/adversarial.py [--max-kb 1024] [--shape digits] [--budget 0]

Each shape is one pathological paragraph repeated to the size (issue 15): a run
of digits, "1万" repeated (one clause holding thousands of numbers), "增长5%，"
repeated without a full stop (one sentence of thousands of clauses), a long
mention list, unmatched quotes, and so on. The whole pipeline runs (clean,
structure, extract) through `mubiao.pipeline.read_document`; a quadratic spot
shows as a time per KB growing with the size. `--budget S` stops a shape once
one size takes longer than S seconds (to measure a slow build without waiting).
"""

from __future__ import annotations

import argparse
import time

from mubiao.pipeline import read_document

SHAPES: dict[str, str] = {
    "digits": "1",
    "wan": "1万",
    "growth_no_stop": "增长5%，",
    "list": "新建学校3所、",
    "quotes": "“增长5%",
    "ratio_digits": "12:",
    "grouped": "1,000",
    "chinese_numerals": "三",
    "long_clause_then_number": "推进产业发展",
    "brackets": "（增长5%",
    "year_sentence": "到2025年增长5%，",
}

SIZES_KB = (1, 4, 16, 64, 256, 1024)


def make(shape: str, kb: int) -> str:
    """The shape's unit repeated to `kb` KB of UTF-8, closed with a number and a full stop."""
    unit = SHAPES[shape]
    target = kb * 1024
    count = max(1, target // len(unit.encode("utf-8")))
    return "关于发展的报告\n" + unit * count + "增长5%。\n"


def measure(text: str) -> float:
    began = time.perf_counter()
    read_document(text, name="<adversarial>")
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-kb", type=int, default=1024)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    parser.add_argument("--budget", type=float, default=0.0, help="skip larger sizes once one takes longer (s)")
    args = parser.parse_args()
    sizes = [kb for kb in SIZES_KB if kb <= args.max_kb]
    measure(make("digits", 1))  # warm up: the grammar and word lists load once
    print(f"{'shape':<26}" + "".join(f"{str(kb) + ' KB':>11}" for kb in sizes) + "   (ms per KB)")
    for shape in args.shape or SHAPES:
        cells: list[str] = []
        over = False
        for kb in sizes:
            if over:
                cells.append("skip")
                continue
            seconds = measure(make(shape, kb))
            cells.append(f"{seconds * 1000 / kb:.2f}")
            over = bool(args.budget) and seconds > args.budget
        print(f"{shape:<26}" + "".join(f"{c:>11}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
