"""Word output laid out as GB/T 9704-2012 prescribes, with python-docx.

Page: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text area);
22 lines a page (fixed line spacing = text height / 22, rounded down to a twip, on a line grid)
and 28 characters a line (body characters condensed by 0.25 pt). Title 2号 (22 pt) 方正小标宋简体, centred, one blank line
below it. Body 3号 (16 pt) 仿宋_GB2312, justified, first line indented two characters. Headings
at 3号: level 1 黑体, level 2 楷体_GB2312, levels 3–4 仿宋_GB2312; a heading with body text after
it in the same paragraph (run-in) keeps its heading font for the heading sentence only. Page
numbers 4号 (14 pt) half-width 宋体 as “— 1 —” at the foot, odd pages right and even pages left,
one character in from the edge.

Fonts are named as Word names them, in every script slot (w:ascii, w:hAnsi, w:eastAsia,
w:cs); the font table gives each an ``altName`` so that Word substitutes the font Windows ships
when the GB2312-era one is missing (see :data:`FALLBACKS`, docs/render.md).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt, Twips

from .model import Block, FinalDocument

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
TITLE_SIZE = Pt(22)       # 2号
BODY_SIZE = Pt(16)        # 3号
PAGE_NUMBER_SIZE = Pt(14) # 4号
#: Exact line pitch: the text height divided by 22, rounded down to whole twips (28.95 pt).
LINE_PITCH = Twips(int((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / LINES_PER_PAGE / Twips(1)))
#: Character spacing that fits 28 3号 characters in the 156 mm line: the text width / 28 is
#: 15.79 pt, so each character is condensed by 0.25 pt (w:spacing is in twips, rounded away).
CHAR_SPACING = Twips(-5)
#: The foot's distance from the page edge, so that the page number's 一字线 sits about 7 mm
#: below the text area (measured in LibreOffice: the line box top 4 mm below, the dash 7 mm).
FOOTER_DISTANCE = Mm(25)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
PAGE_NUMBER_FONT = "宋体"
#: Word's substitute for each font (font-table ``altName``) when it is not installed.
FALLBACKS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei",
             "宋体": "SimSun"}

#: Paragraph style names (Word shows them; outline levels make headings navigable).
STYLE_TITLE = "公文标题"
STYLE_HEADINGS = {1: "公文一级标题", 2: "公文二级标题", 3: "公文三级标题", 4: "公文四级标题"}
STYLE_PAGE_NUMBER = "公文页码"

#: Characters XML 1.0 cannot hold (control characters pasted from other programs): dropped,
#: since python-docx refuses them and they show nothing anyway.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_docx(doc: FinalDocument) -> bytes:
    """The final document as the bytes of a .docx file."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _font_table(document)
    _footer(document)
    body = _Body(document)
    for line in doc.title_lines:
        body.add(_xml_safe(line), STYLE_TITLE)
    if doc.title_lines:
        body.add("")  # GB/T 9704: one blank line between title and text
    for block in doc.blocks:
        _block(body, block)
    props = document.core_properties
    props.title = _xml_safe(doc.title)
    props.author = _xml_safe(str(doc.meta.get("unit", ""))) if doc.meta else ""
    props.last_modified_by = props.author
    props.language = "zh-CN"
    props.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


class _Body:
    """Appends paragraphs to the document body in constant time each.

    ``Document.add_paragraph`` finds the body's closing w:sectPr by scanning the body's children
    and looks the style up by name through the whole style sheet, for every paragraph: rendering
    grew quadratically (10k/20k/40k headings took 6/14/36 s, 100k over 5 minutes). Here the
    w:sectPr is found once, style ids are looked up once, and the XML is the same.
    """

    def __init__(self, document) -> None:
        self.body = document.element.body
        self.end = self.body.find(qn("w:sectPr"))
        self.styles = {name: document.styles[name].style_id for name in (STYLE_TITLE, *STYLE_HEADINGS.values())}

    def add(self, text: str, style: str | None = None):
        """Append a paragraph holding ``text`` (one run) in paragraph style ``style``; return it."""
        p = OxmlElement("w:p")
        if text:
            _set_run_text(p.add_r(), text)
        if style is not None:
            p.style = self.styles[style]
        if self.end is not None:
            self.end.addprevious(p)
        else:
            self.body.append(p)
        return p


def _set_run_text(run, text: str) -> None:
    """What ``run.text = text`` writes, without its character-by-character loop when the text
    has no tab or line break (then it is one w:t; python-docx's loop was a quarter of the time
    of rendering 100,000 headings)."""
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    elif text:
        run.add_t(text)


def _block(body: _Body, block: Block) -> None:
    if block.kind != "heading":
        body.add(_xml_safe(block.text))
        return
    heading = _xml_safe(block.number + block.heading)
    if not block.run_in:
        body.add(heading, STYLE_HEADINGS[block.level])
        return
    paragraph = body.add(heading)
    set_fonts(paragraph.r_lst[0].get_or_add_rPr(), HEADING_FONTS[block.level])
    _set_run_text(paragraph.add_r(), _xml_safe(block.text))


# -- fonts -------------------------------------------------------------------------------------
def set_fonts(rpr, name: str) -> None:
    """Set ``name`` in every script slot of a run-properties element (no theme fonts)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):  # a theme font would win over the names set here
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _font_table(document) -> None:
    """Add each GB/T 9704 font to the font table with its ``altName`` (Word's substitute)."""
    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for name, alt in FALLBACKS.items():
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'))
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- page --------------------------------------------------------------------------------------
def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # A line grid only: Word's character grid (linesAndChars) is drawn by LibreOffice with one
    # character per line-pitch cell (about 16 a line); 28 a line comes from CHAR_SPACING instead.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))


def _styles(document) -> None:
    styles = document.styles
    # Document defaults: no theme fonts (the template's are Japanese), Chinese language.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, BODY_FONT)
    # The document grid's character pitch is reckoned from the default size: make it 3号.
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is not None:
            size.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = styles["Normal"]
    _paragraph_style(normal, BODY_FONT, BODY_SIZE, indent=True)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False  # keep 22 lines on every full page
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING.twips))
    _insert_rpr_child(normal.element.get_or_add_rPr(), spacing)

    title = styles.add_style(STYLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    _paragraph_style(title, TITLE_FONT, TITLE_SIZE, indent=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True
    title.next_paragraph_style = normal
    # A 2号 line is taller than the grid's pitch: off the grid, LibreOffice would give each
    # title line two grid lines; with exact spacing it takes one, as in Word.
    no_snap = OxmlElement("w:snapToGrid")
    no_snap.set(qn("w:val"), "0")
    ppr = title.element.get_or_add_pPr()
    ppr.insert_element_before(no_snap, "w:spacing", "w:ind", "w:jc", "w:outlineLvl")

    for level, name in STYLE_HEADINGS.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _paragraph_style(style, HEADING_FONTS[level], BODY_SIZE, indent=True)
        style.paragraph_format.keep_with_next = True
        style.next_paragraph_style = normal
        ppr = style.element.get_or_add_pPr()
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        ppr.append(outline)

    page = styles.add_style(STYLE_PAGE_NUMBER, WD_STYLE_TYPE.PARAGRAPH)
    page.base_style = normal
    _paragraph_style(page, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, indent=False)
    page.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _paragraph_style(style, font: str, size, indent: bool) -> None:
    style.font.size = size
    set_fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    if indent:
        # Two characters: Word reads firstLineChars (hundredths of a character); others the twips.
        ind.set(qn("w:firstLineChars"), "200")
        ind.set(qn("w:firstLine"), str(Twips(2 * BODY_SIZE.twips).twips))
    else:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")


def _insert_rpr_child(rpr, element) -> None:
    """Insert ``element`` into w:rPr in schema order (w:spacing goes before w:w, w:kern, w:sz…)."""
    later = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
    for i, child in enumerate(rpr):
        if child.tag in {qn(t) for t in later}:
            rpr.insert(i, element)
            return
    rpr.append(element)


def _footer(document) -> None:
    """Page numbers “— 1 —”: odd pages right, even pages left, one character from the edge."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[STYLE_PAGE_NUMBER]
        paragraph.alignment = align
        one_char = PAGE_NUMBER_SIZE
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = one_char
        else:
            paragraph.paragraph_format.left_indent = one_char
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph) -> None:
    """A PAGE field (begin / instruction / separate / result / end), showing “1” until updated."""
    def run_with(tag: str, **attrs: str):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        paragraph.add_run()._r.append(element)
        return element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = run_with("w:instrText", **{"xml:space": "preserve"})
    instr.text = " PAGE "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})
