"""Fuzzing the engine with hypothesis: generated Chinese report-like text never breaks it.

Strategies build what drafts are made of — titles, headings at four levels in standard and
non-standard forms (一、 （一） 1. （1） 1、 (1) ㈠ 一. Markdown #), run-in headings, items 一是…二是…,
placeholders (X次, XX市, X余条, X万多条次), paired and unpaired quotes and brackets, full-width
spaces, blank lines, CRLF/CR/LF and a BOM — plus arbitrary Unicode and arbitrary bytes, and
random cuts and shuffles of the seed report. Properties:

* the reader returns a document or raises ``InputError``; text it decodes round-trips;
* ``parse_report`` / ``match_outline`` / ``analyze`` (every registered check, so checks merged
  later are fuzzed too) raise nothing; every span lies inside the text and its line/column agree
  with its offsets, computed independently here;
* applying every safe fix is idempotent: fixing the fixed text changes nothing.

Budget: the ``ci`` hypothesis profile (tests/conftest.py, the default) runs 100 examples per test,
derandomized; ``HYPOTHESIS_PROFILE=long`` runs many more (docs/testing.md has the command).
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from drafter.api import CheckOptions, analyze
from drafter.diagnostics import apply_edits
from drafter.errors import InputError
from drafter.report.numbering import cn_to_int, int_to_cn
from drafter.outlines.definition import load_outline
from drafter.outlines.matching import match_outline
from drafter.files.source import SourceDocument, normalize_newlines, source_from_bytes
from drafter.report.structure import parse_report

# ---------------------------------------------------------------- strategies

WORDS = ["理论武装", "意识形态", "新闻舆论", "精神文明", "文化文艺", "上半年工作总结", "下半年工作安排",
         "工作计划", "市委宣传部", "深入学习贯彻", "疫情防控", "扎实推进", "成效显著", "不断深化",
         "理论学习中心组", "网络安全", "主流舆论", "志愿服务", "文明城市", "公共文化", "培根铸魂",
         "开展专题学习研讨", "组织宣讲", "受到广泛好评", "下一步", "着力", "坚持以文化人", "的", "和", "在"]
PLACEHOLDERS = ["X次", "XX市", "X余条", "X万多条次", "XXXX", "X个", "Ｘ场", "XX县", "X%", "XX万元"]
NUMBERS = ["12次", "3万余条", "2020年", "上半年", "1.5万人次", "百余场", "第3季度", "6月30日"]
PUNCT = ["，", "。", "；", "：", "、", "！", "？", "…", "——", ",", ".", ";", ":", "!"]
OPEN_CLOSE = [("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"), ("【", "】"), ("(", ")"), ("\"", "\"")]
SPACES = ["\u3000", " ", "\t", "\u3000\u3000", "\xa0"]
MARKERS = ["一、", "二、", "三、", "十一、", "一百零五、", "一.", "二．",
           "（一）", "（二）", "（十）", "(一)", "(三）", "㈠", "㈡", "㈩",
           "1.", "2.", "10.", "1．", "１．", "1、", "2、", "３、",
           "（1）", "（2）", "(1)", "(12)", "（１）",
           "# ", "## ", "### ", "#### "]
ITEMS = ["一是", "二是", "三是", "四是", "十是", "两是"]

_ARBITRARY = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"),
                     max_size=12)


@st.composite
def bracketed(draw) -> str:
    """A quoted or bracketed phrase, sometimes left unclosed or closed without opening."""
    opening, closing = draw(st.sampled_from(OPEN_CLOSE))
    inner = draw(st.sampled_from(WORDS + PLACEHOLDERS))
    form = draw(st.sampled_from(["paired", "paired", "open", "close", "nested"]))
    if form == "open":
        return opening + inner
    if form == "close":
        return inner + closing
    if form == "nested":
        o2, c2 = draw(st.sampled_from(OPEN_CLOSE))
        return opening + o2 + inner + c2 + closing
    return opening + inner + closing


def piece():
    return st.one_of(
        st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(PLACEHOLDERS),
        st.sampled_from(NUMBERS), st.sampled_from(PUNCT), st.sampled_from(SPACES),
        bracketed(), _ARBITRARY,
    )


@st.composite
def sentence(draw) -> str:
    body = "".join(draw(st.lists(piece(), min_size=0, max_size=8)))
    return body + draw(st.sampled_from(["。", "。", "；", "", "！", "？", "，"]))


@st.composite
def line(draw) -> str:
    """One paragraph: maybe indented, maybe a heading (run-in or not), maybe with items."""
    kind = draw(st.sampled_from(["body", "heading", "heading", "items", "title", "blank", "blank", "raw"]))
    indent = draw(st.sampled_from(["", "", "\u3000\u3000", "  ", "\ufeff"]))
    if kind == "blank":
        return draw(st.sampled_from(["", "", "\u3000", "  "]))
    if kind == "raw":
        return draw(_ARBITRARY)
    if kind == "title":
        return indent + draw(st.sampled_from(["市委宣传部", "XX县委宣传部", "# 市委宣传部"])) + draw(
            st.sampled_from(["2020年上半年工作总结", "上半年工作总结", "及下半年工作计划", "工作总结", ""]))
    text = ""
    if kind == "heading":
        text += draw(st.sampled_from(MARKERS)) + draw(st.sampled_from(SPACES + ["", "", ""]))
    sentences = draw(st.lists(sentence(), min_size=0 if kind == "heading" else 1, max_size=4))
    if kind == "items" or draw(st.booleans()):
        numbers = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4))
        sentences += [n + draw(sentence()) for n in numbers]
    return indent + text + "".join(sentences)


@st.composite
def report_text(draw) -> str:
    """A whole draft with ``\\n`` line ends."""
    return "\n".join(draw(st.lists(line(), min_size=0, max_size=25)))


NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def with_newlines(draw, text: str) -> str:
    """``text`` with its line ends written as LF, CRLF, CR, or a mixture."""
    if draw(st.booleans()):
        return text.replace("\n", draw(NEWLINES))
    parts = text.split("\n")
    out, previous = [], ""
    for part in parts[:-1]:
        # A CR line end, an empty line, then an LF line end *is* one CRLF: not a mixture to test.
        choices = ["\r", "\r\n"] if previous == "\r" and not part else ["\n", "\r\n", "\r"]
        previous = draw(st.sampled_from(choices))
        out.append(part + previous)
    return "".join(out) + parts[-1]


def _seed_text() -> str:
    from drafter.files.resources import samples_dir

    return (samples_dir() / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8")


SEED_LINES = _seed_text().split("\n")


@st.composite
def mutated_seed(draw) -> str:
    """The seed report with lines dropped, repeated, swapped, cut short, or their marks changed."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "swap", "cut", "mark", "insert"]))
        if op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]))))]
        elif op == "mark":
            lines[i] = draw(st.sampled_from(MARKERS)) + lines[i]
        else:
            lines.insert(i, draw(line()))
    return "\n".join(lines)


DOCUMENTS = st.one_of(report_text(), report_text(), mutated_seed())


# ---------------------------------------------------------------- checks on results

def _position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, computed without LineIndex."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _assert_span(text: str, span, what: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), f"{what}: {span} outside 0..{len(text)}"
    assert (span.line, span.column) == _position(text, span.start), f"{what}: start {span}"
    assert (span.end_line, span.end_column) == _position(text, span.end), f"{what}: end {span}"


def _assert_report_spans(report) -> None:
    text = report.text
    for paragraph in report.paragraphs:
        _assert_span(text, paragraph.span, "paragraph")
        # The paragraph's text is its line as written, with drafting notes blanked (model.py).
        written = text[paragraph.span.start:paragraph.span.end]
        for note in report.notes:
            lo, hi = max(note.start, paragraph.span.start), min(note.end, paragraph.span.end)
            if lo < hi:
                i, j = lo - paragraph.span.start, hi - paragraph.span.start
                written = written[:i] + " " * (j - i) + written[j:]
        assert written == paragraph.text
        assert "\n" not in paragraph.text
        if paragraph.heading is not None:
            _assert_span(text, paragraph.heading.span, "heading")
            assert paragraph.span.start <= paragraph.heading.span.start <= paragraph.heading.span.end <= paragraph.span.end
        for item in paragraph.items:
            _assert_span(text, item.span, "item")
            _assert_span(text, item.body, "item body")
            assert paragraph.span.start <= item.span.start <= item.span.end <= paragraph.span.end
    for division in report.walk():
        assert 1 <= division.level <= 4
        assert division.start <= division.end <= len(text)
        for child in division.children:
            assert child.parent is division and child.level > division.level


def _assert_diagnostics(text: str, diagnostics) -> None:
    for d in diagnostics:
        _assert_span(text, d.span, d.code)
        assert d.text == text[d.span.start:d.span.end], d.code
        assert d.message and d.code
        if d.fix is not None:
            for edit in d.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), (d.code, edit)


OPTIONS = CheckOptions()


def _check(text: str, fmt: str = "txt"):
    source = SourceDocument(path=f"报告.{fmt}", text=text, format=fmt)
    return analyze(source, OPTIONS)


def _fix_all(text: str, fmt: str) -> str:
    """Apply every safe fix as ``check --fix`` does: in rounds, re-checking between them, because
    one fix can make another slip (“一是;；” → “一是；；” → “一是；”)."""
    from drafter.fixing import fix_document

    return fix_document(SourceDocument(path=f"报告.{fmt}", text=text, format=fmt), OPTIONS).text


# ---------------------------------------------------------------- the properties

ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("big5", b""),
             ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]


@given(text=report_text(), encoding=st.sampled_from(ENCODINGS), newline=NEWLINES, mixed=st.booleans(),
       data=st.data())
def test_reader_reads_what_was_written(text, encoding, newline, mixed, data):
    codec, bom = encoding
    text = text.lstrip("\ufeff")  # a leading U+FEFF *is* a BOM; it is not kept as text
    written = data.draw(with_newlines(text)) if mixed else text.replace("\n", newline)
    try:
        raw = bom + written.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    source = source_from_bytes(raw, "报告.txt")
    assert "\r" not in source.text
    if not mixed or "\n" not in text:
        # One line-end style: writing the document back gives the very same bytes.
        assert source.encode() == raw
    if bom or codec == "utf-8":
        # A BOM or valid UTF-8 decides the encoding: the text must come back exactly.
        assert source.text == text


@given(raw=st.binary(max_size=400))
def test_reader_on_arbitrary_bytes_reads_or_says_why(raw):
    try:
        source = source_from_bytes(raw, "乱码.txt")
    except InputError as exc:
        assert exc.path == "乱码.txt" and exc.message
        return
    assert "\r" not in source.text and "\x00" not in source.text or source.bom


@given(text=DOCUMENTS, fmt=st.sampled_from(["txt", "md"]))
def test_structure_and_outline_never_fail_and_spans_fit(text, fmt):
    source = SourceDocument(path=f"报告.{fmt}", text=text, format=fmt)
    report = parse_report(source)
    _assert_report_spans(report)
    match = match_outline(report, load_outline())
    for offset in (0, len(text) // 2, len(text)):
        match.locate(offset)


@given(text=DOCUMENTS, fmt=st.sampled_from(["txt", "md"]))
def test_all_checks_never_fail_and_spans_fit(text, fmt):
    result = _check(text, fmt)
    _assert_report_spans(result.report)
    _assert_diagnostics(text, result.diagnostics)
    for code in sorted({d.code for d in result.diagnostics}):
        event(code)  # --hypothesis-show-statistics shows which checks the inputs reach
    if any(d.fix is not None for d in result.diagnostics):
        event("has a fix")


@given(text=DOCUMENTS, fmt=st.sampled_from(["txt", "md"]))
def test_safe_fixes_are_idempotent(text, fmt):
    once = _fix_all(text, fmt)
    _assert_diagnostics(once, _check(once, fmt).diagnostics)
    assert _fix_all(once, fmt) == once


@given(text=DOCUMENTS)
def test_every_fix_applies_inside_the_text(text):
    """Unsafe fixes too (the TUI applies them one at a time on request): each alone gives a
    text that the engine still checks without failing."""
    result = _check(text)
    for d in result.diagnostics:
        if d.fix is not None:
            fixed = apply_edits(text, list(d.fix.edits))
            _assert_diagnostics(fixed, _check(fixed).diagnostics)


@given(n=st.integers(0, 10**8 - 1))  # 亿 is not a numbering word
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_seed_with_every_line_end_gives_the_same_diagnostics(newline):
    """Not random, but the anchor for the properties above: line ends never move a diagnostic."""
    seed = _seed_text()
    base = [(d.code, d.span) for d in _check(seed).diagnostics]
    source = source_from_bytes(seed.replace("\n", newline).encode("gb18030"), "报告.txt")
    assert [(d.code, d.span) for d in analyze(source, OPTIONS).diagnostics] == base
