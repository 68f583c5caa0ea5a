"""Write a `Digest` as Markdown or as a standalone HTML page.

Markdown marks targets with **…**; HTML with <strong>, every piece of document
text escaped. The DOCX writer is in `mubiao.digest.word`.
"""

from __future__ import annotations

import html
import re

from mubiao.digest.build import Digest
from mubiao.digest.tasks import target_text
from mubiao.digest.text import Run

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup."""
    return MD_SPECIAL.sub(r"\\\1", text)


def md_runs(items: tuple[Run, ...] | list[Run]) -> str:
    return "".join(f"**{md_escape(r.text)}**" if r.bold else md_escape(r.text) for r in items)


def to_markdown(digest: Digest) -> str:
    """The digest as Markdown: # title, ## 关键词, ### 【举措】, a table of targets."""
    w = digest.words
    out = [f"# {md_escape(digest.title)}", ""]
    if digest.lead:
        out += [md_escape(digest.lead), ""]
    if digest.goals:
        out += [f"## {w['goals']}", ""]
        for block in digest.goals:
            out += [md_runs(block), ""]
    for kw in digest.keywords:
        out += [f"## {md_escape(digest.keyword_title(kw))}", ""]
        for n, m in enumerate(kw.measures, 1):
            out += [f"### {md_escape(digest.measure_title(n, m))}", ""]
            if m.body:
                out += [md_runs(m.body), ""]
    if digest.targets:
        out += [f"## {w['targets']}", "", "| " + " | ".join(w["target_columns"]) + " |",
                "|" + "---|" * len(w["target_columns"])]
        for n, row in enumerate(target_rows(digest), 1):
            out.append("| " + " | ".join([str(n)] + [md_escape(c) for c in row]) + " |")
        out.append("")
    return "\n".join(out)


def target_rows(digest: Digest) -> list[list[str]]:
    """The target table's rows: indicator, target, year, quote."""
    return [[r.indicator, target_text(r), "" if r.year is None else str(r.year), r.quote] for r in digest.targets]


CSS = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; max-width: 46em; margin: 2em auto; line-height: 1.8; color: #222; padding: 0 1em; }
h1 { text-align: center; font-size: 1.6em; }
h2 { border-left: 6px solid #b22; padding-left: .5em; margin-top: 2em; }
h3 { font-size: 1.05em; color: #822; }
strong { color: #b22; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid #999; padding: .3em .5em; vertical-align: top; }
th { background: #eee; }
"""


def _html_runs(items: tuple[Run, ...] | list[Run]) -> str:
    return "".join(f"<strong>{html.escape(r.text)}</strong>" if r.bold else html.escape(r.text) for r in items)


def to_html(digest: Digest) -> str:
    """The digest as one HTML page (UTF-8, inline CSS), all document text escaped."""
    w = digest.words
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(digest.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{e(digest.title)}</h1>"]
    if digest.lead:
        out.append(f'<p class="lead">{e(digest.lead)}</p>')
    if digest.goals:
        out.append(f"<h2>{e(w['goals'])}</h2>")
        out += [f"<p>{_html_runs(block)}</p>" for block in digest.goals]
    for kw in digest.keywords:
        out.append(f'<h2 class="keyword">{e(digest.keyword_title(kw))}</h2>')
        for n, m in enumerate(kw.measures, 1):
            out.append(f'<h3 class="measure">{e(digest.measure_title(n, m))}</h3>')
            if m.body:
                out.append(f"<p>{_html_runs(m.body)}</p>")
    if digest.targets:
        out += [f"<h2>{e(w['targets'])}</h2>", "<table>", "<thead><tr>"
                + "".join(f"<th>{e(c)}</th>" for c in w["target_columns"]) + "</tr></thead>", "<tbody>"]
        for n, row in enumerate(target_rows(digest), 1):
            out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in [str(n), *row]) + "</tr>")
        out += ["</tbody>", "</table>"]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
