"""Stage 2: clean a document's text, keeping an exact map back to the original.

`clean()` turns the text a loader produced (plain text, web-page text, PDF text
broken into lines of ~28 characters) into one paragraph per line: page
furniture, web-page chrome, photo captions, markdown marks and stray spaces are
dropped, paragraphs cut by line or page breaks are joined again, and repeated
blocks are folded. Every character of the result remembers the index of the
character of the original it came from (`CleanText.offsets`), so a record's
quote can always be located in the document as it was given.

The result is built as a list of segments of the original text (`Seg`): a
segment either copies `original[start:end]` or replaces it with a short text
(an HTML entity, a space), so offsets never have to be re-derived by searching.
The word lists and patterns live in `data/clean.yaml`.
"""

from __future__ import annotations

import array
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["CleanText", "clean", "is_furniture", "rules", "to_simplified"]

#: A piece of the result: original[start:end], or `replacement` mapped to `start`.
Seg = tuple[int, int, str | None]

# Line breaks of every kind (\r\n, \r, \n, vertical tab, form feed, NEL, U+2028/9).
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# White space, including the ideographic space, zero-width characters and stray control characters.
_WS_CHARS = r"\s\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f"
# The same characters listed one by one (all lie below U+3001 but U+FEFF; a test checks every
# code point): for str.strip, since a regex anchored at the end ([...]*$) is tried at every
# position of a line, and for patterns, since re scans a listed set faster than a category (\s).
_WS_STRIP = "".join(c for c in map(chr, range(0x3001)) if re.match(f"[{_WS_CHARS}]", c)) + "\ufeff"
_WS_RUN = re.compile(f"[{re.escape(_WS_STRIP)}]+")
# Ideographs that cannot begin a page number (第3页 can): a quick pass for most lines.
_CJK_START = re.compile(r"[\u4e00-\u7b2b\u7b2d-\u9fff]")
_SURROGATE = re.compile(r"([\ud800-\udfff])")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Full-width forms folded to ASCII and white space dropped: the key of a paragraph for repeats.
_FOLD_DELETED = " \t\u3000\xa0\u200b\ufeff"
_FOLD = (
    {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
    | {ord(a): b for a, b in zip("。“”‘’", ".\"\"''")}
    | {ord(c): None for c in _FOLD_DELETED}
)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled contents of `data/clean.yaml`."""

    final: frozenset[str]
    no_start: frozenset[str]
    pairs: tuple[tuple[str, str], ...]
    sentence_marks: re.Pattern[str]
    sentence_end: re.Pattern[str]
    any_punct: re.Pattern[str]
    title_max: int
    short_title_max: int
    min_fold: int
    page_number: re.Pattern[str]
    heading: re.Pattern[str]
    chrome: re.Pattern[str]
    chrome_max: int
    short_furniture: re.Pattern[str]  # page numbers, rules, chrome and captions in one (short lines)
    caption: re.Pattern[str]
    caption_max: int
    md_prefix: re.Pattern[str]
    md_inline: re.Pattern[str]
    md_rule: re.Pattern[str]
    editable: re.Pattern[str]  # a character some edit needs: white space, a markdown mark, &
    head_chrome: re.Pattern[str]  # chrome only in the head of a page (before the first sentence)
    head_end: re.Pattern[str]  # a line starting so ends the head (各位代表, 一、)


def _any_of(patterns: list[str]) -> str:
    """One alternation of several regexes, each in its own group."""
    return "|".join(f"(?:{p})" for p in patterns)


def _chrome_patterns(conf: dict[str, Any]) -> list[str]:
    """Whole-line chrome: token-only lines, `word：…` metadata lines, listed patterns."""
    seps = re.escape(conf["separators"])
    tokens = "|".join(re.escape(t) for t in sorted(conf["tokens"], key=len, reverse=True))
    only_tokens = f"[{seps}]*(?:(?:{tokens})[{seps}]*)+"
    meta = "|".join(re.escape(w) for w in sorted(conf["meta_words"], key=len, reverse=True))
    prefix = "|".join(re.escape(w) for w in sorted(conf["meta_prefix_words"], key=len, reverse=True))
    return [only_tokens, f"(?:{meta})[：:].*", f"(?:{prefix}).*", *conf["lines"]]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Load and compile `mubiao/data/clean.yaml` (once)."""
    raw = resources.files("mubiao").joinpath("data/clean.yaml").read_text(encoding="utf-8")
    conf = yaml.safe_load(raw)
    marks = conf["sentence_marks"]
    all_punct = marks + conf["sentence_final"] + "：:、"
    chrome = _chrome_patterns(conf["chrome"])
    captions = conf["captions"]["patterns"]
    md_rule = conf["markdown"]["rule"]
    # One regex for short lines (a fullmatch each): fewer calls on PDFs' many short lines.
    short = [*conf["page_number"], md_rule, *chrome, *(f"(?:{c}).*" for c in captions)]
    return Rules(
        final=frozenset(conf["sentence_final"]),
        no_start=frozenset(conf["no_start"]),
        pairs=tuple((p[0], p[1]) for p in conf["pairs"]),
        sentence_marks=re.compile(f"[{re.escape(marks)}]"),
        sentence_end=re.compile(f"[{re.escape(conf['sentence_end'])}]"),
        any_punct=re.compile(f"[{re.escape(all_punct)}]"),
        title_max=int(conf["title_max_chars"]),
        short_title_max=int(conf["short_title_max_chars"]),
        min_fold=int(conf["min_fold_chars"]),
        page_number=re.compile(_any_of(conf["page_number"])),
        heading=re.compile(_any_of(conf["heading"])),
        chrome=re.compile(_any_of(chrome), re.S),
        chrome_max=int(conf["chrome"]["max_chars"]),
        short_furniture=re.compile(_any_of(short), re.S),
        caption=re.compile(_any_of(conf["captions"]["patterns"])),
        caption_max=int(conf["captions"]["max_chars"]),
        md_prefix=re.compile(conf["markdown"]["line_prefix"]),
        md_inline=re.compile(conf["markdown"]["inline"]),
        md_rule=re.compile(md_rule),
        editable=re.compile(f"[{re.escape(_WS_STRIP + conf['markdown']['marks'])}&]"),
        head_chrome=re.compile(_any_of(conf["head_chrome"]["lines"])),
        head_end=re.compile(_any_of(conf["head_chrome"]["ends"])),
    )


# --------------------------------------------------------------------------- result


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text, its simplified-script twin for matching, and the offset map."""

    text: str
    match_text: str
    offsets: array.array = field(repr=False)
    folded: int = 0

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the cleaned span [start, end) to the span of the original text it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside the cleaned text (length {len(self.text)})")
        if start == end:
            if start < len(self.offsets):
                return self.offsets[start], self.offsets[start]
            pos = self.offsets[-1] + 1 if self.offsets else 0
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    """One non-empty line of the original, already cleaned inside."""

    segs: list[Seg]
    text: str
    end: int  # original index just after the line's last (stripped) character
    indented: bool
    md_heading: bool
    width: int  # characters in the stripped raw line (pypdf pads ASCII runs with spaces, so a
    # full line of an official layout has ~28 characters whatever its mix of CJK and digits)


def _space_edit(line: str, i: int, j: int, rep: str | None = None) -> tuple[int, int, str | None]:
    """Edit for white space line[i:j]: kept (as one space) only between two ASCII letters/digits."""
    keep = 0 < i and j < len(line) and line[i - 1] in _ASCII_ALNUM and line[j] in _ASCII_ALNUM
    if not keep:
        return i, j, ""
    if rep is None and line[i:j] == " ":
        return i, j, None
    return i, j, " "


def _line_edits(line: str, r: Rules) -> tuple[list[tuple[int, int, str | None]], bool]:
    """Edits (start, end, replacement) inside a stripped line; '' deletes, None keeps.

    Also says whether the line was a markdown heading (`#`).
    """
    edits: list[tuple[int, int, str | None]] = []
    md_heading = False
    if not r.editable.search(line):
        return edits, md_heading  # most lines of a report: no space, markdown mark or entity
    m = r.md_prefix.match(line)
    if m and m.end():
        md_heading = "#" in m.group()
        edits.append((0, m.end(), ""))
    edits.extend((x.start(), x.end(), "") for x in r.md_inline.finditer(line))
    if "&" in line:
        for x in _ENTITY.finditer(line):
            rep = html.unescape(x.group())
            if rep == x.group():
                continue
            if rep.isspace():
                edits.append(_space_edit(line, x.start(), x.end(), " "))
            else:
                edits.append((x.start(), x.end(), rep))
    edits.extend(_space_edit(line, x.start(), x.end()) for x in _WS_RUN.finditer(line))
    edits.sort(key=lambda e: (e[0], -e[1]))
    return edits, md_heading


def _segments(base: int, line: str, edits: list[tuple[int, int, str | None]]) -> tuple[list[Seg], str]:
    """Apply sorted edits to `line` (at original index `base`): segments and the cleaned string."""
    segs: list[Seg] = []
    parts: list[str] = []
    pos = 0
    for i, j, rep in edits:
        if i < pos:  # inside an edit already applied (e.g. spaces within a markdown prefix)
            continue
        if i > pos:
            segs.append((base + pos, base + i, None))
            parts.append(line[pos:i])
        if rep is None:
            segs.append((base + i, base + j, None))
            parts.append(line[i:j])
        elif rep:
            segs.append((base + i, base + j, rep))
            parts.append(rep)
        pos = j
    if pos < len(line):
        segs.append((base + pos, base + len(line), None))
        parts.append(line[pos:])
    return segs, "".join(parts)


def _is_furniture(text: str, r: Rules) -> bool:
    """Page numbers, web-page chrome, photo captions and markdown rules: lines to drop."""
    n = len(text)
    if n <= r.chrome_max:
        return r.short_furniture.fullmatch(text) is not None
    return n <= r.caption_max and r.caption.match(text) is not None


def is_furniture(line: str) -> bool:
    """Would `clean()` drop this line (page number, web-page chrome, caption, rule)?"""
    r = rules()
    stripped = line.strip()
    if len(stripped) <= 30 and r.page_number.fullmatch(_WS_RUN.sub("", stripped)):
        return True
    edits, _ = _line_edits(stripped, r)
    _, cleaned = _segments(0, stripped, edits)
    return not cleaned or _is_furniture(cleaned, r)


def _lines(text: str, r: Rules) -> list[_Line]:
    """Split the original into stripped, cleaned lines, dropping empty lines and furniture."""
    out: list[_Line] = []
    for m in _LINE.finditer(text):
        raw = m.group()
        line = raw.strip(_WS_STRIP)
        if not line:
            continue
        lead = len(raw) - len(raw.lstrip(_WS_STRIP))
        base = m.start() + lead
        if len(line) <= 30 and not _CJK_START.match(line) and r.page_number.fullmatch(_WS_RUN.sub("", line)):
            continue  # checked before markdown removal: `- 3 -` is a page number, not a bullet
        edits, md_heading = _line_edits(line, r)
        segs, cleaned = _segments(base, line, edits)
        if not cleaned or _is_furniture(cleaned, r):
            continue
        indent = raw[:lead]
        indented = "\u3000" in indent or len(indent) >= 2
        out.append(_Line(segs, cleaned, base + len(line), indented, md_heading, len(line)))
    return out


# --------------------------------------------------------------------------- paragraphs


@dataclass(slots=True)
class _Para:
    """Lines joined into one paragraph."""

    segs: list[Seg]
    parts: list[str]
    end: int
    heading_mark: bool  # started as a markdown heading
    last_width: int

    @property
    def text(self) -> str:
        """The paragraph's cleaned text so far."""
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0]


@dataclass(frozen=True, slots=True)
class _Layout:
    """How the lines of a document are laid out."""

    indent: bool  # paragraphs start with an indent and are wrapped into several lines (official PDF)
    wrap_width: int  # the usual width of a full line if lines are wrapped, else 0


def _layout(lines: list[_Line]) -> _Layout:
    """Detect an official-document layout: indented paragraph starts, wrapped lines of one width."""
    indented = sum(1 for ln in lines if ln.indented)
    unique = {ln.text: ln.width for ln in lines}  # a report pasted eight times is not a layout
    widths = Counter(w for w in unique.values() if 15 <= w <= 60)
    width, count = widths.most_common(1)[0] if widths else (0, 0)
    wrapped = count >= 5 and count >= 0.3 * len(unique)
    indent = indented >= 3 and len(lines) - indented >= indented and wrapped
    return _Layout(indent=indent, wrap_width=width if wrapped else 0)


def _unclosed(text: str, r: Rules) -> bool:
    """An opening quote or bracket is still open at the end of the text."""
    return any(o in text and text.count(o) > text.count(c) for o, c in r.pairs)


def _is_heading(text: str, heading_mark: bool, r: Rules) -> bool:
    """A heading or byline that is complete without final punctuation (一、…, （一）…, 关键词…)."""
    if not (heading_mark or r.heading.match(text)):
        return False
    return len(text) <= 2 * r.title_max and not r.sentence_end.search(text, 0, len(text) - 1)


def _is_title(text: str, r: Rules) -> bool:
    """A short line without sentence punctuation: a title, a subtitle, a byline."""
    return len(text) <= r.title_max and not r.sentence_marks.search(text)


def _is_short_title(text: str, r: Rules) -> bool:
    """A short line without any punctuation: a title even after an unfinished paragraph."""
    return len(text) <= r.short_title_max and not r.any_punct.search(text)


def _join_plain(a: _Para, b: _Line, r: Rules) -> bool:
    """Plain text or web page: does `b` continue paragraph `a` (a page or line break cut it)?

    Hand-written: decided by both sides, since headings also end without punctuation.
    """
    at, bt = a.text, b.text
    if at[-1] in r.final or b.md_heading or r.heading.match(bt):
        return False
    if _unclosed(at, r):
        return True  # 加快“中国制造 | 2025”试点
    if _is_heading(at, a.heading_mark, r):
        return False  # 三、2017年的工作安排 | 2017年是…
    if bt[0] in r.no_start:
        return True  # …下同 | ），年均增长
    if at[-1].isdigit() and not bt[0].isdigit() and not _is_short_title(bt, r):
        return True  # …突破3500 | 亿元
    if _is_title(at, r):
        return False  # 努力打造省域副中心城市 | ■本报记者…
    if bt[0].isdigit():
        return True  # …突破 | 3500亿元
    if _is_short_title(bt, r):
        return False  # a body paragraph followed by a short title
    return True  # …激发贫困地区和贫 | 困群众的内生动力


def _join_wrapped(a: _Para, b: _Line, lay: _Layout, r: Rules) -> bool:
    """Official layout: a line not indented continues the paragraph, unless `a` clearly ended.

    Hand-written: lines are cut at ~28 characters whatever the punctuation, so a
    line ending in 。 is often followed by the rest of its paragraph.
    """
    if b.indented:
        return _join_plain(a, b, r)  # an indent starts a paragraph, unless a page break cut a word
    at = a.text
    short = a.last_width < 0.6 * lay.wrap_width
    if at[-1] in r.final:
        return not (short or r.heading.match(b.text))
    if a.last_width < 0.5 * lay.wrap_width and _is_title(at, r) and b.text[0] not in r.no_start:
        return False  # a short title line not indented, then a subtitle
    return True


def _join(a: _Para, b: _Line, lay: _Layout, r: Rules) -> bool:
    """Does line `b` continue paragraph `a`?"""
    if lay.indent:
        return _join_wrapped(a, b, lay, r)
    if lay.wrap_width and a.last_width >= lay.wrap_width - 2 and not b.indented and not r.heading.match(b.text):
        return True  # wrapped without indents: a full line runs on whatever its last character
    return _join_plain(a, b, r)


def _paragraphs(lines: list[_Line], r: Rules) -> list[_Para]:
    """Rebuild paragraphs from lines."""
    lay = _layout(lines)
    paras: list[_Para] = []
    for ln in lines:
        if paras and _join(paras[-1], ln, lay, r):
            p = paras[-1]
            if p.text[-1] in _ASCII_ALPHA and ln.text[0] in _ASCII_ALPHA:
                p.segs.append((p.end, p.end + 1, " "))  # Air | China: the break was a space
                p.parts.append(" ")
            p.segs.extend(ln.segs)
            p.parts.append(ln.text)
            p.end = ln.end
            p.last_width = ln.width
        else:
            paras.append(_Para(list(ln.segs), [ln.text], ln.end, ln.md_heading, ln.width))
    return paras


# --------------------------------------------------------------------------- repeats


def _fold_key(text: str) -> str:
    """Normalised paragraph: full-width forms folded to ASCII, white space removed.

    A translate table rather than NFKC: same effect on the punctuation and digits
    that differ between copies, at a fraction of the cost.
    """
    return text.translate(_FOLD)


def _fold(paras: list[_Para], r: Rules) -> tuple[list[_Para], int]:
    """Drop repeated paragraphs; return the kept ones and how many were dropped.

    Long paragraphs are dropped when seen before. Short ones (headings repeat
    legitimately) only when they sit in a repeated block: seen before next to
    the same long neighbour, which is itself a repeat.
    """
    if not _may_repeat(paras, r):
        return paras, 0  # no long paragraph can equal another: nothing is dropped
    folded_keys: dict[str, str] = {}  # a copy's paragraphs are folded once, not once per copy
    keys = [folded_keys.get(t) or folded_keys.setdefault(t, _fold_key(t)) for t in (p.text for p in paras)]
    long = [len(k) >= r.min_fold for k in keys]
    seen: set[str] = set()
    drop = [False] * len(paras)
    for i, k in enumerate(keys):
        if long[i]:
            drop[i] = k in seen
            seen.add(k)
    prev_long = _nearest_long(long, range(len(paras)))
    next_long = _nearest_long(long, range(len(paras) - 1, -1, -1))
    pairs: set[tuple[str, str, str]] = set()
    for i, k in enumerate(keys):
        if long[i]:
            continue
        before, after = prev_long[i], next_long[i]
        ctx_before = ("<", k, keys[before]) if before >= 0 else None
        ctx_after = (">", k, keys[after]) if after >= 0 else None
        if (ctx_after and drop[after] and ctx_after in pairs) or (ctx_before and drop[before] and ctx_before in pairs):
            drop[i] = True
        pairs.update(c for c in (ctx_before, ctx_after) if c)
    kept = [p for p, d in zip(paras, drop) if not d]
    return kept, len(paras) - len(kept)


def _may_repeat(paras: list[_Para], r: Rules) -> bool:
    """Whether two long paragraphs could be equal once folded: a signature that folding keeps
    (the folded length, the first and last four folded characters, the number of 的) is shared.

    Folding maps characters one to one except the white space it deletes, so the signature
    needs no key of the whole paragraph. Only when two long paragraphs share it are keys
    built (a repeated report, a copied block); most documents repeat nothing and skip the fold.
    """
    signatures: set[tuple[int, str, str, int]] = set()
    for p in paras:
        text = p.text
        folded = len(text) - sum(text.count(c) for c in _FOLD_DELETED)
        if folded < r.min_fold:
            continue
        head, tail = _fold_key(text[:16])[:4], _fold_key(text[-16:])[-4:]
        if len(head) < 4 or len(tail) < 4:
            return True  # white space crowds the ends: build the keys
        signature = (folded, head, tail, text.count("的"))
        if signature in signatures:
            return True
        signatures.add(signature)
    return False


def _nearest_long(long: list[bool], order: range) -> list[int]:
    """For each index, the nearest long paragraph met before it when walking in `order` (-1: none)."""
    out = [-1] * len(long)
    last = -1
    for i in order:
        out[i] = last
        if long[i]:
            last = i
    return out


# --------------------------------------------------------------------------- assembly


def _assemble(original: str, paras: list[_Para]) -> tuple[str, array.array]:
    """Join paragraphs with "\\n" and build the offset map from their segments."""
    parts: list[str] = []
    offsets = array.array("q")
    for n, p in enumerate(paras):
        if n:
            parts.append("\n")
            offsets.append(min(paras[n - 1].end, len(original) - 1))
        for s, e, rep in p.segs:
            if rep is None:
                parts.append(original[s:e])
                offsets.extend(range(s, e))
            else:
                parts.append(rep)
                offsets.extend([s] * len(rep))
    return "".join(parts), offsets


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """The OpenCC converter from traditional to simplified script."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert to simplified script keeping the length (per character where a phrase changes it)."""
    if _SURROGATE.search(text):  # OpenCC takes UTF-8: convert around lone surrogates
        return "".join(p if _SURROGATE.match(p) else to_simplified(p) for p in _SURROGATE.split(text) if p)
    cc = _t2s()
    out = cc.convert(text)
    if out == text:
        return text
    if len(out) == len(text):
        return out
    if "\n" in text:  # find the lines where a phrase changed the length, and only there go by character
        return "\n".join(to_simplified(line) for line in text.split("\n"))
    return "".join(conv if len(conv := cc.convert(ch)) == 1 else ch for ch in text)


def _drop_head_chrome(lines: list[_Line], r: Rules) -> list[_Line]:
    """Drop the page chrome of a document's head: the lines before its first sentence,
    salutation or part heading that match `head_chrome` (a bare date, 云南要闻, 四川日报)."""
    out: list[_Line] = []
    for i, line in enumerate(lines):
        text = line.text
        if r.sentence_end.search(text) or r.head_end.match(text) or len(text) > r.chrome_max:
            return out + lines[i:]
        if not r.head_chrome.fullmatch(text):
            out.append(line)
    return out


def clean(text: str) -> CleanText:
    """Clean a document's text; see the module docstring for what is done and why."""
    r = rules()
    paras = _paragraphs(_drop_head_chrome(_lines(text, r), r), r)
    kept, folded = _fold(paras, r)
    cleaned, offsets = _assemble(text, kept)
    return CleanText(cleaned, to_simplified(cleaned), offsets, folded)
