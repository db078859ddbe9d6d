"""Bad input through ``drafter check`` / ``drafter outline``: one clear line, exit 2, no traceback.

Each case runs in-process (``drafter.cli.main``) and the ones that matter for a shell — a binary
file, standard input, a batch over a folder, a 20 MB file — also as a subprocess, so that what
reviewers see in CI is what is tested. docs/bad-input.md lists every case with its test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_clear_line(err: str, path: str, *words: str) -> str:
    """stderr holds exactly one ``drafter: PATH…: message`` line with ``words``; no traceback."""
    lines = [line for line in err.splitlines() if line.startswith("drafter:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    line = lines[0]
    assert line.startswith(f"drafter: {path}")
    for word in words:
        assert word in line, line
    return line


def _cli(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *argv], input=stdin,
                          capture_output=True, timeout=120)


# ---------------------------------------------------------------- unreadable documents

@pytest.mark.parametrize("name, data, words", [
    ("图片.txt", PNG, ("二进制文件",)),
    ("含空字节.txt", "一、上半年工作总结\n".encode() + b"\x00\x00" + "理论武装".encode(), ("NUL",)),
    ("乱码.txt", "一、上半年工作总结\n".encode() + b"\xff\xfe\xfa\x80\x81\xc3\x28" * 40, ("无法解码", "第 2 行")),
    ("假BOM.txt", b"\xef\xbb\xbf" + "一、上半年".encode() + b"\n\xff\xff", ("utf-8-sig", "第 2 行")),
    ("半个字符.txt", b"\xff\xfe" + "一、上半年\n二、下半年".encode("utf-16-le") + b"\x00", ("utf-16-le", "第 2 行")),
])
def test_unreadable_file_is_one_line_exit_2(tmp_path, capsys, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = _run(capsys, "check", "--no-outline", str(path))
    assert code == 2
    _one_clear_line(err, str(path), *words)


def test_binary_file_in_a_subprocess(tmp_path):
    path = tmp_path / "图片.txt"
    path.write_bytes(PNG)
    done = _cli("check", str(path))
    assert done.returncode == 2
    _one_clear_line(done.stderr.decode(), str(path), "二进制文件")


def test_missing_file(tmp_path, capsys):
    path = tmp_path / "没有.txt"
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2
    _one_clear_line(err, str(path), "文件不存在")


def test_permission_denied(tmp_path, capsys, monkeypatch):
    """Root reads any file, so the denial is simulated at the open (``os.open``);
    as an ordinary user the file is really made unreadable."""
    path = tmp_path / "保密.txt"
    path.write_text("一、上半年工作总结\n", encoding="utf-8")
    os.chmod(path, 0)
    if os.geteuid() == 0:
        real = os.open

        def denied(name, *args, **kwargs):
            if os.fspath(name) == str(path):
                raise PermissionError(13, "Permission denied", str(name))
            return real(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", denied)
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2
    _one_clear_line(err, str(path), "没有读取权限")


@pytest.mark.parametrize("layout", ["empty", "other-files"])
def test_folder_without_reports(tmp_path, capsys, layout):
    folder = tmp_path / "材料"
    folder.mkdir()
    if layout == "other-files":
        (folder / "照片.jpg").write_bytes(PNG)
        (folder / ".隐藏.txt").write_text("一、上半年工作总结", encoding="utf-8")
    code, _, err = _run(capsys, "check", str(folder))
    assert code == 2
    _one_clear_line(err, str(folder), "没有报告文件")


def test_outline_command_on_a_folder_and_a_binary(tmp_path, capsys):
    (tmp_path / "图片.txt").write_bytes(PNG)
    code, _, err = _run(capsys, "outline", str(tmp_path))
    assert code == 2
    _one_clear_line(err, str(tmp_path), "文件夹")
    code, _, err = _run(capsys, "outline", str(tmp_path / "图片.txt"))
    assert code == 2
    _one_clear_line(err, str(tmp_path / "图片.txt"), "二进制文件")


# ---------------------------------------------------------------- odd but valid documents

def test_empty_file_is_an_empty_report(tmp_path, capsys):
    path = tmp_path / "空白.txt"
    path.write_bytes(b"")
    code, out, err = _run(capsys, "check", "--format", "json", str(path))
    assert code == 1 and "Traceback" not in err
    data = json.loads(out)
    codes = [d["code"] for d in data["files"][0]["diagnostics"]]
    assert codes.count("outline.missing-part") == 2 and data["errors"] == []


def test_line_of_a_million_characters(tmp_path, capsys, seed_text):
    path = tmp_path / "长行.txt"
    long_line = "理论武装工作扎实推进，" * 100_000           # 1,100,000 characters, no line end
    path.write_text(seed_text + long_line + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "check", "--format", "json", str(path))
    assert code in (0, 1) and err == ""
    assert json.loads(out)["summary"]["unreadable"] == 0


def test_twenty_megabyte_file_works(tmp_path, seed_text):
    """A 20 MB file (the seed pasted ~1,100 times, GB18030 with CRLF) is simply checked."""
    path = tmp_path / "合订本.txt"
    chunk = (seed_text + "\n").replace("\n", "\r\n").encode("gb18030")
    path.write_bytes(chunk * (20 * 1024 * 1024 // len(chunk) + 1))
    assert path.stat().st_size >= 20 * 1024 * 1024
    done = _cli("check", "--format", "json", str(path))
    assert done.returncode in (0, 1), done.stderr.decode()[-2000:]
    data = json.loads(done.stdout)
    assert data["summary"]["files"] == 1 and data["files"][0]["encoding"] == "gb18030"


def test_standard_input(seed_text):
    done = _cli("check", "--format", "json", "-", stdin=seed_text.replace("\n", "\r\n").encode("gb18030"))
    assert done.returncode in (0, 1), done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["files"][0]["path"] == "-" and data["files"][0]["encoding"] == "gb18030"


def test_binary_on_standard_input():
    done = _cli("check", "-", stdin=PNG)
    assert done.returncode == 2
    _one_clear_line(done.stderr.decode(), "-", "二进制文件")


# ---------------------------------------------------------------- a batch with one bad file

def test_batch_checks_all_others_and_exits_2_naming_the_bad_one(tmp_path, seed_text):
    folder = tmp_path / "各部门"
    (folder / "二科").mkdir(parents=True)
    good = [folder / "一科.txt", folder / "二科" / "报告.md", folder / "三科.txt"]
    for path in good:
        path.write_text(seed_text, encoding="utf-8")
    bad = folder / "二科" / "坏文件.txt"
    bad.write_bytes(PNG)
    done = _cli("check", "--format", "json", str(folder))
    assert done.returncode == 2
    data = json.loads(done.stdout)
    assert sorted(f["path"] for f in data["files"]) == sorted(str(p) for p in good)
    assert [e["path"] for e in data["errors"]] == [str(bad)]
    text = _cli("check", "--no-outline", str(folder))
    assert text.returncode == 2
    _one_clear_line(text.stderr.decode(), str(bad), "二进制文件")
    assert "共 3 个文件" in text.stdout.decode() and "1 个文件无法读取" in text.stdout.decode()


def test_batch_with_an_empty_folder_still_checks_the_rest(tmp_path, capsys, seed_text):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    report = tmp_path / "报告.txt"
    report.write_text(seed_text, encoding="utf-8")
    code, out, err = _run(capsys, "check", "--format", "json", str(empty), str(report))
    assert code == 2
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == [str(report)]
    assert [e["path"] for e in data["errors"]] == [str(empty)]


# ---------------------------------------------------------------- outline files

SEED_ARGS = ("--no-outline",)

BOMB = """version: 1
name: bomb
a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
parts: *i
sections: {}
"""

MISSING_AREA = """version: 1
name: 缺方面
parts:
  - id: summary
    title: 上半年工作总结
    sections: [theory, ideology]
sections:
  theory:
    title: 理论武装
"""


@pytest.mark.parametrize("name, text, words", [
    ("坏格式.yaml", "version: 1\nname: x\nparts: [\n  - id: summary\n", ("YAML 格式错误", "坏格式.yaml:")),
    ("炸弹.yaml", BOMB, ("锚点和别名", "炸弹.yaml:3")),
    ("太深.yaml", "version: 1\nname: x\nparts: " + "[" * 5000 + "]" * 5000 + "\nsections: {}\n",
     ("YAML 格式错误", "太深.yaml:3")),
    ("缺方面.yaml", MISSING_AREA, ("未定义的方面“ideology”", "缺方面.yaml:6")),
    ("执行代码.yaml", "version: 1\nname: !!python/object/apply:os.system ['echo 已执行']\nparts: []\nsections: {}\n",
     ("执行代码.yaml:2",)),
    ("标签.yaml", "version: 1\nname: !!python/name:os.system\nparts: []\nsections: {}\n",
     ("标签.yaml:2", "无法识别的值")),
    ("日期.yaml", "version: 1\nname: x\nparts: []\nsections: {}\nsource: 2020-13-45\n",
     ("日期.yaml:5", "无法识别的值")),
])
def test_bad_outline_file_is_one_line_exit_2(tmp_path, capsys, seed_text, name, text, words):
    outline = tmp_path / name
    outline.write_text(text, encoding="utf-8")
    reports = []
    for i in range(3):  # one error for the run, not one per file
        reports.append(tmp_path / f"报告{i}.txt")
        reports[-1].write_text(seed_text, encoding="utf-8")
    code, out, err = _run(capsys, "check", *SEED_ARGS, "--outline", str(outline), *map(str, reports))
    assert code == 2
    line = _one_clear_line(err, str(outline), *words)
    assert "已执行" not in out + err, line


def test_missing_outline_names_the_bundled_ones(tmp_path, capsys, seed_text):
    report = tmp_path / "报告.txt"
    report.write_text(seed_text, encoding="utf-8")
    code, _, err = _run(capsys, "check", "--outline", str(tmp_path / "无.yaml"), str(report))
    assert code == 2
    _one_clear_line(err, str(tmp_path / "无.yaml"), "找不到提纲", "propaganda-half-year")


def test_bad_date_option(capsys, seed_text, tmp_path):
    report = tmp_path / "报告.txt"
    report.write_text(seed_text, encoding="utf-8")
    code, _, err = _run(capsys, "check", "--date", "2020-13-45", str(report))
    assert code == 2 and "YYYY-MM-DD" in err and "Traceback" not in err


# ---------------------------------------------------------------- a draft's own front matter

@pytest.mark.parametrize("front, words", [
    ("date: 2020-13-45", ("fm.md:2:", "无法识别的值")),
    ("period: !!python/name:os.system", ("fm.md:2:", "无法识别的值")),
    ("\n".join(BOMB.splitlines()[2:12]).replace("parts: *i", "period: *i"), ("fm.md:2:", "锚点和别名")),
    ("period: [2020", ("fm.md:", "YAML 前言格式错误")),
])
def test_bad_front_matter_is_a_diagnostic_not_a_crash(tmp_path, capsys, seed_text, front, words):
    """Malformed front matter in a Markdown draft (an alias bomb used to hang here) is reported
    as a ``front-matter.invalid`` error at its line; the rest of the draft is still checked."""
    path = tmp_path / "fm.md"
    path.write_text(f"---\n{front}\n---\n{seed_text}", encoding="utf-8")
    code, out, err = _run(capsys, "check", "--no-outline", str(path))
    assert code == 1 and err == ""
    lines = [line for line in out.splitlines() if "front-matter.invalid" in line]
    assert len(lines) == 1 and all(word in lines[0] for word in words), out


# ---------------------------------------------------------------- not reports at all

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_device_is_refused_before_reading(capsys):
    """/dev/zero never ends: reading it whole would exhaust memory."""
    code, _, err = _run(capsys, "check", "/dev/zero")
    assert code == 2
    _one_clear_line(err, "/dev/zero", "设备")


def test_file_too_large_to_be_a_report(tmp_path, capsys):
    path = tmp_path / "备份.txt"
    with open(path, "wb") as handle:  # sparse: takes no disk space
        handle.truncate(300 * 1024 * 1024)
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2
    _one_clear_line(err, str(path), "文件过大", "300 MB", "上限 32 MB")


@pytest.mark.skipif(not os.path.exists("/bin/bash"), reason="needs bash for process substitution")
def test_a_pipe_is_read(tmp_path, seed_text):
    """Process substitution (``drafter check <(…)``) hands drafter an anonymous pipe whose writer
    is already there; it is read like standard input."""
    report = tmp_path / "报告.txt"
    report.write_text(seed_text, encoding="utf-8")
    done = subprocess.run(["/bin/bash", "-c", f'"{sys.executable}" -m drafter check --format json <(cat "{report}")'],
                          capture_output=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr.decode()
    assert json.loads(done.stdout)["summary"]["files"] == 1
