"""Text output off a terminal is written without rich, byte for byte as rich writes it."""

from __future__ import annotations

import dataclasses
import io

import pytest

from drafter.api import check_text
from drafter.cli.common import Tally
from drafter.cli.output import TextOutput
from drafter.cli.plain_output import _NARROW, PlainTextOutput, _cells, plain_possible, text_output
from drafter.files.resources import samples_dir

SEED = (samples_dir() / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8")
TEMPLATE = (samples_dir() / "template-half-year.txt").read_text(encoding="utf-8")


def _both(result, show_outline=True) -> tuple[str, str]:
    rich_out, plain_out = io.StringIO(), io.StringIO()
    for writer, out in ((TextOutput(show_outline, file=rich_out), rich_out),
                        (PlainTextOutput(show_outline, file=plain_out), plain_out)):
        one, two = Tally(), Tally()
        one.add(result)
        two.add(result)
        two.add(result)
        two.truncated += 1  # a file cut at the output limit, as the summary reports it
        writer.file(result)
        writer.summary(one, [])
        writer.summary(two, [ValueError("x")], config_problems=2, baseline="基线：已知 3 个")
    return rich_out.getvalue(), plain_out.getvalue()


@pytest.mark.parametrize("text, path, plain", [
    (SEED, "samples/propaganda-dept-2020-h1-report.txt", True),
    (TEMPLATE, "模板/上半年.txt", True),                             # missing areas, CJK path
    ("市委宣传部上半年工作总结\n一、上半年工作\n开展学习X次。\n", "short.txt", True),  # missing parts
    (SEED, "x" * 190 + ".txt", True),                               # a title wider than the table
    ("", "empty.txt", True),
    (SEED, "报告[初稿].txt", False),                                 # markup-like: rich draws it
    (SEED, "a:b.txt", False),                                       # an emoji-code-like title
    (SEED, "😀.txt", False),
], ids=["seed", "template", "missing-parts", "long-title", "empty", "markup", "colon", "emoji"])
def test_plain_text_equals_rich_without_a_terminal(text, path, plain):
    result = check_text(text, path=path)
    rich_text, plain_text = _both(result)
    assert plain_text == rich_text
    assert "提纲" in plain_text and "共 1 个文件" in plain_text
    assert (PlainTextOutput(file=io.StringIO()).table(result) is not None) == plain


def test_paragraph_numbered_documents_and_no_outline():
    result = check_text(SEED, path="r.docx")
    result.source = dataclasses.replace(result.source, line_unit="paragraph")
    for show in (True, False):
        rich_text, plain_text = _both(result, show)
        assert plain_text == rich_text
    assert "段落序号" in plain_text and "提纲" not in plain_text


def test_a_table_wider_than_the_page_is_left_to_rich(monkeypatch):
    result = check_text(SEED.replace("理论武装", "理论武装" + "很长的标题" * 40, 1), path="wide.txt")
    assert PlainTextOutput(file=io.StringIO()).table(check_text(SEED, path="r.txt")) is not None
    rich_text, plain_text = _both(result)
    assert plain_text == rich_text


def test_terminal_and_forced_colour_use_rich(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert not plain_possible(Tty())
    assert isinstance(text_output(file=Tty()), TextOutput)
    assert isinstance(text_output(file=io.StringIO()), PlainTextOutput)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert isinstance(text_output(file=io.StringIO()), TextOutput)


def test_cell_widths_agree_with_rich():
    from rich.cells import cell_len

    for text in [*_NARROW, "✓ 有", "↪ 错位", "— 无", "✗ 缺", "缺失", "不要求", "上半年工作总结", "a:b 12"]:
        assert _cells(text) == cell_len(text), text


def test_a_truncated_file_says_so_in_both():
    from drafter.api import Truncation

    result = check_text(SEED, path="r.txt")
    result.truncated = Truncation(limit=20, omitted=7, stopped=("placeholder",))
    rich_text, plain_text = _both(result)
    assert plain_text == rich_text and "问题过多" in plain_text
