"""Checklist patterns searched by ``re`` on short texts find what ``regex`` finds, and only
patterns proved safe go there (:mod:`drafter.checklists.backtracking`,
:mod:`drafter.checklists.entry_pattern`).

Every bundled ``pattern:`` and ``context:`` that :func:`re_safe` accepts is run by both engines over
the samples and, where the shared corpus is reachable (``../shared/corpus`` beside the repository, or
``$DRAFTER_SHARED``), over real official text; the classifier is tried on patterns known to
backtrack catastrophically (which must stay with ``regex`` and its timeout) and on safe ones; and a
short `drafter check` is run in a subprocess to see that it does not import ``regex`` at all.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import regex

from drafter.checklists.backtracking import re_safe
from drafter.checklists.cache import load_checklists
from drafter.checklists.entry_pattern import EntryPattern, expand, plain_template
from drafter.checklists.format import parse_checklist
from drafter.checklists.matching import RegexTimeout, entry_hits
from drafter.files.patterns import FAST_FROM
from drafter.files.resources import samples_dir

SHARED = Path(os.environ.get("DRAFTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []
SEED = samples_dir() / "propaganda-dept-2020-h1-report.txt"


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch):
    """As in a fresh `drafter check`: ``regex`` not yet loaded for searching (a long text searched by
    an earlier test would leave every short one to ``regex``)."""
    from drafter.files import patterns

    monkeypatch.setattr(patterns, "_regex_loaded", False)


def _bundled() -> list[tuple[EntryPattern, str | None]]:
    """Every bundled pattern and context, with the ``right`` its matches are expanded into."""
    out = []
    for entry in load_checklists().entries:
        if entry.pattern is not None:
            out.append((entry.pattern, entry.right))
        if entry.context is not None:
            out.append((entry.context, None))
    return out


def _found(compiled, text: str, right: str | None) -> list:
    return [(m.span(), m.groups(), expand(m, right) if right else None) for m in compiled.finditer(text)]


def _same(text: str) -> int:
    compared = 0
    for pattern, right in _bundled():
        if pattern.by_re:
            by_re = _found(re.compile(pattern.pattern), text, right)
            assert by_re == _found(pattern.regex_pattern(), text, right), pattern.pattern
            compared += 1
    return compared


def test_most_bundled_patterns_go_to_re():
    bundled = _bundled()
    assert len(bundled) >= 50
    assert sum(p.by_re for p, _ in bundled) >= 0.9 * len(bundled)


def test_bundled_patterns_find_the_same_with_both_engines_on_the_samples():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt")))
    text += "\n截止6月底，组织开展专题研讨（待补）次。召开发布会【 】场。累计发稿？？条。十九届四中、五中全会精神\n"
    assert _same(text) >= 45


@pytest.mark.skipif(not CORPUS, reason="the shared corpus is not reachable")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_bundled_patterns_find_the_same_with_both_engines_on_the_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        _same(handle.read(300_000))


@pytest.mark.parametrize("pattern", [
    r"(a+)+b", r"(a|a)*b", r".*.*x", r"(a*)*b", r"(x+x+)+y", r"a*a*b", r"(?:ab|a)*c", r"^(a|aa)+$",
    r"(.*a){12}", "(年|年年)+$",
    r"x.*y",            # quadratic: every x before a long line without y reads the line again
    r"[^，]*，",         # so does each start of a long run without ，
    r"(?:……|…|\.{3,}|。。。+)(等)",   # each start in a run of dots reads the run again: 15 s for 50,000
    r"a{0,1000}b",      # bounded, but a thousand tests per position
    r"\p{Han}+待补", "宣作{e<=1}", "[[:alpha:]]待", r"(?i)todo", r"(?x)宣 作",   # regex's own reading
    r"\w+同志", r"\b待补", r"(a)\1", r"(?>a+)b", r"a++b", r"(?s:.)待", r"a?",     # or the engines differ
    r"(?:(甲)|乙){2}丙", r"(?<=(一|二)、)三",   # what a group holds rests on how each engine backtracks
])
def test_patterns_not_proved_safe_stay_with_regex(pattern):
    assert not re_safe(pattern)


@pytest.mark.parametrize("pattern", [
    r"【\s*】",                          # the run of spaces starts after 【, which is no space
    r"？{2,}|\?{2,}",                    # a run at the end of the pattern is read once
    "十九届[一二三]中(?:、[一二三]中)*全会",  # a fixed run, after 届
    "截止(?=[一二三十〇]+[年月]|目前)",     # inside a lookahead, guarded by 止
    "既使(?=[^。；\n]{0,30}也)",
    "(?:经济|政治|文化)建设(?:、(?:经济|政治|文化)建设){3}",
    r"(?<=\d月)(\d{1,2})号",
])
def test_safe_patterns_go_to_re(pattern):
    assert re_safe(pattern)


def _entry(pattern: str, right: str | None = None):
    lines = ["version: 1", "name: t", "source: test", "entries:", "  - id: t", "    type: existence",
             "    code: custom.t", "    severity: warning", f"    pattern: '{pattern}'"]
    if right:
        lines[5] = "    type: substitution"
        lines.append(f"    right: '{right}'")
    return parse_checklist("\n".join(lines) + "\n", "t.yaml").entries[0]


def test_an_unsafe_pattern_times_out_on_a_short_text():
    """``(年|年年)+$`` takes exponential time: on 36 年 ``re`` would run for seconds, ``regex``
    stops at the timeout (this fails if the pattern went to ``re``)."""
    entry = _entry("(年|年年)+$")
    text = "年" * 36 + "月"
    assert not entry.pattern.by_re
    assert entry.pattern.engine(text) is entry.pattern.regex_pattern()
    with pytest.raises(RegexTimeout):
        entry_hits(entry, text, dt.date(2020, 7, 10))


def test_a_safe_pattern_uses_re_on_short_texts_and_regex_on_long_ones():
    entry = _entry(r"(十九|二十)届([二三四五六七])、([二三四五六七])中全会", r"\1届\2中、\3中全会")
    short = "学习贯彻十九届四、五中全会精神"
    assert entry.pattern.by_re and isinstance(entry.pattern.engine(short), re.Pattern)
    assert entry.pattern.engine(short, size=FAST_FROM) is entry.pattern.regex_pattern()
    hits = entry_hits(entry, short, dt.date(2020, 7, 10))
    assert [h.suggestion for h in hits] == ["十九届四中、五中全会"]
    long_text = "学习。" * (FAST_FROM // 3) + short
    assert [h.suggestion for h in entry_hits(entry, long_text, dt.date(2020, 7, 10))] == ["十九届四中、五中全会"]


@pytest.mark.parametrize("right, plain", [
    (None, True), ("宣传", True), (r"\1届\2中", True), (r"\g<1>届", True), (r"\g<name>", True),
    (r"\0", False), (r"\n", False), (r"\d", False), (r"\100", False), ("\\", False),
])
def test_only_fixes_both_engines_expand_alike_go_to_re(right, plain):
    assert plain_template(right) is plain
    if not plain and right != r"\100":     # (a reference to group 100 does not load at all)
        assert not _entry("十九届([四五])中", right).pattern.by_re


def test_a_pattern_is_pickled_as_its_text_verdict_and_regex_form():
    import pickle

    entry = _entry("【\\s*】")
    copy = pickle.loads(pickle.dumps(entry.pattern))
    assert (copy.pattern, copy.by_re, copy._regex) == (entry.pattern.pattern, True, None)
    assert copy.engine("【 】") is copy._re and copy._regex is None
    long_text = "【 】" + "。" * FAST_FROM
    assert copy.engine(long_text) is copy.regex_pattern() and copy._pickled is None   # read back when needed
    assert [m.span() for m in copy.finditer(long_text)] == [(0, 3)]


def _modules(cache: str, *args: str) -> set[str]:
    code = textwrap.dedent(f"""
        import sys, io, contextlib
        from drafter.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main({list(args)!r})
            except SystemExit:
                pass
        print(' '.join(sys.modules))
    """)
    env = {"DRAFTER_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return set(done.stdout.split())


def test_a_short_check_does_not_import_regex(tmp_path):
    cache = str(tmp_path / "cache")
    assert "regex" in _modules(cache, "check", str(SEED))          # the first run compiles the checklists
    assert "regex" not in _modules(cache, "check", str(SEED))
    long_report = tmp_path / "long.txt"
    long_report.write_text("\n".join([SEED.read_text(encoding="utf-8")] * 20), encoding="utf-8")
    assert len(long_report.read_text(encoding="utf-8")) >= FAST_FROM
    assert "regex" in _modules(cache, "check", "--jobs", "1", str(long_report))  # a long text: regex
    slow = tmp_path / "slow.yaml"
    slow.write_text("version: 1\nname: slow\nsource: test\nentries:\n  - id: slow\n    type: existence\n"
                    "    code: custom.slow\n    severity: warning\n    pattern: '宣传(?:部|部门)+工作'\n",
                    encoding="utf-8")
    _modules(cache, "check", "--checklist", str(slow), str(SEED))   # compiles the new checklist
    assert "regex" in _modules(cache, "check", "--checklist", str(slow), str(SEED))  # not proved safe
