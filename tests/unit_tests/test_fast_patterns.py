"""Patterns compiled with the regex package for speed match exactly what ``re`` matches.

:func:`drafter.checks._support.fast_pattern` hands a check's pattern to ``regex`` (V0, the
re-compatible mode) because ``re`` scans a pattern that opens with a lookbehind at every position
of the text. Every such pattern is compared with ``re.compile`` of the same text and flags: on
the samples, on generated strings of the characters these patterns are about, and, where the
shared corpus is reachable (``../shared/corpus`` beside the repository, or
``$DRAFTER_SHARED``), on a megabyte of real official text per file.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import all_checks
from drafter.checks._support import FAST_PATTERNS
from drafter.files.resources import samples_dir

all_checks()  # import every check module, so that every fast pattern is compiled
PATTERNS = list(FAST_PATTERNS)
SHARED = Path(os.environ.get("DRAFTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []
ALPHABET = ("0123456789０１２３４５６７８９,.，。、；：:;！？?-－—–/／%％#＃ \t\u3000\n"
            "年月日号约大概余多几近第以下如下个方面项一二三四五六七八九十是两百千万亿“”‘’（）《》【】xXAa")


def _matches(pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _same(text: str) -> None:
    for fast, flags in PATTERNS:
        assert _matches(fast, text) == _matches(re.compile(fast.pattern, flags), text), fast.pattern


def test_patterns_are_registered():
    assert len(PATTERNS) >= 10


def test_same_matches_on_the_samples():
    for path in samples_dir().glob("*.*"):
        _same(path.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_same_matches_on_generated_text(text):
    _same(text)


@pytest.mark.skipif(not CORPUS, reason="the shared corpus is not reachable")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_same_matches_on_the_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        _same(handle.read(1_000_000))
