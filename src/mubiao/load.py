"""Stage 1: read a document file into text, whatever its format and encoding.

`load()` reads one file (.txt .md .text .html .htm .docx .pdf) and returns its
text as written (script untouched), one paragraph or layout line per line.
Nothing is cleaned here (that is `mubiao.clean`), but line breaks are kept as
they come so that cleaning can rebuild paragraphs. Every failure is a
`LoadError` subclass whose message names the file; `iter_paths()` expands
folders and yields such errors instead of raising, so that a batch goes on.
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mubiao.errors import (
    BinaryFile,
    BrokenFile,
    EmptyDocument,
    Encrypted,
    LoadError,
    MissingPath,
    NoDocuments,
    NotAFile,
    NoTextLayer,
    TooDeep,
    TooLarge,
    UnknownEncoding,
    UnsupportedFormat,
)

if TYPE_CHECKING:
    from docx.table import Table

__all__ = ["DOCUMENT_SUFFIXES", "LoadedText", "decode_bytes", "iter_paths", "load", "load_text"]

#: File suffixes read as documents, and the format each is read as.
DOCUMENT_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

# Encodings declared by Chinese pages and guessers that are subsets of GB18030.
_GB_ALIASES = frozenset({"gb2312", "gbk", "cp936", "ms936", "gb18030", "euc-cn", "euccn", "x-gbk", "hz-gb-2312"})

# File signatures, to say what a binary file given as text really is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF file"),
    (b"PK\x03\x04", "ZIP archive (DOCX/XLSX?)"),
    (b"\xd0\xcf\x11\xe0", "old Office file (DOC/XLS)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
)

# Control bytes other than tab, line feed, vertical tab, form feed, carriage return, escape.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE = re.compile(r"[。！？；!?;]")


@dataclass(frozen=True, slots=True)
class LoadedText:
    """A document's text as read from its file."""

    path: str | None  # source path as given
    name: str  # file name (Path.name), used as the record's `doc`
    text: str  # the text as written, paragraphs (or layout lines) separated by "\n"
    format: str  # "txt" | "md" | "html" | "docx" | "pdf" | "text" (given as a str)
    encoding: str | None  # e.g. "utf-8", "gb18030"; None for DOCX, PDF and given text


# --------------------------------------------------------------------------- paths


def _is_document(path: Path) -> bool:
    """A file to read when a folder is expanded (not hidden, not an Office lock file)."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith((".", "~$"))


_NAME_WORD = re.compile(r"[.\-_ ]")


def is_note(path: Path) -> bool:
    """A file that sits beside reports but is none (README, SOURCES, LICENSE…: `data/not_reports.yaml`)."""
    from mubiao.lang.datafiles import load_yaml

    names = {str(n).upper() for n in load_yaml("not_reports.yaml")["names"]}
    return path.name.upper() in names or _NAME_WORD.split(path.name, maxsplit=1)[0].upper() in names


def _folder_documents(folder: Path, skipped: list[Path] | None = None) -> list[Path]:
    """Document files under a folder, recursively, sorted, skipping hidden folders and notes (put in `skipped`)."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel[:-1]):
            continue
        if path.is_file() and _is_document(path):
            if is_note(path):
                if skipped is not None:
                    skipped.append(path)
                continue
            found.append(path)
    return found


def iter_paths(paths: Iterable[str | os.PathLike[str]], skipped: list[Path] | None = None) -> Iterator[Path | LoadError]:
    """Expand files and folders into document files; yield (not raise) errors so a batch goes on.

    A missing path yields `MissingPath`, a folder without documents `NoDocuments`.
    A file given by name is yielded whatever its suffix (`load()` will say if unsupported)
    and whatever its name; in a folder, notes (README, LICENSE…, see `is_note`) are passed
    over and appended to `skipped` when given.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield MissingPath(path)
            continue
        files = _folder_documents(path, skipped) if path.is_dir() else [path]
        if not files:
            yield NoDocuments(path)
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


# --------------------------------------------------------------------------- decoding


def _binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text (a known signature, NUL bytes, control bytes), or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"looks like a {kind}"
    head = data[:8192]
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > max(2, 0.02 * len(head)):
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _common_char(ch: str) -> bool:
    """A character of everyday Chinese text: in GB2312, or traditional for one that is."""
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    from mubiao.clean import to_simplified  # late import: clean is heavier than load

    try:
        to_simplified(ch).encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _plausible(text: str) -> bool:
    """Mostly ASCII and common CJK: rejects mojibake from a wrong guess (Big5 read as GBK, noise).

    Hand-written: a multi-byte decoder accepts most byte soups, so the result is judged instead.
    """
    counts = {ch: n for ch, n in Counter(text).items() if ord(ch) > 0x7F and not ch.isspace()}
    total = sum(counts.values())
    if total == 0:
        return True
    common = sum(n for ch, n in counts.items() if _common_char(ch))
    return common >= (0.9 if total >= 8 else 0.5) * total


def _normal_encoding(name: str) -> str:
    """Codec name as Python knows it, GB2312/GBK read as their superset GB18030."""
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return name.lower()
    return "gb18030" if name in _GB_ALIASES or name.replace("_", "") in _GB_ALIASES else name


def _try_decode(data: bytes, encoding: str) -> str | None:
    """Strict decoding, or None."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess (last resort), kept only if it reads as Chinese or ASCII text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    encoding = _normal_encoding(best.encoding)
    text = _try_decode(data, encoding)
    if text is None or not _plausible(text) or (len(_CJK.findall(text)) == 0 and not text.isascii()):
        return None
    return text, encoding


def decode_bytes(data: bytes, path: str | os.PathLike[str] | None = None, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes: BOM, declared charset, UTF-8, GB18030, then a checked guess.

    Raises BinaryFile or UnknownEncoding naming `path`.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is None:
                raise UnknownEncoding(path)
            return text, "utf-8" if encoding == "utf-8-sig" else encoding
    reason = _binary_reason(data)
    if reason:
        raise BinaryFile(path, detail=reason)
    candidates = ["utf-8", "gb18030"]
    if declared:
        candidates.insert(0, _normal_encoding(declared))
    for encoding in dict.fromkeys(candidates):
        text = _try_decode(data, encoding)
        if text is not None and (encoding == "utf-8" or _plausible(text)):
            return text, encoding
    guess = _guess(data)
    if guess is None:
        raise UnknownEncoding(path)
    return guess


# --------------------------------------------------------------------------- formats


def _read_bytes(path: Path, fmt: str) -> bytes:
    """The file's bytes; an OS error becomes BrokenFile."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise BrokenFile(path, format=fmt.upper(), detail=err.strerror or str(err)) from err


def _load_plain(path: Path, fmt: str) -> tuple[str, str | None]:
    """.txt / .md: decode the bytes."""
    data = _read_bytes(path, fmt)
    if not data.strip():
        raise EmptyDocument(path)
    return decode_bytes(data, path)


def _html_declared(data: bytes) -> str | None:
    """The charset an HTML page declares (meta tag or XML declaration) in its first 4 KB."""
    head = data[:4096]
    m = _CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _norm(s: str) -> str:
    """Text without white space, to compare extractions."""
    return re.sub(r"\s+", "", s)


_BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,td,th,div"


def _container_text(markup: str) -> tuple[str, list[str]]:
    """Article text by hand: the element holding most paragraph text, its blocks in order.

    Returns (title, paragraphs). Used to check trafilatura lost nothing and to
    replace it when it did or found nothing.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    for node in tree.css("script,style,noscript,template"):
        node.decompose()
    scores: dict[int, tuple[object, int]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is not None:
            _, size = scores.get(parent.mem_id, (parent, 0))
            scores[parent.mem_id] = (parent, size + len(p.text(strip=True)))
    best = max(scores.values(), key=lambda item: item[1])[0] if scores else None
    title = _heading_near(best) if best is not None else ""
    if best is None:
        body = tree.body
        text = body.text(separator="\n") if body else tree.text(separator="\n")
        return title, [ln.strip() for ln in text.split("\n") if ln.strip()]
    paragraphs = []
    blocks = best.css(_BLOCKS)  # type: ignore[attr-defined]
    outer = _holders(blocks, best)
    for node in blocks:
        if node.mem_id in outer:  # only innermost blocks
            continue
        text = node.text(separator=" ", strip=True)
        if text:
            paragraphs.append(text)
    return title, paragraphs


def _holders(blocks: list, top: object) -> set[int]:
    """mem_ids of the blocks that hold another block, in one upward walk per block.

    A walk stops at an ancestor already marked, so nesting 100,000 deep costs
    linear time (asking each block for its own blocks was quadratic).
    """
    ids = {node.mem_id for node in blocks}
    marked: set[int] = set()
    for node in blocks:
        parent = node.parent
        while parent is not None and parent.mem_id not in marked:
            if parent.mem_id in ids:
                marked.add(parent.mem_id)
            if parent.mem_id == top.mem_id:  # type: ignore[attr-defined]
                break
            parent = parent.parent
    return marked


def _heading_near(node: object) -> str:
    """The article's heading: an <h1> (else <h2>) in the container or up to two levels above it.

    Not the page's first <h1>, which is often the site's logo.
    """
    for _ in range(3):
        if node is None:
            break
        for selector in ("h1", "h2"):
            found = node.css_first(selector)  # type: ignore[attr-defined]
            if found is not None and found.text(strip=True):
                return found.text(strip=True)
        node = node.parent  # type: ignore[attr-defined]
    return ""


def _extract_html(markup: str) -> str:
    """Main text of a web page, one paragraph per line, the article's heading first."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup, favor_recall=True, include_comments=False, include_formatting=False,
        include_tables=True, with_metadata=True,
    )
    text = (doc.text or "") if doc is not None else ""
    title, paragraphs = _container_text(markup)
    flat = _norm(text)
    lost = [p for p in paragraphs if p != title and len(_norm(p)) >= 4 and _norm(p) not in flat]
    if not text.strip() or any(not _is_chrome(p) for p in lost):
        text = "\n".join(paragraphs)  # trafilatura dropped article text: use the container
    else:
        text = _trim_to_article(text, [title, *paragraphs])
    title = title or (doc.title if doc is not None and doc.title else "")
    if title and _norm(title) not in _norm(text[: len(title) * 4 + 200]):
        text = f"{title}\n{text}"
    return text


def _trim_to_article(text: str, article: list[str]) -> str:
    """Drop blocks of menu or link lines that trafilatura kept before or after the article.

    Hand-written: on small pages trafilatura's recall mode keeps the menu and the
    related links. A block outside the article's first and last paragraphs goes
    only if none of its lines reads as a sentence (ends in 。！？；).
    """
    keys = {_norm(p) for p in article if _norm(p)}
    lines = text.split("\n")
    inside = [i for i, line in enumerate(lines) if _norm(line) in keys]
    if not inside:
        return text
    first, last = inside[0], inside[-1]
    head, body, tail = lines[:first], lines[first : last + 1], lines[last + 1 :]
    if any(_SENTENCE.search(line) for line in head):
        body = head + body
    if any(_SENTENCE.search(line) for line in tail):
        body = body + tail
    return "\n".join(body)


def _is_chrome(paragraph: str) -> bool:
    """A block the cleaner drops anyway (source line, font size links): not a loss if missing."""
    from mubiao.clean import is_furniture

    return is_furniture(paragraph)


def _load_html(path: Path, fmt: str) -> tuple[str, str | None]:
    """.html / .htm: decode the bytes ourselves, then extract the article."""
    data = _read_bytes(path, fmt)
    if not data.strip():
        raise EmptyDocument(path)
    markup, encoding = decode_bytes(data, path, declared=_html_declared(data))
    _check_depth(markup, path)
    return _extract_html(markup), encoding


#: Deepest element nesting read from a page (real pages stay under 100); deeper is refused.
MAX_HTML_DEPTH = 1000
#: Uncompressed bytes of a DOCX's parts (the XML python-docx parses whole) and of a PDF's text.
MAX_DOCX_BYTES = 48 * 1024 * 1024
MAX_PDF_TEXT = 48 * 1024 * 1024
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr p li td th tr option".split())


def _check_depth(markup: str, path: Path) -> None:
    """Refuse a page nested deeper than MAX_HTML_DEPTH before any parser builds its tree.

    Counted from the tags themselves (elements that HTML closes implicitly, such as
    <p> and <li>, do not count), so a page of 100,000 nested <div>s costs one scan.
    """
    depth = 0
    for found in _TAG.finditer(markup):
        closing, name, self_closing = found.groups()
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            raise TooDeep(path, format="HTML", limit=MAX_HTML_DEPTH)


def _docx_table_lines(table: Table) -> list[str]:
    """A Word table: one line per row, cells joined by tabs (merged cells once)."""
    lines = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell repeats in python-docx
                continue
            last = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _load_docx(path: Path, fmt: str) -> tuple[str, str | None]:
    """.docx: paragraphs and tables in document order."""
    import docx
    from docx.table import Table

    _check_docx(path)
    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises zip, XML and key errors alike
        raise BrokenFile(path, format="DOCX", detail=str(err) or type(err).__name__) from err
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_docx_table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines), None


def _check_docx(path: Path) -> None:
    """A DOCX is a zip: refuse other bytes, and parts that expand past MAX_DOCX_BYTES, before parsing.

    The sizes come from the zip's directory; zipfile never inflates a member past its
    declared size (it raises on a mismatch), so they bound what python-docx can read.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise BrokenFile(path, format="DOCX", detail=f"not a DOCX (zip) file: {err}") from err
    if total > MAX_DOCX_BYTES:
        raise TooLarge(path, format="DOCX", limit_mb=MAX_DOCX_BYTES // 2**20, part="XML")


def _load_pdf(path: Path, fmt: str) -> tuple[str, str | None]:
    """.pdf: pypdf's text, pages joined by "\\n", layout lines kept for the cleaner."""
    import pypdf

    from pypdf.errors import LimitReachedError

    _quiet_pypdf()
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Encrypted(path)
        pages, size = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_PDF_TEXT:
                raise TooLarge(path, format="PDF", limit_mb=MAX_PDF_TEXT // 2**20, part="text")
    except LoadError:
        raise
    except LimitReachedError as err:  # pypdf's own bound on a stream's decompressed size
        raise TooLarge(path, format="PDF", limit_mb=MAX_PDF_TEXT // 2**20, part="streams") from err
    except Exception as err:  # pypdf raises PdfReadError, but also KeyError, ValueError… on bad files
        raise BrokenFile(path, format="PDF", detail=str(err) or type(err).__name__) from err
    text = "\n".join(pages)
    if len(_norm(text)) < 10 * max(1, len(pages)):
        raise NoTextLayer(path)
    return text, None


#: Bytes one PDF stream may inflate to (a page's content stream is rarely over 1 MB).
MAX_PDF_STREAM = 16 * 1024 * 1024


def _quiet_pypdf() -> None:
    """pypdf's bounds lowered to MAX_PDF_STREAM, and its warnings silenced.

    pypdf lets one stream inflate to 75 MB, and parsing that much content takes
    over 600 MB; its warnings would surround the one-line error mubiao prints.
    """
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if hasattr(pypdf, "overwrite_configuration"):  # pypdf 7: per execution context, so set before each read
        pypdf.overwrite_configuration(
            maximum_declared_stream_length=MAX_PDF_STREAM, zlib_maximum_output_length=MAX_PDF_STREAM,
            lzw_maximum_output_length=MAX_PDF_STREAM, run_length_maximum_output_length=MAX_PDF_STREAM,
            array_based_stream_maximum_output_length=MAX_PDF_STREAM,
        )
        return
    import pypdf.filters

    for name in ("ZLIB_MAX_OUTPUT_LENGTH", "MAX_DECLARED_STREAM_LENGTH", "LZW_MAX_OUTPUT_LENGTH"):
        if hasattr(pypdf.filters, name):
            setattr(pypdf.filters, name, MAX_PDF_STREAM)


_LOADERS = {"txt": _load_plain, "md": _load_plain, "html": _load_html, "docx": _load_docx, "pdf": _load_pdf}


def load(path: str | os.PathLike[str]) -> LoadedText:
    """Read one document file; raises a LoadError subclass naming the file."""
    p = Path(path)
    if not p.exists():
        raise MissingPath(path)
    if p.is_dir():
        raise NotAFile(path)
    fmt = DOCUMENT_SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(path, suffix=p.suffix or p.name)
    text, encoding = _LOADERS[fmt](p, fmt)
    if not text.strip():
        raise EmptyDocument(path)
    return LoadedText(str(path), readable_name(p.name), _no_surrogates(text), fmt, encoding)


def load_text(text: str, name: str = "<text>") -> LoadedText:
    """Wrap text given directly (a paste, a string from another program) as a document.

    Lone surrogates (\\ud800, from a broken decode elsewhere) become U+FFFD: no store,
    hash or file can take them.
    """
    if not text.strip():
        raise EmptyDocument(name)
    return LoadedText(None, readable_name(name), _no_surrogates(text), "text", None)


_SURROGATES = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text)


def readable_name(name: str) -> str:
    """A file name that can be stored and printed: the bytes of a non-UTF-8 name (a GBK name
    from a Windows zip, held by Python as surrogate escapes) read as GB18030, else lossily."""
    if not _SURROGATES.search(name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
