"""An incremental analysis gives exactly the diagnostics of a full analysis of the same text.

``drafter.incremental`` re-runs paragraph-local checks on the lines an edit changed and takes the
other lines' findings from the previous analysis. These tests apply random edits — insertions
of real text, deletions, paragraph splits and joins, pasted paragraphs, the checks' own examples
of bad text — to the sample, a real report and stretches of the shared corpus, and after every
edit compare the incremental result with a full analysis field by field. One test shows the
comparison failing when a check that reads other lines is declared paragraph-local.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import random
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import checks as checks_package
from drafter.api import check_text
from drafter.checks import Check, Rule, all_checks, all_rules
from drafter.diagnostics import Severity
from drafter.files.resources import samples_dir
from drafter.options import CheckOptions

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DRAFTER_SHARED") or ROOT.parent / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []
SEED = samples_dir() / "propaganda-dept-2020-h1-report.txt"
REAL = samples_dir() / "template-half-year.txt"
#: Text the edits insert that the checks are about: each rule's own example of a slip.
BAD_EXAMPLES = [rule.bad for rule in all_rules().values() if rule.bad]


def _corpus_text(path: Path, rng: random.Random, lines: int = 120) -> str:
    """``lines`` consecutive lines from the first 400 KB of a corpus file, after a title."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        body = handle.read(400_000).split("\n")
    start = rng.randrange(max(1, len(body) - lines))
    return "关于2021年上半年工作情况的报告\n\n" + "\n".join(body[start:start + lines])


def _documents() -> list[tuple[str, str]]:
    docs = [("seed", SEED.read_text(encoding="utf-8")), ("real", REAL.read_text(encoding="utf-8"))]
    rng = random.Random(11)
    for path in CORPUS[:4]:
        docs.append((path.name, _corpus_text(path, rng)))
    return docs


DOCUMENTS = _documents()


def _view(result) -> tuple:
    """Everything a reader of the result sees of its findings."""
    diagnostics = [(d.to_json(), d.fix, d.span) for d in result.diagnostics]
    ignored = [(i.diagnostic.to_json(), repr(i.reason)) for i in result.ignored]
    return diagnostics, ignored, result.truncated, [str(p) for p in result.config_problems]


def _edit(text: str, rng: random.Random, pieces: list[str]) -> str:
    """One random edit of ``text``, as a writer makes them."""
    pos = rng.randrange(len(text) + 1)
    kind = rng.choice(("insert", "insert", "example", "delete", "delete-across", "split", "join", "paragraph",
                       "delete-line"))
    if kind == "insert":
        piece = rng.choice(pieces)
        a = rng.randrange(len(piece))
        return text[:pos] + piece[a:a + rng.randint(1, 12)] + text[pos:]
    if kind == "example":
        return text[:pos] + rng.choice(BAD_EXAMPLES) + text[pos:]
    if kind == "delete":
        return text[:pos] + text[pos + rng.randint(1, 6):]
    if kind == "delete-across":
        return text[:pos] + text[pos + rng.randint(20, 400):]
    if kind == "split":
        return text[:pos] + "\n" + text[pos:]
    if kind == "join":
        at = text.find("\n", pos)
        return text if at == -1 else text[:at] + text[at + 1:]
    if kind == "paragraph":
        at = text.find("\n", pos)
        at = len(text) if at == -1 else at
        return text[:at] + "\n" + rng.choice(pieces) + text[at:]
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[:start] + (text[end + 1:] if end != -1 else "")


def _compare_after_edits(text: str, seed: int, steps: int, options: CheckOptions | None = None,
                         fmt: str = "txt") -> int:
    """Edit ``text`` ``steps`` times; after each edit the incremental result must equal the
    full one. Returns how many analyses reused lines of the previous one."""
    rng = random.Random(seed)
    pieces = [line for line in text.split("\n") if len(line) > 4]
    previous = check_text(text, fmt=fmt, options=options, incremental=True)
    assert _view(previous) == _view(check_text(text, fmt=fmt, options=options))
    reused = 0
    for step in range(steps):
        text = _edit(text, rng, pieces)
        incremental = check_text(text, fmt=fmt, options=options, previous=previous, incremental=True)
        full = check_text(text, fmt=fmt, options=options)
        assert _view(incremental) == _view(full), f"step {step} (seed {seed})"
        if incremental.reuse is not None and incremental.reuse.reused_lines:
            reused += 1
        previous = incremental
    return reused


@pytest.mark.parametrize("name,text", DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_incremental_equals_full_after_random_edits(name, text):
    reused = _compare_after_edits(text, seed=zlib.crc32(name.encode()), steps=25)
    # Most edits are checked incrementally (else this compares two full analyses).
    assert reused >= 15


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), which=st.integers(0, len(DOCUMENTS) - 1))
def test_incremental_equals_full_for_any_seed(seed, which):
    _compare_after_edits(DOCUMENTS[which][1], seed, steps=6)


def test_incremental_with_options():
    """Severity overrides, ignored findings, a selection and the user's protected words take
    part in the comparison (the reused findings pass the same filters)."""
    text = SEED.read_text(encoding="utf-8")
    options = CheckOptions(severity={"punct.half-width": "error"}, ignore=("number.range",),
                           ignored=frozenset({("typo.word", "惟一")}), protected=("营口",))
    assert _compare_after_edits(text, seed=5, steps=12, options=options) >= 6


def test_markdown_is_checked_in_full_and_still_equal():
    text = "---\ntitle: 2020年上半年工作总结\n---\n\n" + SEED.read_text(encoding="utf-8")
    assert _compare_after_edits(text, seed=3, steps=6, fmt="md") == 0


def test_a_typo_fixed_by_an_edit_disappears_and_nothing_else_changes():
    text = SEED.read_text(encoding="utf-8")
    line = next(line for line in text.split("\n")[8:] if "工作" in line)
    slipped = text.replace(line, line.replace("工作", "工做", 1), 1)
    before = check_text(slipped, incremental=True)
    after = check_text(text, previous=before, incremental=True)
    assert after.reuse.reused_lines > 0
    assert _view(after) == _view(check_text(text))
    gone = {d.fingerprint for d in before.diagnostics} - {d.fingerprint for d in after.diagnostics}
    assert gone, "the edit should have removed a finding"


def test_wrongly_declared_scope_is_caught(monkeypatch):
    """A check that reads other lines, declared paragraph-local, makes the results differ:
    the comparison above can fail."""

    def lines_above(ctx):
        # Reports on each line how many lines come before it: depends on the whole text.
        start = 0
        for number, line in enumerate(ctx.report.text.split("\n")):
            if line.startswith("（"):
                yield ctx.diagnostic("test.lines-above", f"前面有 {number} 行", start, start + 1)
            start += len(line) + 1

    fake = Check(name="zz_lines_above", rules=(Rule("test.lines-above", Severity.INFO, "测试"),),
                 run=lines_above, scope="paragraph")
    monkeypatch.setattr(checks_package, "all_checks", lambda: all_checks.__wrapped__() + (fake,))
    import drafter.api as api

    monkeypatch.setattr(api, "all_checks", checks_package.all_checks)
    text = SEED.read_text(encoding="utf-8")
    previous = check_text(text, incremental=True)
    lines = text.split("\n")
    lines.insert(5, "新增一行。")   # below the title block: checked incrementally
    edited = "\n".join(lines)
    incremental = check_text(edited, previous=previous, incremental=True)
    assert _view(incremental) != _view(check_text(edited))
    # Declared document-wide (the default), it is right again.
    monkeypatch.setattr(api, "all_checks", lambda: all_checks.__wrapped__() + (dataclasses.replace(fake, scope="document"),))
    previous = check_text(text, incremental=True)
    incremental = check_text(edited, previous=previous, incremental=True)
    assert _view(incremental) == _view(check_text(edited))


def test_a_cancelled_analysis_stops():
    from drafter.api import AnalysisCancelled

    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3   # after three checks

    text = SEED.read_text(encoding="utf-8")
    with pytest.raises(AnalysisCancelled):
        check_text(text, incremental=True, cancelled=cancelled)
    assert len(asked) == 4
    assert check_text(text, cancelled=lambda: False).diagnostics
