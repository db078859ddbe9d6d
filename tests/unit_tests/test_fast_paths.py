"""The structure parser's and the diagnostics' fast paths give what the plain ways give.

Issue 11 made the parser read each line with character tests before any pattern, build the
model's objects without their dataclass ``__init__``, look positions up once per span, and
fingerprint findings without the helper calls. Each fast path is compared here with the plain
way it replaces (kept in this file as the reference), on real report text and on generated text
full of the marks the parser reads.
"""

from __future__ import annotations

import dataclasses
import random
from bisect import bisect_right
from pathlib import Path

from hypothesis import given, strategies as st

from drafter.api import analyze
from drafter.checks import CheckContext
from drafter.diagnostics import Diagnostic, Severity
from drafter.files.source import source_from_bytes
from drafter.report import numbering
from drafter.report.model import Division, Heading, Item, Paragraph, Span
from drafter.report.numbering import ITEM_BEFORE, ITEM_RE, match_marker
from drafter.report.structure import _LONG_FIRST_SENTENCE, _candidate, _items, parse_report
from drafter.report.textpos import LineIndex
from drafter.review.fingerprint import CONTEXT, FINGERPRINT_VERSION, base_fingerprint, near_context

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples").glob("*.md"))

#: Pieces of text the parser reacts to: marks of every level and form, items, notes, Markdown.
PIECES = ["一、", "十二、", "零、", "一.", "一．5", "（一）", "(二)", "㈢", "1.", "2、", "（3）", "(4)", "１．",
          "一是", "十一是", "两是", "〇是", "统一是", "，二是", "。三是", "是", "是，", "是 ", "# ", "## ",
          "【注：备注】", "【重点工作】", "。", "！", "?", "；", "：", " ", "\u3000", "\t", "\n", "\n",
          "今年", "我们", "抓好党建工作", "强化理论武装，", "深入学习贯彻习近平新时代中国特色社会主义思想，推动落实"]
pieced = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


def _reference_items(text: str, start: int, end: int, content_pos: int) -> list[tuple[int, int]]:
    """What the parser kept before: every ITEM_RE match in the range that opens the paragraph or
    the range or follows a character of ITEM_BEFORE."""
    return [(m.start(), m.end()) for m in ITEM_RE.finditer(text, start, end)
            if m.start() == content_pos or m.start() == start or text[m.start() - 1] in ITEM_BEFORE]


@given(pieced, st.integers(0, 6), st.integers(0, 6))
def test_items_are_the_pattern_s_matches(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(len(text) - cut_end, len(text)), 0)
    found = [(i.span.start, i.span.start + len(i.marker)) for i in _items(1, text, 0, start, end, start)]
    expected = [(s, e) for s, e in _reference_items(text, start, end, start)]
    assert found == expected


def test_items_on_real_text():
    for path in SAMPLES:
        for line in path.read_text(encoding="utf-8").split("\n"):
            found = [(i.span.start, i.span.start + len(i.marker)) for i in _items(1, line, 0, 0, len(line), 0)]
            assert found == _reference_items(line, 0, len(line), 0), line


@given(st.lists(st.sampled_from(PIECES + ["。", "工作", "甲乙丙丁戊己庚辛"]), max_size=30).map("".join))
def test_a_long_first_sentence_is_never_a_candidate(text):
    # the parser skips _candidate on such paragraphs: it must have said None itself
    line = text.replace("\n", "")
    if not line.startswith("【") and _LONG_FIRST_SENTENCE.match(line, 0, len(line)):
        assert _candidate(line, 0, len(line)) is None


def _reference_marker(text: str, pos: int):
    """Every pattern tried in order, as before the dispatch on the first character."""
    for pattern, level in numbering._MARKERS:
        m = pattern.match(text, pos)
        if m:
            marker = numbering._read_marker(m, level)
            if marker is not None:
                return marker
    return None


@given(pieced, st.integers(0, 8))
def test_marks_dispatched_by_first_character_match_every_pattern(text, pos):
    numbering._READ.clear()
    if pos < len(text):
        assert match_marker(text, pos) == _reference_marker(text, pos)
        assert match_marker(text, pos) == _reference_marker(text, pos)   # now from the memo


def test_a_mark_numbered_zero_is_no_mark_twice():
    # the memo of marks remembers “no mark” too, and the next pattern is still tried
    assert match_marker("零、工作") is None
    assert match_marker("零、工作") is None
    assert match_marker("（1）工作").level == 4
    assert match_marker("（1）工作") == match_marker("（1）工作")


def _fields_as_init_makes_them(obj) -> None:
    """``obj`` (made without __init__) holds exactly what its dataclass __init__ would set."""
    twin = dataclasses.replace(obj)
    assert vars(twin) == vars(obj)
    assert list(vars(twin)) == list(vars(obj))


def test_objects_made_without_init_are_their_init_twins():
    kinds = set()
    for path in SAMPLES:
        report = parse_report(source_from_bytes(path.read_bytes(), str(path), path.suffix.lstrip(".")))
        for paragraph in report.paragraphs:
            _fields_as_init_makes_them(paragraph)
            _fields_as_init_makes_them(paragraph.span)
            kinds.add(Paragraph)
            if paragraph.heading is not None:
                _fields_as_init_makes_them(paragraph.heading)
                kinds.add(Heading)
            for item in paragraph.items:
                _fields_as_init_makes_them(item)
                kinds.add(Item)
        for division in report.walk():
            _fields_as_init_makes_them(division)
            kinds.add(Division)
    assert kinds == {Paragraph, Heading, Item, Division}


@given(st.text(alphabet="ab\n", max_size=30), st.integers(-3, 35), st.integers(-3, 35))
def test_positions_are_two_lookups(text, start, end):
    index = LineIndex(text)
    from_lines = LineIndex.from_lines(text.split("\n"))
    assert (from_lines.starts, from_lines.line_count) == (index.starts, index.line_count)
    assert from_lines.position(start) == index.position(start)
    assert index.positions(start, end) == index.position(start) + index.position(end)
    span = Span.of(index, start, end)
    assert (span.line, span.column, span.end_line, span.end_column) == index.position(start) + index.position(end)


def _reference_fingerprint(d: Diagnostic, text: str) -> str:
    before, after = near_context(text, d.span.start, d.span.end)
    key = "\x1f".join((str(FINGERPRINT_VERSION), d.code, "".join(d.text.split()), before, after,
                       d.part or "", d.section or ""))
    return blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@given(st.lists(st.sampled_from(["甲乙丙丁", "戊己庚辛壬癸", "子", " ", "\n", "\u3000", "\t"]), max_size=40)
       .map("".join), st.data())
def test_fingerprints_read_the_same_context(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    d = Diagnostic(code="x.y", severity=Severity.WARNING, message="m", span=Span.of(LineIndex(text), start, end),
                   text=text[start:end], part=data.draw(st.sampled_from([None, "summary"])))
    assert base_fingerprint(d, text) == _reference_fingerprint(d, text)
    assert len(near_context(text, start, end)[0]) <= CONTEXT


def test_diagnostics_are_their_init_twins_and_locate_agrees(seed_text):
    text = "\n".join([seed_text] * 3)
    result = analyze(source_from_bytes(text.encode("utf-8"), "seed.txt", "txt"))
    ctx = CheckContext(report=result.report, outline=result.outline, match=result.match)
    rng = random.Random(11)
    for _ in range(300):
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randrange(5))
        made = ctx.diagnostic("placeholder.figure", "消息", start, end, suggestion="x")
        _fields_as_init_makes_them(made)
        assert made.span == result.report.span(start, end)
        assert (made.part, made.section) == _reference_locate(result.match, start)
    units = [u for pm in result.match.parts for u in pm.units + pm.sub_units]
    assert {u.kind for u in units} == {"division", "item"}
    for unit in units:
        _fields_as_init_makes_them(unit)
    given_area = ctx.diagnostic("x.y", "m", 0, 1, part="plan", severity="info", data={"k": 1})
    assert (given_area.part, given_area.section, given_area.severity, given_area.data) == \
        ("plan", None, Severity.INFO, {"k": 1})
    try:
        ctx.diagnostic("x.y", "m", 0, 1, colour="red")
    except TypeError:
        pass
    else:
        raise AssertionError("an unknown field must be refused as Diagnostic() refuses it")


def _reference_locate(match, offset):
    """The part and area as found before the units' starts were listed (a binary search by key)."""
    for pm in match.parts:
        if pm.found and pm.start <= offset < pm.end:
            for units in (pm.sub_units, pm.units):
                unit = _reference_unit_at(units, offset)
                if unit is not None:
                    return pm.part.id, unit.area
            return pm.part.id, None
    return None, None


def _reference_unit_at(units, offset):
    i = bisect_right(units, offset, key=lambda u: u.start) - 1
    if i >= 0 and units[i].start <= offset < units[i].end:
        return units[i]
    for unit in units[max(0, i - 3):i]:
        if unit.start <= offset < unit.end:
            return unit
    return None
