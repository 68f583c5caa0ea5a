"""Tests of mubiao.load: encodings, formats, errors naming the file, folders, parity with the seeds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from mubiao.clean import clean, to_simplified
from mubiao.errors import (
    BinaryFile,
    BrokenFile,
    EmptyDocument,
    LoadError,
    MissingPath,
    NoDocuments,
    NotAFile,
    NoTextLayer,
    UnknownEncoding,
    UnsupportedFormat,
)
from mubiao.load import LoadedText, iter_paths, load, load_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FORMATS = SHARED / "formats"
SEEDS = SHARED / "seeds"
needs_shared = pytest.mark.skipif(not FORMATS.is_dir(), reason=f"shared formats not found at {FORMATS}")

SIMPLIFIED = "2021年衡阳市政府工作报告\n\n全市GDP总量突破3500亿元，年均增长7.4%。\n"
TRADITIONAL = "衡陽目標篇之二\n\n力爭3.96萬貧困人口脫貧，全市貧困人口發生率下降到0.36%。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_error(err_type: type[LoadError], path: Path) -> LoadError:
    """load(path) raises `err_type` and its message names the file."""
    with pytest.raises(err_type) as info:
        load(path)
    assert path.name in str(info.value)
    return info.value


# --------------------------------------------------------------------------- text encodings


@pytest.mark.parametrize(
    ("name", "data", "encoding", "expected"),
    [
        ("utf8.txt", SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
        ("bom.txt", b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
        ("utf16.txt", SIMPLIFIED.encode("utf-16"), "utf-16", SIMPLIFIED),
        ("gbk.txt", SIMPLIFIED.encode("gbk"), "gb18030", SIMPLIFIED),
        ("gb18030.txt", ("𠮷" + SIMPLIFIED).encode("gb18030"), "gb18030", "𠮷" + SIMPLIFIED),
        ("traditional.txt", TRADITIONAL.encode("utf-8"), "utf-8", TRADITIONAL),
        ("traditional_gbk.txt", TRADITIONAL.encode("gbk"), "gb18030", TRADITIONAL),
        ("big5.txt", TRADITIONAL.encode("big5"), "big5", TRADITIONAL),
        ("notes.md", ("## 标题\n\n" + SIMPLIFIED).encode("utf-8"), "utf-8", "## 标题\n\n" + SIMPLIFIED),
        ("report.text", SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
    ],
)
def test_load_decodes_text_files(tmp_path: Path, name: str, data: bytes, encoding: str, expected: str) -> None:
    doc = load(write(tmp_path, name, data))
    assert doc.text == expected  # script as written, nothing cleaned
    assert doc.encoding == encoding
    assert doc.name == name
    assert doc.format == ("md" if name.endswith(".md") else "txt")


def test_load_keeps_path_as_given(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", SIMPLIFIED.encode("utf-8"))
    assert load(str(path)).path == str(path)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  ", "\u3000\u3000\n".encode("utf-8")])
def test_load_empty_file(tmp_path: Path, data: bytes) -> None:
    assert_error(EmptyDocument, write(tmp_path, "empty.txt", data))


def test_load_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    err = assert_error(BinaryFile, write(tmp_path, "picture.txt", png))
    assert "PNG" in str(err)


def test_load_binary_without_signature(tmp_path: Path) -> None:
    assert_error(BinaryFile, write(tmp_path, "blob.txt", b"abc\x00\x01\x02\x03def" * 20))


@pytest.mark.parametrize("seed", range(5))
def test_load_unknown_encoding(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    noise = bytes(rnd.randrange(0x80, 0x100) for _ in range(400))
    assert_error(UnknownEncoding, write(tmp_path, "noise.txt", noise))


def test_load_gbk_run_of_rare_characters_is_not_taken_for_text(tmp_path: Path) -> None:
    # valid GBK byte pairs, but characters nobody writes: rejected rather than mojibake
    rnd = random.Random(1)
    pairs = b"".join(bytes([rnd.randrange(0x81, 0xA0), rnd.randrange(0x40, 0x7F)]) for _ in range(200))
    assert_error(UnknownEncoding, write(tmp_path, "rare.txt", pairs))


# --------------------------------------------------------------------------- other formats


def test_load_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("2021年衡阳市政府工作报告", level=0)
    document.add_paragraph("各位代表：")
    document.add_paragraph("全市GDP总量突破3500亿元，年均增长7.4%。")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "2020年", "目标"), ("地区生产总值", "3509亿元", "增长8.5%")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("谢谢大家。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = load(path)
    assert doc.format == "docx" and doc.encoding is None
    assert doc.text.split("\n") == [
        "2021年衡阳市政府工作报告",
        "各位代表：",
        "全市GDP总量突破3500亿元，年均增长7.4%。",
        "指标\t2020年\t目标",
        "地区生产总值\t3509亿元\t增长8.5%",
        "谢谢大家。",
    ]


def test_load_broken_docx(tmp_path: Path) -> None:
    assert_error(BrokenFile, write(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip"))


def test_load_pdf_without_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    err = assert_error(NoTextLayer, path)
    assert "OCR" in str(err)


def test_load_broken_pdf(tmp_path: Path) -> None:
    assert_error(BrokenFile, write(tmp_path, "broken.pdf", b"%PDF-1.7\n this is not a PDF body \n%%EOF"))


def test_load_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    err = assert_error(BrokenFile, path)
    assert "encrypted" in str(err)


def test_load_html_gbk_page_keeps_the_article_only(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>解读_新闻网</title></head><body>"
        '<div class="nav"><a href="/">首页</a> | <a href="/n">新闻</a> | <a href="/g">政务</a></div>'
        '<div class="article"><h1>政府工作报告解读</h1>'
        "<p>全市GDP总量突破3500亿元，年均增长7.4%，引领全市人民奋力前行。</p>"
        "<p>力争森林覆盖率达48.2%，城区空气优良天数达300天以上。</p>"
        "<p>加快“中国制造</p><p>2025”试点示范城市建设。</p></div>"
        '<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">我市召开经济工作会议</a></li></ul></div>'
        '<div class="footer">版权所有：新闻网 备案号：湘ICP备00000000号</div></body></html>'
    )
    doc = load(write(tmp_path, "page.html", page.encode("gbk")))
    assert doc.format == "html" and doc.encoding == "gb18030"
    lines = doc.text.split("\n")
    assert lines[0] == "政府工作报告解读"
    assert "全市GDP总量突破3500亿元，年均增长7.4%，引领全市人民奋力前行。" in lines
    assert "加快“中国制造" in lines and "2025”试点示范城市建设。" in lines
    for chrome in ("首页", "相关新闻", "我市召开经济工作会议", "版权所有", "ICP"):
        assert chrome not in doc.text


def test_load_html_heading_is_the_articles_not_the_logo(tmp_path: Path) -> None:
    page = (
        "<html><head><title>2021年政府工作报告_衡阳市人民政府门户网站</title></head><body>"
        '<div class="top"><h1 class="logo">衡阳市人民政府</h1></div>'
        '<div class="main"><div class="tit"><h2>2021年衡阳市政府工作报告</h2>'
        '<div class="info">发布时间：2021-01-25 来源：市政府办 浏览次数：8801 【字号：大 中 小】</div></div>'
        '<div class="content"><p>各位代表：</p><p>现在，我代表市人民政府，向大会报告工作。</p>'
        "<p>全市GDP总量突破3500亿元，年均增长7.4%。</p><p>图为衡阳市城区一角。</p>"
        "<p>地方税收收入达113.87亿元，较2015年增长18.4%。</p></div></div>"
        '<div class="bottom"><a href="#">【打印本页】</a><a href="#">【关闭窗口】</a></div></body></html>'
    )
    doc = load(write(tmp_path, "notice.html", page.encode("utf-8")))
    assert clean(doc.text).text.split("\n") == [
        "2021年衡阳市政府工作报告",
        "各位代表：",
        "现在，我代表市人民政府，向大会报告工作。",
        "全市GDP总量突破3500亿元，年均增长7.4%。",
        "地方税收收入达113.87亿元，较2015年增长18.4%。",
    ]


def test_load_html_utf8_without_declaration(tmp_path: Path) -> None:
    page = "<html><body><article><h1>标题</h1><p>全市GDP增长7.4%，好于预期，经济运行稳中向好。</p></article></body></html>"
    doc = load(write(tmp_path, "page.htm", page.encode("utf-8")))
    assert doc.encoding == "utf-8"
    assert "全市GDP增长7.4%" in doc.text and doc.text.startswith("标题")


def test_load_unsupported_suffix(tmp_path: Path) -> None:
    err = assert_error(UnsupportedFormat, write(tmp_path, "table.xlsx", b"PK\x03\x04"))
    assert ".xlsx" in str(err)


def test_load_missing_file(tmp_path: Path) -> None:
    assert_error(MissingPath, tmp_path / "nowhere.txt")


def test_load_folder_is_not_a_file(tmp_path: Path) -> None:
    assert_error(NotAFile, tmp_path)


def test_load_text_given_directly() -> None:
    doc = load_text("全市GDP增长7.4%。", name="paste")
    assert doc == LoadedText(None, "paste", "全市GDP增长7.4%。", "text", None)
    with pytest.raises(EmptyDocument) as info:
        load_text("  \n", name="paste")
    assert "paste" in str(info.value)


# --------------------------------------------------------------------------- folders


def test_iter_paths_expands_folders_and_reports_errors(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "empty").mkdir()
    for rel in ("b/2.txt", "a/1.md", "a/sub/3.pdf", "a/x.png", ".git/4.txt", "a/~$lock.docx", "z.HTML"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    out = list(iter_paths([tmp_path, tmp_path / "missing", tmp_path / "empty", tmp_path / "a" / "x.png"]))
    files = [p.relative_to(tmp_path).as_posix() for p in out if isinstance(p, Path)]
    errors = [e for e in out if isinstance(e, LoadError)]
    assert files == ["a/1.md", "a/sub/3.pdf", "b/2.txt", "z.HTML", "a/x.png"]
    assert [type(e) for e in errors] == [MissingPath, NoDocuments]
    assert "missing" in str(errors[0]) and "empty" in str(errors[1])


def test_iter_paths_file_given_twice_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"x")
    assert list(iter_paths([path, str(path)])) == [path]


# --------------------------------------------------------------------------- the shared formats


FORMAT_FILES = [
    ("000_53f8f221e47aee4f.html", "html", "gb18030"),
    ("004_6410479e007ff1ce.docx", "docx", None),
    ("004_6410479e007ff1ce.pdf", "pdf", None),
    ("gbk/003_1394a1d998285cb9.txt", "txt", "gb18030"),
    ("traditional/002_b395784ce1fb8773.txt", "txt", "utf-8"),
]


@needs_shared
@pytest.mark.parametrize(("rel", "fmt", "encoding"), FORMAT_FILES, ids=[f[0] for f in FORMAT_FILES])
def test_load_shared_formats(rel: str, fmt: str, encoding: str | None) -> None:
    doc = load(FORMATS / rel)
    assert (doc.format, doc.encoding) == (fmt, encoding)
    assert doc.name == Path(rel).name


@needs_shared
def test_load_shared_html_is_the_article_with_its_heading() -> None:
    doc = load(FORMATS / "000_53f8f221e47aee4f.html")
    seed = (SEEDS / "000_53f8f221e47aee4f.txt").read_text(encoding="utf-8")
    lines = doc.text.split("\n")
    assert lines[0] == "政府工作报告解读·目标篇"
    assert [ln.strip() for ln in seed.split("\n") if ln.strip()] == [ln.strip() for ln in lines if ln.strip()]


def _digit_sentences(text: str) -> list[str]:
    """Sentences (split at 。；！？ and line ends) holding a digit, white space removed."""
    parts = re.split(r"[。；！？!?;\n]", re.sub(r"[^\S\n]", "", text))
    return [p for p in parts if re.search(r"\d", p)]


@needs_shared
@pytest.mark.parametrize(("rel", "fmt", "encoding"), FORMAT_FILES, ids=[f[0] for f in FORMAT_FILES])
def test_load_clean_parity_with_plain_seed(rel: str, fmt: str, encoding: str | None) -> None:
    """Every digit-bearing sentence of the plain seed survives loading + cleaning of the format file."""
    seed = (SEEDS / (Path(rel).stem + ".txt")).read_text(encoding="utf-8")
    cleaned = clean(load(FORMATS / rel).text)
    haystack = re.sub(r"[^\S\n]", "", cleaned.match_text)  # match_text: t2s for the traditional file
    wanted = _digit_sentences(clean(seed).text)
    missing = [s for s in wanted if s not in haystack]
    assert wanted
    assert not missing, f"{len(missing)} of {len(wanted)} digit-bearing sentences missing: {missing[:5]}"


@needs_shared
def test_load_clean_parity_against_raw_seed_sentences() -> None:
    """The same check against the seed as written (sentences split only at 。；！？), whitespace removed."""
    for rel, _, _ in FORMAT_FILES:
        seed = (SEEDS / (Path(rel).stem + ".txt")).read_text(encoding="utf-8")
        flat = re.sub(r"\s", "", to_simplified(clean(load(FORMATS / rel).text).text))
        wanted = [s for s in re.split(r"[。；！？!?;]", re.sub(r"[\s*#]", "", seed)) if re.search(r"\d", s)]
        missing = [s for s in wanted if s not in flat]
        assert not missing, f"{rel}: {len(missing)} of {len(wanted)} missing: {missing[:3]}"
