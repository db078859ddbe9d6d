"""Checks that search only the lines holding a needed word find what one whole-text pass finds.

``checks._support.lines_with`` narrows a pattern's search to the lines that hold a word (or a
core match) every match contains; number.approx-*, number.range and punct.item-colon rely on it. Each such pattern
is compared with ``finditer`` over the whole text: on the samples, on generated strings of the
characters these patterns are about, and on a megabyte of each corpus file where reachable.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import number_approx, number_range, punct_numbering
from drafter.checks._support import lines_with
from drafter.files.resources import samples_dir

SEARCHES = [
    (number_approx._LEFT_RIGHT, {"needles": ("左右", "上下")}),
    (number_approx._YUE_TAIL, {"needles": number_approx._YUE_WORDS}),
    (number_approx._JI, {"needles": ("几",)}),
    (number_range._RANGE, {"core": number_range._CORE}),
    (punct_numbering._ITEM_COLON, {"needles": ("是：", "是:")}),
]
SHARED = Path(os.environ.get("DRAFTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []
ALPHABET = "0123456789０１２３４５６７８９.．-－–~〜～—%万亿千百十几约大概致左右上下余多个年月次第节人\n 一二是：:。；　"


def _same(text: str, start: int = 0) -> None:
    for pattern, how in SEARCHES:
        whole = [(m.span(), m.groups()) for m in pattern.finditer(text, start)]
        lined = [(m.span(), m.groups()) for a, b in lines_with(text, start, **how) for m in pattern.finditer(text, a, b)]
        assert lined == whole, pattern.pattern


def test_lines_with_finds_the_lines():
    text = "甲约3万多\n乙\n丙约\n约"
    assert lines_with(text, 0, ("约",)) == [(0, 5), (8, 10), (11, 12)]
    assert lines_with(text, 3, ("约",)) == [(8, 10), (11, 12)]   # 约 before the start is no match
    assert lines_with(text, 0, (), core=number_range._CORE) == []
    assert lines_with("x\n3-5次\n", 0, core=number_range._CORE) == [(2, 6)]


def test_same_matches_on_the_samples():
    for path in samples_dir().glob("*.*"):
        text = path.read_text(encoding="utf-8")
        _same(text)
        _same(text, len(text) // 3)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.integers(0, 80))
def test_same_matches_on_generated_text(text, start):
    _same(text, min(start, len(text)))


@pytest.mark.skipif(not CORPUS, reason="the shared corpus is not reachable")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_same_matches_on_the_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        _same(handle.read(1_000_000))
