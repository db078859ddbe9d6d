"""An incremental analysis gives exactly the diagnostics of a full analysis of the same text.

``drafter.incremental`` re-runs paragraph-local checks on the lines an edit changed and takes the
other lines' findings from the previous analysis. These tests apply random edits — insertions
of real text, deletions, paragraph splits and joins, pasted paragraphs, the checks' own examples
of bad text — to the sample, a real report and stretches of the shared corpus, and after every
edit compare the incremental result with a full analysis field by field. One test shows the
comparison failing when a check that reads other lines is declared paragraph-local.

Markdown drafts too: the Markdown sample and a real government work report turned into a
Markdown draft (front matter, headings, multi-line comments, drafting notes), with edits that
also open and close comments, edit the front matter and add ``---`` lines. Two tests show those
comparisons failing when the rule that sends an edit of a comment's lines to a full analysis is
broken.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import random
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import checks as checks_package
from drafter import incremental as incremental_module
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
MD_SAMPLE = samples_dir() / "propaganda-dept-2020-h1-draft.md"
GOV_REPORTS = SHARED / "corpus" / "gov_work_reports_1954_2025.txt.gz"
_HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _markdown_draft(paragraphs: list[str], rng: random.Random) -> str:
    """A real report's ``paragraphs`` as a writer's Markdown draft: YAML front matter, the
    title as ``#``, numbered heading lines as ``##``/``###``, blank lines between paragraphs,
    and drafting notes — 【注：…】 in a line, one-line comments, an ignore marker, comments over
    several lines (a reviewer's remark; paragraphs commented out)."""
    out = ["---", "title: 政府工作报告", "unit: 国务院", "period: 2025", "date: 2025-03-05", "---", "",
           "# 政府工作报告", ""]
    i = 0
    while i < len(paragraphs):
        line = paragraphs[i]
        if _HEADING.match(line) and len(line) <= 30:
            line = ("## " if "、" in line[:4] else "### ") + line
        roll = rng.random()
        if roll < 0.08:
            out += ["<!--", "审核意见：" + rng.choice(paragraphs)[:30], "-->", ""]
        elif roll < 0.14 and i + 1 < len(paragraphs):
            out += ["<!-- " + line, "", paragraphs[i + 1] + " -->", ""]   # two paragraphs commented out
            i += 2
            continue
        elif roll < 0.22:
            line += "【注：数据待" + rng.choice(("核实", "更新", "补充")) + "】"
        elif roll < 0.28:
            line = line[:20] + "<!-- 待改 -->" + line[20:]
        elif roll < 0.30:
            out += ["<!-- 忽略 typo.word -->"]
        out += [line, ""]
        i += 1
    return "\n".join(out)


def _markdown_documents() -> list[tuple[str, str]]:
    docs = [("md-sample", MD_SAMPLE.read_text(encoding="utf-8"))]
    if GOV_REPORTS.is_file():
        with gzip.open(GOV_REPORTS, "rt", encoding="utf-8") as handle:
            first = handle.read(400_000).split("\n\n")[0].split("\n")   # the newest report
        docs.append(("md-gov-report", _markdown_draft(first[:90], random.Random(7))))
    return docs


MD_DOCUMENTS = _markdown_documents()


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


#: What a Markdown edit inserts besides text: comment marks, a comment over two lines, a
#: note, a heading mark, a list mark, emphasis, a front-matter line, a ``---`` line.
MD_PIECES = ("<!--", "-->", "<!-- 备注", "备注 -->", "<!--\n待定\n-->", "【注：待核】", "## ", "- ", "**",
             "\n---\n", "\n...\n", "\nperiod: 2021\n")


def _md_edit(text: str, rng: random.Random, pieces: list[str]) -> str:
    """One random edit of a Markdown draft: half the time a plain edit (as :func:`_edit`), else
    one about what Markdown reads across lines — a comment mark inserted or removed, a line of
    the front matter changed, a Markdown mark typed."""
    kind = rng.choice(("plain", "plain", "mark", "mark", "unmark", "front"))
    if kind == "plain":
        return _edit(text, rng, pieces)
    if kind == "mark":
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + rng.choice(MD_PIECES) + text[pos:]
    if kind == "unmark":
        marks = [m.start() for m in re.finditer("<!--|-->", text)]
        if not marks:
            return _edit(text, rng, pieces)
        at = rng.choice(marks)
        return text[:at] + text[at + (4 if text.startswith("<!--", at) else 3):]
    lines = text.split("\n")
    if lines[0] != "---":
        return _edit(text, rng, pieces)
    end = next((i for i in range(1, len(lines)) if lines[i] in ("---", "...")), None)
    if end is None:   # closing line gone: the writer puts it back
        lines.insert(min(len(lines), rng.randint(2, 6)), "---")
        return "\n".join(lines)
    at = rng.randint(1, end)
    lines[at] = rng.choice(("title: 2021年上半年工作总结", "period: 2021-H2", "date: 2021-12-31", "unit: 县委统战部",
                            "", "---", "...", "date: [", lines[at] + "x"))
    return "\n".join(lines)


def _compare_after_edits(text: str, seed: int, steps: int, options: CheckOptions | None = None,
                         fmt: str = "txt") -> int:
    """Edit ``text`` ``steps`` times; after each edit the incremental result must equal the
    full one. Returns how many analyses reused lines of the previous one."""
    rng = random.Random(seed)
    pieces = [line for line in text.split("\n") if len(line) > 4]
    edit = _md_edit if fmt == "md" else _edit
    previous = check_text(text, fmt=fmt, options=options, incremental=True)
    assert _view(previous) == _view(check_text(text, fmt=fmt, options=options))
    reused = 0
    for step in range(steps):
        text = edit(text, rng, pieces)
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


@pytest.mark.parametrize("name,text", MD_DOCUMENTS, ids=[name for name, _ in MD_DOCUMENTS])
def test_markdown_incremental_equals_full_after_random_edits(name, text):
    assert "<!--" in text or name == "md-sample"
    reused = _compare_after_edits(text, seed=zlib.crc32(name.encode()), steps=30, fmt="md")
    # Edits away from the front matter and the comments are checked incrementally.
    assert reused >= 10


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), which=st.integers(0, len(MD_DOCUMENTS) - 1))
def test_markdown_incremental_equals_full_for_any_seed(seed, which):
    _compare_after_edits(MD_DOCUMENTS[which][1], seed, steps=6, fmt="md")


def test_markdown_seed_with_front_matter_and_comments():
    """The plain-text sample as a Markdown draft: front matter, and comments over lines."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    lines[6:6] = ["<!--", "第（一）部分待补充数据", "-->"]
    lines[14:16] = ["<!-- " + lines[14], lines[15] + " -->"]
    text = "---\ntitle: 2020年上半年工作总结\ndate: 2020-07-10\n---\n\n" + "\n".join(lines)
    assert _compare_after_edits(text, seed=3, steps=12, fmt="md") >= 4


@pytest.mark.parametrize("broken", [False, True])
def test_closing_a_comment_is_checked_in_full(monkeypatch, broken):
    """A writer comments out a stretch of an old draft: ``<!-- 旧稿`` above it, then ``-->``
    typed before the next heading, ``### (二)`` (half-width brackets). The structure parser
    reads comments as blank, so the heading is still a heading and its mark is reported as a
    numbering mark (punct.numbering), not as half-width brackets in body text. The rule that
    sends an edit of a comment's lines to a full analysis is what makes the results equal; with
    the rule broken (the edit's lines never meet a comment) the comparison fails."""
    if broken:
        monkeypatch.setattr(incremental_module, "_meets", lambda ranges, first, stop: False)
    lines = MD_SAMPLE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("### （二）"))
    lines[at] = lines[at].replace("（二）", "(二)")
    lines[at - 1:at - 1] = ["", "<!-- 旧稿", "上半年工作有待总结的部分。"]   # no --> yet: plain text
    at += 3
    previous = check_text("\n".join(lines), fmt="md", incremental=True)
    lines[at] = "-->" + lines[at]
    closed = "\n".join(lines)
    incremental = check_text(closed, fmt="md", previous=previous, incremental=True)
    full = check_text(closed, fmt="md")
    assert any(d.code == "punct.numbering" and d.line == at + 1 for d in full.diagnostics)
    if broken:
        assert incremental.reuse.reused_lines > 0
        assert _view(incremental) != _view(full)
        return
    assert _view(incremental) == _view(full)
    # Opening it again (the --> deleted) is checked in full too; an edit far below is
    # checked incrementally.
    lines[at] = lines[at][3:]
    reopened = "\n".join(lines)
    again = check_text(reopened, fmt="md", previous=incremental, incremental=True)
    assert _view(again) == _view(check_text(reopened, fmt="md"))
    lines[at + 8] += "截止6月底"
    below = "\n".join(lines)
    last = check_text(below, fmt="md", previous=again, incremental=True)
    assert last.reuse.reused_lines > 0
    assert _view(last) == _view(check_text(below, fmt="md"))


def test_random_markdown_edits_fail_with_a_broken_rule(monkeypatch):
    """The random comparison above can fail: with the edits of comments' and front matter's
    lines checked incrementally (the rule broken), it finds a difference within a few runs."""
    monkeypatch.setattr(incremental_module, "_meets", lambda ranges, first, stop: False)
    text = MD_DOCUMENTS[0][1]
    for seed in range(8):
        try:
            _compare_after_edits(text, seed=seed, steps=30, fmt="md")
        except AssertionError as failed:
            assert "step" in str(failed)
            break
    else:
        pytest.fail("no run of random edits told the broken rule from the right one")


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
