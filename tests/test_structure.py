"""Structure: title, region, year, parts and sections, interpretation headings, paragraph years."""

from __future__ import annotations

import pytest

from mubiao.clean import clean
from mubiao.structure import parse_structure

REPORT = """2021 年湖南省衡阳市人民政府工作报告
——2021 年 1 月 18 日在衡阳市第十五届人民代表大会第九次会议上
各位代表：
一、“十三五”时期及 2020 年工作回顾
过去五年，全市 GDP 总量突破 3500 亿元，年均增长 7.4%。
各位代表，刚刚过去的2020年极不平凡。
（一）应对大战大考，取得重大成果。全市地区生产总值增长4.3%左右。
二、“十四五”时期主要任务及2035年远景目标
到2025年，地区生产总值达5500亿元左右。
三、2021年工作安排
2021年，全市经济和社会发展的主要预期目标是：地区生产总值增长8.5%左右，城镇调查失业率5.5%左右。
(一) 着力推进创新型城市建设，把创新放在首位。
提升企业创新能力。确保新增企业研发机构 200 家。
"""

INTERPRETATION = """政府工作报告解读·目标篇
关键词 振兴实体经济
【举措一】全面落实工程计划。力争新增航线15条以上。
【举措二】着力发展先进制造业。建设一批智能工厂。
关键词：培育发展新动能
【举措一】深化供给侧结构性改革。持续化解过剩产能。
"""


@pytest.fixture(scope="module")
def report():
    return parse_structure(clean(REPORT))


def test_structure_reads_title_region_and_year(report) -> None:
    assert report.title.replace(" ", "").startswith("2021年湖南省衡阳市人民政府工作报告")
    assert report.region == "衡阳市"
    assert report.year == 2021
    assert report.kind == "report"


def test_structure_stated_region_and_year_win() -> None:
    structure = parse_structure(clean(REPORT), region="耒阳市", year=2020)
    assert (structure.region, structure.year) == ("耒阳市", 2020)


@pytest.mark.parametrize(
    "title, region",
    [
        ("2017年衡阳市政府工作报告", "衡阳市"),
        ("湖南省人民政府工作报告", "湖南省"),
        ("2023年衡南县人民政府工作报告", "衡南县"),
        ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强", "全国"),
    ],
)
def test_structure_infers_region_from_title(title: str, region: str) -> None:
    assert parse_structure(clean(title + "\n正文。\n")).region == region


def test_structure_outline_parts_and_sections(report) -> None:
    parts = [s.title for s in report.sections if s.level == 1]
    assert [p[:2] for p in parts] == ["一、", "二、", "三、"]
    sections = [s for s in report.sections if s.level == 2]
    assert sections[0].path[0].startswith("一、") and sections[0].title.startswith("（一）应对大战大考")
    assert sections[-1].path[0].startswith("三、")


def test_structure_paragraph_roles_and_years(report) -> None:
    by_lead = {p.lead[:4]: p for p in report.paragraphs if not p.is_heading}
    assert by_lead["过去五年"].role == "review" and by_lead["过去五年"].years == (2020, 2016)
    assert by_lead["各位代表"].years == (2020, None)
    assert by_lead["到202"].role == "plan" and by_lead["到202"].years == (2025, 2021)
    assert by_lead["2021"].years == (2021, None)


def test_structure_goals_sentence(report) -> None:
    assert report.goals_sentence.startswith("主要预期目标是：地区生产总值增长8.5%左右")


def test_structure_interpretation_keywords_and_measures() -> None:
    structure = parse_structure(clean(INTERPRETATION), year=2018)
    assert structure.kind == "interpretation"
    keywords = [s.title for s in structure.sections if s.level == 1]
    measures = [s.title for s in structure.sections if s.level == 2]
    assert keywords == ["关键词振兴实体经济", "关键词：培育发展新动能"]
    assert measures == ["【举措一】全面落实工程计划。", "【举措二】着力发展先进制造业。", "【举措一】深化供给侧结构性改革。"]
    assert structure.sections[1].path == ("关键词振兴实体经济", "【举措一】全面落实工程计划。")


def test_structure_records_know_their_section() -> None:
    import mubiao

    records = mubiao.extract(REPORT)
    last = records[-1]
    assert last.value == 200 and last.section[0].startswith("三、") and last.section[1].startswith("(一)")


def test_structure_normalizes_stated_region() -> None:
    assert parse_structure(clean("三、工作安排\n增长5%左右。\n"), region="衡阳").region == "衡阳市"


UNNUMBERED = """2026年某市人民政府工作报告
各位代表：
“十四五”时期工作回顾
五年来，全市经济总量迈上新台阶。
“十五五”时期主要目标任务
“十五五”时期，全市经济保持合理增长。
主要目标
全市经济年均增长5%左右。
2026年主要工作
今年是“十五五”开局之年。主要预期目标是：经济增长5%左右。
"""


def test_structure_unnumbered_part_headings_have_roles_and_years() -> None:
    structure = parse_structure(clean(UNNUMBERED), year=2026)
    parts = {p.lead: (p.role, p.years) for p in structure.paragraphs if p.is_heading and len(p.section) == 1}
    assert parts == {
        "“十四五”时期工作回顾": ("review", (2025, 2021)),
        "“十五五”时期主要目标任务": ("plan", (2030, 2026)),
        "2026年主要工作": ("plan", (2026, None)),
    }  # a bare 主要目标 line is a sub-heading, not a part
    body = {p.lead[:6]: (p.role, p.years) for p in structure.paragraphs if not p.is_heading}
    assert body["五年来，全市"] == ("review", (2025, 2021))
    assert body["全市经济年均"] == ("plan", (2030, 2026))
    assert body["今年是“十五"] == ("plan", (2026, None))


@pytest.mark.parametrize(
    "heading, role",
    [
        ("三、2026年主要工作", "plan"),
        ("一、2025年主要工作", "review"),
        ("一、１９９４年国内工作的回顾", "review"),
        ("一、“十四五”时期经济社会发展", "review"),
        ("二、“十五五”发展的主要考虑", "plan"),
    ],
)
def test_structure_part_role_from_its_time_words(heading: str, role: str) -> None:
    structure = parse_structure(clean(f"2026年某省人民政府工作报告\n{heading}\n正文。\n"), year=2026)
    assert [p.role for p in structure.paragraphs if p.is_heading] == [role]


CLOSED = """2026年某省人民政府工作报告
三、2026年重点工作
新建学校10所。
各位代表！让我们团结一心，为建设美好家园而努力奋斗！
附件1
2026年全省十件民生实事
改造老旧小区800个。
附件2
名词解释
1.“双百工程”：在100个乡镇建设100个服务站。
相关报道：
"""


def test_structure_back_matter_after_the_closing_call() -> None:
    """An appendix of the year's tasks plans the report year; a glossary and chrome are aside."""
    structure = parse_structure(clean(CLOSED), year=2026)
    body = {p.lead[:6]: (p.role, p.years, p.section[:1]) for p in structure.paragraphs if not p.is_heading}
    assert body["新建学校10"] == ("plan", (2026, None), ("三、2026年重点工作",))
    assert body["改造老旧小区"] == ("plan", (2026, None), ("2026年全省十件民生实事",))
    assert body["1.“双百工"][0] == "aside"
    headings = {p.lead: p.role for p in structure.paragraphs if p.is_heading}
    assert headings["名词解释"] == "aside" and headings["相关报道："] == "aside"


def test_structure_closing_like_paragraph_in_the_body_moves_nothing() -> None:
    """A body paragraph ending …而共同奋斗。 is no end of the speech without back matter after it."""
    text = "2026年某省人民政府工作报告\n三、2026年重点工作\n全省上下要为建设美好家园而共同奋斗。\n新建学校10所。\n"
    structure = parse_structure(clean(text), year=2026)
    assert {p.role for p in structure.paragraphs if p.section} == {"plan"}
