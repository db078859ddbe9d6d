"""The command line: check (text and JSON), outline, exit statuses, folders, stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import SAMPLES, SEED
from drafter.cli import main


def run(args, stdin: bytes | None = None, env=None):
    """Run ``python -m drafter`` in a subprocess; return (status, stdout, stderr)."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "drafter", *args], input=stdin, capture_output=True,
                          env=full_env)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_json_contract_on_the_seed():
    status, out, err = run(["check", "--format", "json", str(SEED)])
    data = json.loads(out)
    assert data["version"] == 1
    (file,) = data["files"]
    assert file["encoding"] == "utf-8" and file["newline"] == "\n"
    # The title says 上半年 but no year; samples/drafter.yaml gives the date.
    assert file["period"] == {"year": 2020, "half": 1, "source": "config"}
    parts = file["outline"]["parts"]
    assert [p["id"] for p in parts] == ["summary", "plan"]
    assert [p["line"] for p in parts] == [5, 11]
    theory = parts[0]["sections"][0]
    # The version-1 fields exactly; fields added within version 1 (docs/json-contract.md) apart.
    old = ("id", "title", "found", "line", "heading", "matched", "matched_by")
    assert {k: theory[k] for k in old} == {"id": "theory", "title": "理论武装", "found": True, "line": 6,
                                          "heading": "（一）着眼“培根铸魂”，理论武装工作不断深化。",
                                          "matched": "理论武装", "matched_by": "division"}
    assert (theory["decided_by"], theory["confidence"], theory["terms"]) == ("title", 1.0, [])
    assert file["genre"]["id"] == "h1" and file["date"] == {"value": "2020-07-10", "source": "config", "assumed": False}
    assert all(s["found"] for p in parts for s in p["sections"])
    structural = [d for d in file["diagnostics"] if d["code"].split(".")[0] in ("outline", "numbering")]
    assert structural == []
    assert data["summary"]["files"] == 1
    assert status == (1 if data["summary"]["error"] else 0)


def test_json_diagnostic_fields_and_missing_section(tmp_path, seed_lines):
    path = tmp_path / "r.txt"
    path.write_text("\n".join(seed_lines[:16]), encoding="utf-8")   # drop 五是 (culture) from the plan
    status, out, _ = run(["check", "--format", "json", "--select", "outline", str(path)])
    diags = json.loads(out)["files"][0]["diagnostics"]
    assert [(d["code"], d["part"], d["section"]) for d in diags] == [("outline.missing-section", "plan", "culture")]
    d = diags[0]
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (11, 1, 11, 10)
    assert d["text"] == "二、下半年工作安排" and d["severity"] == "error"
    assert status == 1


def test_text_output_lines_and_outline_table(tmp_path, seed_lines):
    path = tmp_path / "r.txt"
    path.write_text("\n".join(seed_lines[:16]), encoding="utf-8")
    status, out, _ = run(["check", "--select", "outline", str(path)], env={"NO_COLOR": "1"})
    first = out.splitlines()[0]
    assert first == f"{path}:11:1: error outline.missing-section “下半年工作安排”中缺少“文化文艺”方面"
    assert "\x1b[" not in out                       # no colour when piped
    assert "✗ 缺" in out and "主流舆论" in out         # the outline table
    assert status == 1


def test_fail_on_levels(tmp_path, seed_lines):
    path = tmp_path / "r.txt"
    path.write_text("\n".join(seed_lines[:10] + ["（六）强化自身建设。内容。"] + seed_lines[10:]), encoding="utf-8")
    args = ["check", "--select", "outline", "--no-outline", str(path)]
    assert main(args) == 0                               # only an info
    assert main(args + ["--fail-on", "info"]) == 1
    assert main(args + ["--fail-on", "never"]) == 0


def test_folder_is_walked_and_bad_files_do_not_stop_the_batch(tmp_path, seed_text):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    status, out, err = run(["check", "--format", "json", "--select", "outline", str(tmp_path)])
    data = json.loads(out)
    assert [os.path.basename(f["path"]) for f in data["files"]] == ["good.txt"]
    assert [os.path.basename(e["path"]) for e in data["errors"]] == ["bad.txt"]
    assert status == 2


@pytest.mark.parametrize("make, fragment", [
    (lambda p: None, "文件不存在"),
    (lambda p: p.write_bytes(b"PK\x03\x04\x00\x00binary"), "二进制"),
    (lambda p: p.write_bytes("一、上半年".encode("utf-8") + b"\xff\xfe\xfa" * 50), "编码"),
])
def test_unreadable_file_is_one_line_and_status_2(tmp_path, make, fragment):
    path = tmp_path / "r.txt"
    make(path)
    status, out, err = run(["check", str(path)])
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and fragment in lines[0]
    assert "Traceback" not in err


def test_folder_without_reports(tmp_path):
    (tmp_path / "x.csv").write_text("a", encoding="utf-8")
    status, out, err = run(["check", str(tmp_path)])
    assert status == 2 and "没有报告文件" in err and "Traceback" not in err


def test_stdin(seed_text):
    status, out, err = run(["check", "--format", "json", "--select", "outline", "-"], stdin=seed_text.encode("gb18030"))
    data = json.loads(out)
    assert data["files"][0]["path"] == "-" and data["files"][0]["encoding"] == "gb18030"
    assert data["files"][0]["diagnostics"] == [] and status == 0


def test_outline_command_shows_heading_and_phrase():
    status, out, _ = run(["outline", str(SEED)])
    assert status == 0
    assert "✓ 新闻舆论  第15行 三是壮大主流舆论" in out and "← “主流舆论”" in out
    assert "✓ 下半年工作安排  第11行 二、下半年工作安排" in out


def test_usage_error_is_status_2():
    status, _, err = run(["check", "--format", "xml", str(SEED)])
    assert status == 2 and "用法错误" in err


def test_unknown_outline_is_one_line(tmp_path):
    status, _, err = run(["check", "--outline", "no-such-outline", str(SEED)])
    assert status == 2 and "找不到提纲" in err and "Traceback" not in err


def test_bundled_samples_are_recognised():
    for name in ("propaganda-dept-2020-h1-report.txt", "propaganda-dept-2020-h1-draft.md", "template-half-year.txt"):
        status, out, _ = run(["check", "--format", "json", "--select", "outline,numbering", str(SAMPLES / name)])
        data = json.loads(out)
        assert data["files"][0]["diagnostics"] == [], name


def test_counts_by_section_tally_the_diagnostics_of_each_area_and_part():
    from drafter.api import check_path

    result = check_path(str(SEED))
    counts = result.counts_by_section()
    in_parts = [d for d in result.diagnostics if d.part is not None]
    assert counts[("summary", None)] + counts[("plan", None)] == len(in_parts)
    for (part, section), n in counts.items():
        assert n == sum(1 for d in in_parts if d.part == part and (section is None or d.section == section))
    assert counts[("summary", "news")] == 5 and ("plan", "ideology") not in counts
