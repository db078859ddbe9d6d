"""The .docx export read back with python-docx: GB/T 9704-2012 page setup, fonts, sizes, spacing,
page numbers; and render → read → check gives the source's outline."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from lxml import etree
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter import check_path
from drafter.render import build_final, export_bytes, write_final
from render_helpers import DRAFT_NAME, SEED_NAME, outline_shape

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module", params=[SEED_NAME, DRAFT_NAME])
def rendered(request):
    source = check_path(SAMPLES / request.param)
    data = export_bytes(build_final(source.report, source.match), ".docx")
    return source, docx.Document(io.BytesIO(data))


def _east_asia_font(element) -> str | None:
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _style_font(style) -> str | None:
    while style is not None:
        name = _east_asia_font(style.element)
        if name:
            return name
        style = style.base_style
    return None


def test_page_setup_is_a4_with_gbt9704_margins(rendered):
    _, document = rendered
    section = document.sections[0]
    # .docx stores twips: compare to within one twip (0.018 mm).
    got = [round(length.mm, 1) for length in (section.page_width, section.page_height, section.top_margin,
                                             section.bottom_margin, section.left_margin, section.right_margin)]
    assert got == [210, 297, 37, 35, 28, 26]


def test_title_is_2hao_xiaobiaosong_centred(rendered):
    source, document = rendered
    titles = [p for p in document.paragraphs if p.style.name == "公文标题"]
    assert "".join(p.text for p in titles) == source.report.title
    for paragraph in titles:
        assert paragraph.style.font.size == Pt(22)
        assert _style_font(paragraph.style) == "方正小标宋简体"
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # one blank line between the title and the text
    after = document.paragraphs[len(titles)]
    assert after.text == "" and document.paragraphs[len(titles) + 1].text.startswith("上半年，")


def test_body_is_3hao_fangsong_22_lines_a_page_indented_two_characters(rendered):
    _, document = rendered
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert _style_font(normal) == "仿宋_GB2312"
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    text_height = Mm(297) - Mm(37) - Mm(35)
    assert 21 * fmt.line_spacing < text_height and 22 * fmt.line_spacing <= text_height < 23 * fmt.line_spacing
    assert fmt.first_line_indent == Pt(32)
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert fmt.space_before == 0 and fmt.space_after == 0
    # 28 characters a line: character pitch (16 pt + spacing) × 28 fits the 156 mm line.
    spacing = normal.element.rPr.find(qn("w:spacing"))
    pitch = Pt(16) + int(spacing.get(qn("w:val"))) * 635
    assert 28 * pitch <= Mm(156) < 29 * pitch
    body = [p for p in document.paragraphs if p.text.startswith("上半年，")]
    assert body and body[0].style.name == "Normal"


def test_heading_fonts_by_level(rendered):
    source, document = rendered
    expected = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    for level, font in expected.items():
        style = document.styles[f"公文{'一二三四'[level - 1]}级标题"]
        assert _style_font(style) == font and style.font.size == Pt(16)
    part_heading = next(p for p in document.paragraphs if p.text == "一、上半年工作总结")
    assert part_heading.style.name == "公文一级标题"
    if source.source.format == "md":  # the draft puts （一）… on its own line
        own = next(p for p in document.paragraphs if p.text.startswith("（一）"))
        assert own.style.name == "公文二级标题" and own.text == "（一）着眼“培根铸魂”，理论武装工作不断深化。"


def test_run_in_heading_sentence_in_heading_font_rest_in_body_font():
    source = check_path(SAMPLES / SEED_NAME)
    document = docx.Document(io.BytesIO(export_bytes(build_final(source.report, source.match), ".docx")))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert paragraph.style.name == "Normal"
    head, rest = paragraph.runs
    assert head.text == "（一）着眼“培根铸魂”，理论武装工作不断深化。"
    assert _east_asia_font(head._r) == "楷体_GB2312"
    assert rest.text.startswith("一是理论学习扎实有效。") and _east_asia_font(rest._r) is None


def test_page_numbers_in_the_foot_dash_style_odd_right_even_left(rendered):
    _, document = rendered
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text == "— 1 —"
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.style.font.size == Pt(14) and _style_font(paragraph.style) == "宋体"


def test_fonts_have_fallbacks_in_the_font_table(rendered):
    _, document = rendered
    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    xml = part.blob.decode("utf-8")
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        assert f'w:name="{name}"><w:altName w:val="{alt}"/>' in xml


def test_no_theme_fonts_override_the_east_asian_names(rendered):
    _, document = rendered
    used = {p.style.name for p in document.paragraphs} | {"Normal"}
    assert "公文标题" in used and "公文一级标题" in used
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for element in [defaults] + [document.styles[name].element for name in used]:
        xml = etree.tostring(element, encoding="unicode")
        assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml


@pytest.mark.parametrize("name", [SEED_NAME, DRAFT_NAME])
def test_render_then_read_docx_back_gives_the_same_outline(tmp_path, name):
    source = check_path(SAMPLES / name)
    out = tmp_path / "report.docx"
    write_final(build_final(source.report, source.match), out)
    again = check_path(out)
    assert again.source.line_unit == "paragraph" and again.source.format == "docx"
    assert outline_shape(again) == outline_shape(source)
    assert again.report.title == source.report.title
    outline_codes = lambda r: [d.code for d in r.diagnostics if d.code.startswith("outline.")]  # noqa: E731
    assert outline_codes(again) == outline_codes(source)


def test_docx_line_numbers_count_non_empty_paragraphs(tmp_path):
    source = check_path(SAMPLES / SEED_NAME)
    out = tmp_path / "report.docx"
    write_final(build_final(source.report, source.match), out)
    document = docx.Document(out)
    extra = document.paragraphs[3].insert_paragraph_before("\u3000 ")   # blank, before 一、
    assert extra.text.strip() == ""
    document.save(out)
    again = check_path(out)
    # title (2 paragraphs), the empty one after it and the blank one not counted, the lead, 一、
    assert again.match.part("summary").division.heading.span.line == 4
    assert document.paragraphs[5].text == "一、上半年工作总结"
    assert again.report.title == source.report.title


def test_control_characters_pasted_into_a_draft_do_not_break_the_docx(seed_text):
    from drafter import check_text

    text = seed_text.replace("上半年，市委宣传部深入", "上半年，\x0b市委宣传部\x0c深入", 1)
    result = check_text(text)
    document = docx.Document(io.BytesIO(export_bytes(build_final(result.report, result.match), ".docx")))
    assert any(p.text.startswith("上半年，市委宣传部深入") for p in document.paragraphs)
