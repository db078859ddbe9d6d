"""Patterns run by the regex package on long texts match exactly what ``re`` matches.

:func:`drafter.files.patterns.fast` (``checks._support.fast_pattern``) hands a pattern to ``regex``
(V0, the re-compatible mode) on texts of :data:`~drafter.files.patterns.FAST_FROM` characters or
more, because ``re`` scans a pattern that opens with a lookbehind at every position of the text;
shorter texts go to ``re``. Every such pattern's ``regex`` form is compared with ``re.compile`` of
the same text and flags: on
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
from drafter.files.patterns import FAST_FROM
from drafter.files.resources import samples_dir
from drafter.report import protected  # noqa: F401 - its fast patterns join the list

all_checks()  # import every check module, so that every fast pattern is made
PATTERNS = [(fast.regex_pattern(), fast.flags) for fast in FAST_PATTERNS]
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


def test_short_texts_go_to_re_and_long_ones_to_regex(monkeypatch):
    from drafter.files import patterns

    monkeypatch.setattr(patterns, "_regex_loaded", False)   # as in a fresh `drafter check`
    fast = patterns.FastPattern(FAST_PATTERNS[0].pattern, FAST_PATTERNS[0].flags)
    other = patterns.FastPattern(FAST_PATTERNS[0].pattern, FAST_PATTERNS[0].flags)
    assert isinstance(fast.engine("x" * (FAST_FROM - 1)), re.Pattern)
    assert fast.engine("x" * FAST_FROM) is fast.regex_pattern()
    assert other.engine("x" * 10) is other.regex_pattern()   # a long text's paragraphs: regex, as before
    long_text = "2020.1.5，3-5次 " * (FAST_FROM // 10)
    for pattern in FAST_PATTERNS:
        assert [m.span() for m in pattern.finditer(long_text)] == \
            [m.span() for m in re.compile(pattern.pattern, pattern.flags).finditer(long_text)]


@pytest.mark.parametrize("pattern, text, by_re", [
    (r"以下\s*([0-9])", "以下 3个方面", True),
    (r"以下\s*([0-9])", "以下\x1c3个方面", False),       # re's \s holds U+001C, regex's does not
    (r"(?<=\d月)(\d{1,2})号", "7月10号", True),
    (r"(?<=\d月)(\d{1,2})号", "7月10号 \U00011f50", False),  # a Kawi digit: \d in regex's tables only
    (r"\w+同志", "张三同志", False),                       # \w differs on marks and numbers (²)
    (r"\\s", "a\\s", True),                             # an escaped backslash, then s: no category
])
def test_short_texts_with_characters_the_engines_read_apart_go_to_regex(pattern, text, by_re, monkeypatch):
    from drafter.files import patterns

    monkeypatch.setattr(patterns, "_regex_loaded", False)
    fast = patterns.FastPattern(pattern)
    assert (fast.engine(text) is not fast.regex_pattern()) is by_re
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in fast.regex_pattern().finditer(text)]


def test_the_categories_agree_where_categories_agree_says_so():
    """What :func:`drafter.files.patterns.categories_agree` relies on, for the installed ``re``
    and ``regex``: their ``\\s`` differ on U+001C–U+001F only, their ``\\d`` beyond U+FFFF only."""
    import regex

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for category, apart in ((r"\s", lambda c: c in "\x1c\x1d\x1e\x1f"), (r"\d", lambda c: c > "\uffff")):
        by_re = {m.start() for m in re.finditer(category, every)}
        by_regex = {m.start() for m in regex.finditer(category, every, regex.V0)}
        assert by_re and by_regex
        assert all(apart(every[i]) for i in by_re ^ by_regex), category


def test_forking_workers_loads_regex_for_them_and_their_texts(monkeypatch):
    """Workers forked for a long text or a folder inherit ``regex`` loaded once, and search every
    text with it (as every process did before short texts went to ``re``)."""
    import sys

    from drafter.files import patterns

    monkeypatch.setattr(patterns, "_regex_loaded", False)
    patterns._before_fork()
    assert patterns.regex_loaded() and "regex" in sys.modules
    fast = patterns.FastPattern(FAST_PATTERNS[0].pattern, FAST_PATTERNS[0].flags)
    assert fast.engine("2020.1.5") is fast.regex_pattern()
