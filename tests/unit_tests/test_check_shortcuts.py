"""The shortcuts of the cheap checks find what the plain rule finds.

punct.unpaired counts each pair of marks in a paragraph without a generator (``_balanced``):
it must agree with the pair table. numbering.count looks for its promise words with the words
written out (``_may_promise``): it must agree with the word table. Checked on generated text, the
samples, the test data and, where reachable, the shared corpus.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import numbering_count, punct_pairs
from drafter.files.resources import samples_dir
from drafter.files.source import read_source, source_from_bytes
from drafter.report.structure import parse_report

SHARED = Path(os.environ.get("DRAFTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.gz")) if (SHARED / "corpus").is_dir() else []
DATA = Path(__file__).resolve().parents[1] / "data"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="“”‘’《》（）【】甲", max_size=12))
def test_balanced_agrees_with_the_pair_table(line):
    expected = all(line.count(o) == line.count(c) for o, c in punct_pairs._PAIRS.items())
    assert punct_pairs._balanced(line) == expected


def test_every_pair_is_counted():
    for opener, closer in punct_pairs._PAIRS.items():
        assert not punct_pairs._balanced(opener) and not punct_pairs._balanced(closer)
        assert punct_pairs._balanced(opener + closer)


def _promise_divisions_kept(report) -> None:
    for division in report.walk():
        paragraphs = division.paragraphs
        holds_word = any(w in p.text for p in paragraphs for w in numbering_count._PROMISE_WORDS)
        assert numbering_count._may_promise(paragraphs) == holds_word


class _Paragraph:
    def __init__(self, text: str) -> None:
        self.text = text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="以下如列述面个方甲", max_size=6), max_size=4))
def test_may_promise_agrees_with_the_word_table(texts):
    paragraphs = [_Paragraph(t) for t in texts]
    expected = any(w in t for t in texts for w in numbering_count._PROMISE_WORDS)
    assert numbering_count._may_promise(paragraphs) == expected


def test_every_promise_word_is_looked_for():
    for word in numbering_count._PROMISE_WORDS:
        assert numbering_count._may_promise([_Paragraph("甲" + word + "乙")])
    assert not numbering_count._may_promise([_Paragraph("方面下以")])


def test_no_division_with_a_promise_word_is_skipped():
    paths = [p for p in samples_dir().glob("*.*") if p.suffix in (".txt", ".md")]
    paths += [p for p in DATA.rglob("*") if p.suffix in (".txt", ".md") and p.stat().st_size < 2_000_000]
    for path in paths:
        _promise_divisions_kept(parse_report(read_source(str(path))))


@pytest.mark.skipif(not CORPUS, reason="the shared corpus is not reachable")
@pytest.mark.parametrize("path", CORPUS[:4], ids=lambda p: p.name)
def test_no_division_with_a_promise_word_is_skipped_on_the_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read(300_000)
    _promise_divisions_kept(parse_report(source_from_bytes(text.encode("utf-8"), "c.txt", "txt")))
