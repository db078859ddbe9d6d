"""``drafter new`` writes the template; ``drafter FILE`` is routed to the editor command."""

from __future__ import annotations

import subprocess
import sys

from drafter.cli import build_parser, main
from drafter.outlines.definition import load_outline
from drafter.outlines.skeleton import template_text


def test_new_writes_the_template_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "draft.txt"
    assert main(["new", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == template_text(load_outline())
    assert main(["new", str(path)]) == 2
    assert "文件已存在" in capsys.readouterr().err
    assert main(["new", str(path), "--title", "区委宣传部工作总结", "--force"]) == 0
    assert path.read_text(encoding="utf-8").startswith("区委宣传部工作总结\n")


def test_new_with_unknown_outline_fails_cleanly(tmp_path, capsys):
    assert main(["new", str(tmp_path / "x.txt"), "--outline", "nope"]) == 2
    assert "找不到提纲" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


def test_bare_file_runs_the_edit_command():
    args = build_parser().parse_args(["edit", "r.txt"])
    assert args._module.NAME == "edit" and args.path == "r.txt"


def test_edit_on_a_binary_file_fails_without_starting_the_ui(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02")
    out = subprocess.run([sys.executable, "-m", "drafter", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "二进制文件" in out.stderr


def test_new_and_edit_refuse_to_start_a_draft_as_docx(tmp_path, capsys):
    # `drafter new 报告.docx` wrote plain UTF-8 text into a file named .docx, which Word and
    # `drafter check` then could not open; a new draft is .txt or .md, a .docx comes from render.
    for name in ("报告.docx", "报告.pdf"):
        assert main(["new", str(tmp_path / name)]) == 2
        assert not (tmp_path / name).exists()
    err = capsys.readouterr().err
    assert "报告.docx" in err and ".txt" in err and "drafter render" in err
    out = subprocess.run([sys.executable, "-m", "drafter", str(tmp_path / "新稿.docx")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "drafter render" in out.stderr
    assert main(["new", str(tmp_path / "草稿")]) == 0  # no suffix: a text file
