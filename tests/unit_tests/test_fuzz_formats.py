"""A fuzz target per input format, with inputs that grow (issue 15).

Each target starts from valid input of its format, damages it (deleted, duplicated or swapped
parts, foreign tokens, truncation, flipped bytes) and grows it (a part repeated 2^k times), and
checks the one promise drafter makes about bad input: a result, or one :class:`DrafterError`
naming the file (and the line where it has one) — never another exception, never a hang.

| format | target |
| --- | --- |
| .txt bytes | :func:`test_txt_bytes_growing` (the reader; test_fuzz.py also checks every check) |
| .md with YAML front matter | :func:`test_markdown_with_damaged_front_matter` |
| .docx zip structure | :func:`test_docx_zip_structure` |
| checklist YAML | :func:`test_checklist_yaml` |
| outline YAML | :func:`test_outline_yaml` |
| project file drafter.yaml | :func:`test_project_file` |

The budget is the hypothesis profile (``ci`` by default; ``HYPOTHESIS_PROFILE=long`` for the
long run in docs/testing.md).
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from drafter.api import CheckOptions, analyze
from drafter.errors import ChecklistError, DrafterError, InputError
from drafter.files.document import SourceDocument
from drafter.files.source import source_from_bytes
from test_fuzz import DOCUMENTS

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # big reprs of zips

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = CheckOptions(project=False)

#: Foreign tokens dropped into YAML: syntax, anchors, tags, types, huge and odd scalars.
YAML_TOKENS = [":", "- ", "? ", "&a ", "*a", "!!python/name:os.system", "!!binary", "[", "]", "{", "}",
               "'", '"', "|", ">", "#", "\t", "~", "null", "true", "1e999", "2020-13-45", "0x1F",
               "%YAML 1.1", "---", "...", "\\u0000", "\ufeff", "“", "（", "x" * 200, "  ", "\n"]
GROW = st.integers(0, 10).map(lambda k: 2 ** k)


@st.composite
def damaged(draw, text: str) -> str:
    """``text`` with a few lines deleted, duplicated, swapped or spiked with foreign tokens,
    and one run of lines repeated a growing number of times."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "token", "indent", "cut"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "token":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(YAML_TOKENS)) + lines[i][at:]
        elif action == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "    ", "\t"])) + lines[i].lstrip()
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    if lines:
        start = draw(st.integers(0, len(lines) - 1))
        end = draw(st.integers(start, min(len(lines), start + 6)))
        lines[start:end] = lines[start:end] * draw(GROW)
    return "\n".join(lines)


def _only_drafter_errors(call, path: str, text: str | None = None):
    """Run ``call``; a DrafterError must name ``path`` and a line inside ``text``."""
    try:
        return call()
    except DrafterError as exc:
        assert exc.path == path and exc.message
        if exc.line is not None and text is not None:
            assert 1 <= exc.line <= text.count("\n") + 1, (exc.line, exc.message)
        event(type(exc).__name__)
        return None


# ---------------------------------------------------------------- .txt and .md

@given(chunk=st.binary(max_size=300), times=GROW)
def test_txt_bytes_growing(chunk, times):
    raw = chunk * times
    source = _only_drafter_errors(lambda: source_from_bytes(raw, "乱码.txt"), "乱码.txt")
    if source is not None:
        assert "\r" not in source.text


FRONT_MATTER = "title: 市委宣传部2020年上半年工作总结\nperiod: 2020-H1\ndate: 2020-07-10\nunit: 市委宣传部\n"


@given(front=damaged(FRONT_MATTER), body=DOCUMENTS, times=st.integers(0, 4).map(lambda k: 2 ** k))
def test_markdown_with_damaged_front_matter(front, body, times):
    text = f"---\n{front}\n---\n" + body * times
    result = analyze(SourceDocument(path="草稿.md", text=text, format="md"), OPTIONS)
    for d in result.diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text)
    if any(d.code == "front-matter.invalid" for d in result.diagnostics):
        event("front-matter.invalid")


# ---------------------------------------------------------------- .docx

@lru_cache(maxsize=1)
def _valid_docx() -> dict[str, bytes]:
    from drafter.api import check_path
    from drafter.render import build_final, export_bytes

    result = check_path(ROOT / "samples" / "propaganda-dept-2020-h1-report.txt", OPTIONS)
    data = export_bytes(build_final(result.report, result.match), ".docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@st.composite
def docx_bytes(draw) -> bytes:
    """A rendered report's zip with members dropped, duplicated, replaced by junk or truncated,
    document.xml grown by repeating its body, stored or deflated; then maybe cut or bit-flipped."""
    members = dict(_valid_docx())
    names = sorted(members)
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
        action = draw(st.sampled_from(["drop", "junk", "truncate", "empty"]))
        if action == "drop":
            members.pop(name, None)
        elif action == "junk":
            members[name] = draw(st.binary(max_size=200))
        elif action == "truncate":
            members[name] = members[name][: draw(st.integers(0, len(members[name])))]
        else:
            members[name] = b""
    doc = members.get("word/document.xml")
    if doc and b"<w:body>" in doc and b"<w:sectPr" in doc:
        head, rest = doc.split(b"<w:body>", 1)
        body, tail = rest.split(b"<w:sectPr", 1)
        grow = draw(st.integers(0, 6).map(lambda k: 2 ** k))  # up to 64× the report's paragraphs
        members["word/document.xml"] = head + b"<w:body>" + body * grow + b"<w:sectPr" + tail
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if draw(st.booleans()):
            archive.writestr(draw(st.sampled_from(names)) + "x", b"duplicate-ish")
    raw = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 3))):
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    return bytes(raw)


@given(raw=docx_bytes())
def test_docx_zip_structure(raw):
    from drafter.files.docx_reader import read_docx

    path = "报告.docx"
    source = _only_drafter_errors(lambda: read_docx(path, raw), path)
    if source is not None:
        assert source.format == "docx" and "\r" not in source.text
        event("read")


# ---------------------------------------------------------------- YAML: checklists, outlines, project file

@lru_cache(maxsize=None)
def _text(relative: str, lines: int = 80) -> str:
    return "\n".join((ROOT / relative).read_text(encoding="utf-8").split("\n")[:lines])


@given(data=st.data(), name=st.sampled_from(["checklists/typos-common.yaml", "checklists/terms-official.yaml",
                                             "checklists/placeholders.yaml", "checklists/consistency.yaml"]))
def test_checklist_yaml(data, name):
    from drafter.checklists.format import parse_checklist

    text = data.draw(damaged(_text(name)))
    _only_drafter_errors(lambda: parse_checklist(text, "清单.yaml", verify=True), "清单.yaml", text)


@given(data=st.data())
def test_outline_yaml(data):
    from drafter.outlines.definition import parse_outline

    text = data.draw(damaged(_text("checklists/outlines/propaganda-half-year.yaml", 400)))
    _only_drafter_errors(lambda: parse_outline(text, "提纲.yaml"), "提纲.yaml", text)


PROJECT = """outline: propaganda-half-year
checklists: [checklists/]
select: []
ignore: [placeholder.name]
severity: {placeholder.figure: error}
date: 2020-07-10
"""


@given(text=damaged(PROJECT))
def test_project_file(text):
    from drafter.config import parse_config

    _only_drafter_errors(lambda: parse_config(text, "drafter.yaml"), "drafter.yaml", text)


def test_the_targets_can_fail():
    """The property helper bites: an exception that is not a DrafterError escapes it, and a
    DrafterError naming another file or a line outside the text fails it."""
    with pytest.raises(ZeroDivisionError):
        _only_drafter_errors(lambda: 1 / 0, "x")
    with pytest.raises(AssertionError):
        _only_drafter_errors(lambda: (_ for _ in ()).throw(InputError("坏", "别的文件")), "x")
    with pytest.raises(AssertionError):
        _only_drafter_errors(lambda: (_ for _ in ()).throw(ChecklistError("坏", "x", 99)), "x", "一行")
