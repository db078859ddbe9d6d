"""A .docx is read, never written as text: saving or ``check --fix`` over it must not turn the
Word file into a plain-text file (it happened: both wrote UTF-8 text over the .docx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cli import main
from drafter.files.save import SaveError, save_text
from drafter.files.source import read_source

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = SAMPLES / "propaganda-dept-2020-h1-report.txt"


@pytest.fixture
def seed_docx(tmp_path) -> Path:
    """The seed rendered as a .docx (its 战役做后 typo and the rest stay, so --fix has work)."""
    out = tmp_path / "报告.docx"
    assert main(["render", str(SEED), "-o", str(out), "--force"]) == 0
    return out


def test_save_text_refuses_to_write_text_over_a_docx(seed_docx):
    original = seed_docx.read_bytes()
    source = read_source(str(seed_docx))
    with pytest.raises(SaveError) as caught:
        save_text(source, "新增" + source.text)
    assert ".docx" in str(caught.value) and "另存为" in str(caught.value)
    assert seed_docx.read_bytes() == original
    assert read_source(str(seed_docx)).format == "docx"


def test_save_text_refuses_a_docx_target_for_text(tmp_path, seed_text):
    draft = tmp_path / "draft.txt"
    draft.write_text(seed_text, encoding="utf-8")
    with pytest.raises(SaveError):
        save_text(read_source(str(draft)), seed_text, str(tmp_path / "final.docx"))
    assert not (tmp_path / "final.docx").exists()


def test_a_docx_saved_as_txt_is_an_ordinary_text_file_afterwards(seed_docx, tmp_path):
    source = read_source(str(seed_docx))
    target = tmp_path / "报告.txt"
    saved = save_text(source, source.text, str(target))
    assert saved.format == "txt" and saved.line_unit == "line" and not saved.meta.get("read_only")
    again = save_text(saved, "新增" + saved.text)  # F2 after save-as writes the .txt
    assert target.read_text(encoding="utf-8").startswith("新增市委宣传部")
    assert again.path == str(target)


def test_check_fix_leaves_a_docx_untouched_and_goes_on(seed_docx, tmp_path, capsys, seed_text):
    original = seed_docx.read_bytes()
    draft = tmp_path / "草稿.txt"
    draft.write_text(seed_text, encoding="utf-8")
    # A folder with a .docx and a .txt: the .txt is fixed, the .docx reported and left alone.
    assert main(["check", "--fix", "--fail-on", "error", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert f"{seed_docx}：.docx 文件只读，未修复" in err and f"{draft}：已应用" in err
    assert seed_docx.read_bytes() == original
    assert "战疫最后一公里" in draft.read_text(encoding="utf-8")
