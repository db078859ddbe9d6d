"""``drafter render``: output by suffix, --force gating, atomic writes; bad .docx input."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.diagnostics import Diagnostic, Severity
from drafter.report.model import Span
from drafter.render import placeholders, render_blockers
from render_helpers import DRAFT_NAME, SEED_NAME

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize("suffix", [".docx", ".md", ".txt"])
def test_render_writes_each_format_and_it_checks_clean(tmp_path, capsys, suffix):
    out = tmp_path / f"final{suffix}"
    assert main(["render", str(SAMPLES / DRAFT_NAME), "-o", str(out), "--force"]) == 0
    assert out.exists() and out.stat().st_size > 1000
    assert f"已生成 {out}" in capsys.readouterr().out
    # The sample's X次… stay in the final text: leave placeholder findings out of this verdict.
    assert main(["check", str(out), "--ignore", "placeholder", "--fail-on", "error"]) == 0
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write leaves no temporary file


def test_render_without_output_prints_the_final_text(capsys):
    assert main(["render", str(SAMPLES / SEED_NAME), "--force"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("市委宣传部上半年工作总结\n及下半年工作计划\n\n上半年，")


def test_render_refuses_unsupported_suffix_and_overwriting_the_draft(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text((SAMPLES / SEED_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["render", str(draft), "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["render", str(draft), "-o", str(draft), "--force"]) == 2
    err = capsys.readouterr().err
    assert "不支持的输出格式" in err and "同一个文件" in err
    assert draft.read_text(encoding="utf-8") == (SAMPLES / SEED_NAME).read_text(encoding="utf-8")


def test_error_diagnostic_asks_for_force(tmp_path, capsys, seed_lines):
    # Without 二、下半年工作安排 and its areas the engine reports outline.missing-part (an error).
    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(seed_lines[:10]) + "\n", encoding="utf-8")
    out = tmp_path / "final.docx"
    assert main(["render", str(draft), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "未生成成文" in err and "--force" in err and "outline.missing-part" in err
    assert not out.exists()
    assert main(["render", str(draft), "-o", str(out), "--force"]) == 0
    said = capsys.readouterr().out
    assert out.exists() and "已按 --force 生成" in said and "outline.missing-part" in said


def _diagnostic(code: str, severity: Severity) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, message="测试", span=Span(0, 2, 1, 1, 1, 3), text="X次")


def test_gating_by_level_and_placeholder_figures():
    figure = _diagnostic("placeholder.figure", Severity.WARNING)
    figure_sub = _diagnostic("placeholder.figure-range", Severity.INFO)
    other_placeholder = _diagnostic("placeholder.name", Severity.WARNING)
    error = _diagnostic("outline.missing-part", Severity.ERROR)
    warning = _diagnostic("outline.order", Severity.WARNING)
    hint = _diagnostic("outline.extra", Severity.INFO)
    found = [figure, figure_sub, other_placeholder, error, warning, hint]
    # The default gate is warning: every warning and error, and figures whatever their severity.
    assert render_blockers(found) == [figure, figure_sub, other_placeholder, error, warning]
    assert render_blockers(found, "error") == [figure, figure_sub, error]
    assert render_blockers(found, "info") == found
    assert render_blockers(found, "off") == []
    assert placeholders(found) == [figure, figure_sub, other_placeholder]
    assert render_blockers([hint]) == []


def test_cli_gates_on_a_placeholder_figure_diagnostic(tmp_path, monkeypatch, capsys):
    from drafter import api

    real = api.analyze

    def with_figure(source, options=None, outline=None, **kwargs):
        result = real(source, options, outline, **kwargs)
        start = result.report.text.index("X次")
        result.diagnostics.append(Diagnostic(
            code="placeholder.figure", severity=Severity.WARNING, message="未填写的数字占位符“X次”",
            span=result.report.span(start, start + 2), text="X次"))
        return result

    monkeypatch.setattr(api, "analyze", with_figure)
    out = tmp_path / "final.txt"
    assert main(["render", str(SAMPLES / SEED_NAME), "-o", str(out)]) == 1
    assert "placeholder.figure" in capsys.readouterr().err and not out.exists()
    assert main(["render", str(SAMPLES / SEED_NAME), "-o", str(out), "--force"]) == 0
    said = capsys.readouterr().out
    assert re.search(r"仍有 \d+ 处未填占位符（原样保留）：\n(.*\n)*.*:6:\d+: warning placeholder.figure", said)
    assert "X次" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("content,reason", [
    (b"not a zip file at all", "不是 zip"),
    (b"PK\x03\x04 truncated", "zip 结构损坏"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, ".doc"),
])
def test_bad_docx_is_one_line_and_exit_2(tmp_path, capsys, content, reason):
    bad = tmp_path / "报告.docx"
    bad.write_bytes(content)
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0] and reason in err[0] and "另存为 .docx" in err[0]
    assert main(["outline", str(bad)]) == 2


def test_zip_that_is_not_a_word_file(tmp_path, capsys):
    import zipfile

    bad = tmp_path / "a.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "你好")
    assert main(["check", str(bad)]) == 2
    assert "不是有效的 Word 文档" in capsys.readouterr().err


def test_checking_txt_does_not_import_python_docx():
    code = ("import sys, io, contextlib; from drafter.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['check', {str(SAMPLES / SEED_NAME)!r}])\n"
            "print('docx' in sys.modules, 'drafter.render' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_count_of_placeholders_left_counts_every_xx_name(tmp_path, capsys):
    """One placeholder.name diagnostic stands for every XX name: the count says how many places."""
    from drafter.api import check_path

    seed = SAMPLES / SEED_NAME
    left = placeholders(check_path(str(seed)).diagnostics)
    names = next(d for d in left if d.code == "placeholder.name")
    assert names.data["count"] > 1
    assert main(["render", str(seed), "-o", str(tmp_path / "final.txt"), "--force"]) == 0
    said = capsys.readouterr().out
    expected = len(left) - 1 + names.data["count"]
    assert f"成文中仍有 {expected} 处未填占位符" in said


def test_render_lists_what_the_final_text_carries_by_kind_and_stops_at_warnings(tmp_path, capsys):
    """The sample's typos, term slips and period slip are warnings: rendering stops and names
    them by kind with their lines; with --force it writes and lists them again."""
    out = tmp_path / "x.docx"
    assert main(["render", str(SAMPLES / SEED_NAME), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert not out.exists()
    kinds_listed = re.findall(r"^  (警告|错误|提示) (\S+) .* (\d+) 处：第 ([\d、]+)", err, re.M)
    codes = {code for _, code, _, _ in kinds_listed}
    assert {"typo.word", "period.mismatch", "placeholder.figure"} <= codes, err
    period = next(k for k in kinds_listed if k[1] == "period.mismatch")
    assert period[2] == "1" and period[3] == "12"  # the 二季度 in the plan, line 12
    assert main(["render", str(SAMPLES / SEED_NAME), "-o", str(out), "--force"]) == 0
    said = capsys.readouterr().out
    assert out.exists() and "成文中带入以下问题" in said and "typo.word" in said and "period.mismatch" in said


def test_the_gate_comes_from_the_option_then_the_project_file(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text((SAMPLES / SEED_NAME).read_text(encoding="utf-8").replace("X", "3").replace("XX", "某"),
                     encoding="utf-8")
    out = tmp_path / "final.txt"
    assert main(["render", str(draft), "-o", str(out)]) == 1  # typos are warnings
    (tmp_path / "drafter.yaml").write_text("render-gate: error\n", encoding="utf-8")
    assert main(["render", str(draft), "-o", str(out)]) == 0
    assert "typo.word" in capsys.readouterr().out  # written, and the typos it carries are listed
    assert main(["render", str(draft), "-o", str(out), "--gate", "warning"]) == 1
    (tmp_path / "drafter.yaml").write_text("render-gate: sometimes\n", encoding="utf-8")
    assert main(["render", str(draft), "-o", str(out)]) == 2
    assert "render-gate" in capsys.readouterr().err


def test_problems_the_renderer_resolves_are_not_listed_as_carried(tmp_path, seed_lines):
    """A heading numbered out of sequence is renumbered in the final text: not carried over."""
    from drafter.api import check_path
    from drafter.render import carried_over, render_text

    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(seed_lines).replace("（五）深耕", "（六）深耕", 1), encoding="utf-8")
    result = check_path(str(draft))
    sequence = [d for d in result.diagnostics if d.code == "numbering.sequence"]
    assert sequence, "the draft has a numbering slip"
    carried = carried_over(result, render_text(result.report, result.match))
    assert not [d for d in carried if d.code == "numbering.sequence"]
    assert [d for d in carried if d.code == "typo.word"]  # a typo is still there
