"""The one-pass checklist matcher's fast paths find what the plain definition finds.

``ChecklistSet.match`` runs every plain entry and regex trigger through one Aho-Corasick
automaton over UTF-16 code units, and searches a regex entry only in the paragraphs that hold one
of its trigger literals — for a paragraph-local pattern, all those paragraphs joined by line feeds
in one call. Each piece is compared here with what it stands for: ``entry_hits`` over the whole
text, a search of each paragraph on its own, a literal every match's paragraph must hold; on
the samples, on generated Chinese text and, where reachable, on slices of the shared corpus.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import pickle
import textwrap
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checklists.backtracking import re_safe
from drafter.checklists.cache import load_checklists
from drafter.checklists.entry_pattern import EntryPattern
from drafter.checklists.format import parse_checklist
from drafter.checklists.matching import (ChecklistSet, _paragraphs, _search, _search_paragraphs, entry_hits,
                                         paragraph_local, select_longest, trigger_literals)
from drafter.checklists.model import Entry
from drafter.files.resources import samples_dir

DATE = dt.date(2020, 7, 10)
SHARED = Path(os.environ.get("DRAFTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []


def _corpus_slices(chars: int) -> list[str]:
    out = []
    for path in CORPUS:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            out.append(handle.read(chars))
    return out


def _samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt"))]


def _entry(pattern: str) -> Entry:
    """An entry searching ``pattern`` as a loaded checklist's would (by ``re`` on short texts where safe)."""
    return Entry(checklist="t", path="t.yaml", line=1, id="t", type="existence", code="custom.t",
                 severity="warning", message=None, source="test",
                 pattern=EntryPattern(pattern, re_safe(pattern), regex.compile(pattern, regex.V0)))


def _by_paragraph(entry: Entry, text: str) -> list[tuple[int, int, tuple]]:
    """The definition: each paragraph searched on its own (its line feed is the text's end)."""
    out = []
    start = 0
    for line in text.split("\n"):
        out += [(m.start(), m.end(), m.groups()) for m in _search(entry, text, start, start + len(line))]
        start += len(line) + 1
    return out


def _joined(entry: Entry, text: str, spans=None) -> list[tuple[int, int, tuple]]:
    if spans is None:
        spans, start = [], 0
        for line in text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
    return [(s, e, m.groups()) for s, e, m in _search_paragraphs(entry, text, spans)]


def _local_patterns() -> list[str]:
    return [e.pattern.pattern for e in load_checklists().entries
            if e.pattern is not None and paragraph_local(e.pattern.pattern)]


@pytest.mark.parametrize("pattern, local", [
    ("截止(?=目前|当前|[0-9０-９])", True),
    ("(?<=和)文化(?:产业事业|事业产业)", True),
    ("既使(?=[^。；\n]{0,30}也)(?![^。；\n]{0,30}又)", True),
    (r"(?:(?<=^)|(?<=[。；：，！？\s]))(第[一二三四五六七八九十]+|首先|其次)、", True),  # one character back
    (r"(?<![A-Za-z])(?:TODO|FIXME)\b", True),
    (r"【\s*】", False),                       # \s crosses a line end
    ("解决([^，。；、]{0,8}?)短板", False),      # so does a negated class without \n
    ("(?<=[是力])……(?=[。，\n]|$)", False),     # $ is every paragraph's end when searched alone
    ("(?s)宣.作", False),                       # . with DOTALL
    (r"(?<=\s\s)第", False),                    # looks two characters back, across a line end
    (r"\p{Han}+待补", False),                   # regex-only syntax: not judged
    ("[[:alpha:]]待补", False),                 # a POSIX class the stdlib would misread
    ("待补{e<=1}", False),                      # fuzzy matching in regex, literal text in re
])
def test_paragraph_local(pattern, local):
    assert paragraph_local(pattern) is local


@pytest.mark.parametrize("pattern, literals", [
    (r"(?:……|…|\.{3,}|。。。+)(等)", {"…等", "...等", "。等"}),
    ("(?<=和)文化(?:产业事业|事业产业)", {"和文化产业事业", "和文化事业产业"}),
    ("(?<![亟有尚])(?:待补充?|待定)|(?<![A-Za-z])TODO", {"待补", "待定", "TODO"}),
    ("做后(?=一公里|冲刺)", {"做后一公里", "做后冲刺"}),
    (r"二[零○]([一二])年", {"二零一年", "二零二年", "二○一年", "二○二年"}),
    ("(?i)todo", None),
    (r"\p{Han}+待", None),
])
def test_trigger_literals(pattern, literals):
    found = trigger_literals(pattern)
    assert (set(found) if found else None) == literals


def _texts(chars: int) -> list[str]:
    return _samples() + _corpus_slices(chars)


def test_every_match_lies_in_a_paragraph_holding_a_trigger():
    """Trigger literals are sound: a paragraph without one has no match (else the matcher,
    which searches only the others, would miss it)."""
    patterns = _local_patterns()
    assert len(patterns) >= 30
    for text in _texts(200_000):
        for pattern in patterns:
            literals = trigger_literals(pattern)
            if not literals:
                continue
            for m in regex.compile(pattern, regex.V0).finditer(text):
                left = text.rfind("\n", 0, m.start()) + 1
                right = text.find("\n", m.end())
                paragraph = text[left:len(text) if right == -1 else right]
                assert any(lit in paragraph for lit in literals), (pattern, m.group())


def test_joined_paragraphs_find_what_each_paragraph_finds():
    texts = _texts(40_000)
    for pattern in _local_patterns():
        entry = _entry(pattern)
        for text in texts:
            assert _joined(entry, text) == _by_paragraph(entry, text), pattern


def test_joined_search_of_some_paragraphs_and_of_long_ones():
    """Paragraphs picked out of a text, the first at offset 0 or not, the last without a line
    end, chunks past the size one call searches: offsets land in the original text."""
    line = "第一、要提高政治站位，推进公益广告宣作和文化产业事业发展。"
    text = "\n".join([line] * 6000)      # ≈ 174,000 characters: three chunks
    entry = _entry(r"(?:(?<=^)|(?<=[。；：，！？\s]))(第[一二三四五六七八九十]+|首先|其次)、|(?<=和)文化(?:产业事业|事业产业)")
    every = _by_paragraph(entry, text)

    def within(spans):
        return [hit for hit in every if any(a <= hit[0] < b for a, b in spans)]

    spans = _paragraphs(text, [i * (len(line) + 1) + 3 for i in range(0, 6000, 7)])
    found = _joined(entry, text, spans)
    assert found == within(spans) and len(found) == 2 * len(spans)
    assert [text[s:e] for s, e, _ in found[:2]] == ["第一、", "文化产业事业"]
    assert found[0][0] == 0      # the first paragraph starts the text: the anchor holds there
    later = _paragraphs(text, [(len(line) + 1) * 5 + 2, len(text) - 1])
    assert later[-1][1] == len(text)
    assert _joined(entry, text, later) == within(later) and len(within(later)) == 4
    step = len(line) + 1
    adjacent = _paragraphs(text, [10 * step, 11 * step + 4, 12 * step + 9, 20 * step])  # 10–12 are one piece
    assert _joined(entry, text, adjacent) == within(adjacent) and len(within(adjacent)) == 8
    anchored = _entry("^第一、")     # the start of the text only, not of a later paragraph
    assert _joined(anchored, text, later) == [] and _joined(anchored, text, spans[:3]) == [(0, 3, ())]


_CHARS = "第一二三首先、，。和文化产业事业等…. 待补定TODO\n𠀀宣作传播力引导力"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=120))
def test_joined_equals_by_paragraph_on_generated_text(text):
    for pattern in _local_patterns():
        entry = _entry(pattern)
        assert _joined(entry, text) == _by_paragraph(entry, text), pattern


def _checklist(yaml_text: str) -> ChecklistSet:
    return ChecklistSet([parse_checklist(textwrap.dedent(yaml_text), "fast.yaml", verify=False)])


_FAST = """\
    version: 1
    name: fast
    source: test
    defaults: {type: substitution, code: typo.word, severity: warning}
    entries:
      - id: short
        wrong: 做后一公里
        right: 最后一公里
      - id: long
        wrong: 战役做后一公里
        right: 战疫最后一公里
      - id: astral
        type: existence
        code: custom.astral
        wrong: [𠀀宣, 宣作𡀀]
      - id: plain
        wrong: 宣作
        right: 宣传
      - id: ordinal
        type: substitution
        code: punct.ordinal
        pattern: "(?:(?<=^)|(?<=[。；：，！？\\\\s]))(第[一二三四五六七八九十]+|首先|其次)、"
        right: "\\\\1，"
      - id: ellipsis-deng
        pattern: "(?:……|…|\\\\.{3,}|。。。+)(等)"
        right: "\\\\1"
        type: substitution
        code: punct.ellipsis
      - id: brackets
        type: existence
        code: placeholder.todo
        pattern: "【\\\\s*】"
    """


def _slow(loaded: ChecklistSet, text: str) -> list[tuple]:
    hits = select_longest([h for e in loaded.entries for h in entry_hits(e, text, DATE)])
    return [(h.start, h.end, h.entry.id, h.suggestion) for h in hits]


def _fast(loaded: ChecklistSet, text: str) -> list[tuple]:
    hits, timed_out = loaded.match(text, DATE)
    assert timed_out == []
    return [(h.start, h.end, h.entry.id, h.suggestion) for h in hits]


@pytest.mark.parametrize("text", [
    "第一、要提高政治站位\n首先、加强组织领导。其次、打通“战役做后一公里”……等",
    "𠀀宣作推进公益广告宣作𡀀，𠀀宣传\n第二、召开发布会【 】场",
    "召开发布会【\n】场，开展培训。。。等\n打通做后一公里",   # 【 and 】 on two lines: no match
    "𠀀第三、宣作",          # the ordinal does not follow a line end or a mark: no match
    "",
])
def test_match_equals_the_slow_path(text):
    loaded = _checklist(_FAST)
    assert _fast(loaded, text) == _slow(loaded, text)


def test_match_equals_the_slow_path_on_real_text():
    loaded = _checklist(_FAST)
    for text in _samples():
        text = text.replace("广告宣传", "广告宣作").replace("最后一公里", "做后一公里")
        assert _fast(loaded, text) == _slow(loaded, text)
        assert _fast(loaded, "𠀀" + text.replace("\n", "\n𡀀")) == _slow(loaded, "𠀀" + text.replace("\n", "\n𡀀"))


def test_a_pickled_set_rebuilds_its_automaton():
    loaded = _checklist(_FAST)
    text = "打通“战役做后一公里”，𠀀宣作"
    before = _fast(loaded, text)
    again = pickle.loads(pickle.dumps(loaded))
    assert again.automata._full is None
    assert _fast(again, text) == before and len(before) == 2
