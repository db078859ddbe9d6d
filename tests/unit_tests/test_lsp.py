"""`drafter lsp` in a real client session (issue 12): the server is spawned and spoken to in
JSON-RPC over its pipes — diagnostics on open and change, a fix applied through a code action,
hover with the rule's explanation, the outline as document symbols."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.api import check_path

from lsp_client import LspClient

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "propaganda-dept-2020-h1-report.txt"


@pytest.fixture
def session(tmp_path):
    shutil.copy(SEED, tmp_path / "report.txt")
    shutil.copy(ROOT / "samples" / "drafter.yaml", tmp_path / "drafter.yaml")
    client = LspClient(cwd=str(tmp_path))
    init = client.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(),
                                         "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}}})
    client.notify("initialized", {})
    yield client, init, tmp_path
    assert client.close() == 0


def _apply(text: str, edits: list[dict]) -> str:
    """Apply LSP text edits (UTF-16 positions, as the client declared by default) to ``text``."""
    lines = text.split("\n")

    def offset(position: dict) -> int:
        line = lines[position["line"]]
        units, index = 0, 0
        while units < position["character"]:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return sum(len(l) + 1 for l in lines[:position["line"]]) + index

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def test_the_session_gets_the_samples_diagnostics_and_applies_a_fix(session):
    client, init, folder = session
    caps = init["capabilities"]
    assert caps["codeActionProvider"] and caps["hoverProvider"] and caps["documentSymbolProvider"]
    path = folder / "report.txt"
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                            "text": text}})
    diagnostics = client.diagnostics(uri, version=1)
    expected = check_path(path).diagnostics  # the same engine and project file as drafter check
    assert [(d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1) for d in diagnostics] \
        == [(d.code, d.span.line, d.span.column) for d in expected]
    assert all(d["source"] == "drafter" and d["data"]["fingerprint"] for d in diagnostics)

    typo = next(d for d in diagnostics if d["code"] == "typo.word" and "宣作" in d["message"])
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": typo["range"],
                                                         "context": {"diagnostics": [typo]}})
    fix = next(a for a in actions if a["title"] == "修复：改为“宣传”")
    assert fix["kind"] == "quickfix" and fix["isPreferred"] is True
    fixed = _apply(text, fix["edit"]["changes"][uri])
    assert "公益广告宣传" in fixed and "宣作" not in fixed
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": fixed}]})
    after = client.diagnostics(uri, version=2)
    assert len(after) == len(diagnostics) - 1
    assert not [d for d in after if "宣作" in d["message"]]


def test_hover_explains_the_rule_and_symbols_are_the_recognised_outline(session):
    client, _, folder = session
    path = folder / "report.txt"
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                            "text": path.read_text(encoding="utf-8")}})
    diagnostics = client.diagnostics(uri)
    figure = next(d for d in diagnostics if d["code"] == "placeholder.figure")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": figure["range"]["start"]})
    assert hover["contents"]["kind"] == "markdown"
    assert "**placeholder.figure**" in hover["contents"]["value"] and "数字未填写" in hover["contents"]["value"]
    nothing = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    assert nothing is None
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert [(s["name"], s["range"]["start"]["line"] + 1) for s in symbols] == [("上半年工作总结", 5), ("下半年工作安排", 11)]
    assert [c["name"] for c in symbols[0]["children"]] == ["理论武装", "意识形态", "新闻舆论", "精神文明", "文化文艺"]
    assert symbols[0]["children"][2]["selectionRange"]["start"]["line"] + 1 == 8


def test_rapid_changes_are_checked_once_for_the_last_text_with_utf16_positions(session):
    client, _, folder = session
    path = folder / "report.txt"
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                            "text": text}})
    first = client.diagnostics(uri, version=1)
    lines = text.split("\n")
    for version in range(2, 6):  # a burst of edits: only the last version is published
        lines[7] = "𠮷" + lines[7]  # an astral character (two UTF-16 units) before 战役做后一公里
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": "\n".join(lines)}]})
    last = client.diagnostics(uri, version=5)
    assert not [m for m in client.seen if m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("version") in (2, 3, 4)]
    old = next(d for d in first if d["code"] == "typo.word" and d["range"]["start"]["line"] == 7)
    new = next(d for d in last if d["code"] == "typo.word" and d["range"]["start"]["line"] == 7)
    assert new["range"]["start"]["character"] == old["range"]["start"]["character"] + 8  # 4 × 2 units


def test_drafter_check_does_not_import_pygls():
    code = ("import sys; from drafter.cli import main; main(['check', '--format', 'json', sys.argv[1]]); "
            "assert 'pygls' not in sys.modules and 'lsprotocol' not in sys.modules, 'pygls imported'")
    done = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_checklist_problem_is_one_message_and_the_draft_is_still_checked(tmp_path):
    shutil.copy(SEED, tmp_path / "report.txt")
    (tmp_path / "bad.yaml").write_text(
        "version: 1\nname: bad\nsource: s\nentries:\n  - id: xuan-zuo\n    type: substitution\n"
        "    code: typo.word\n    severity: warning\n    wrong: 宣作\n    right: 宣传\n"
        "    examples:\n      - bad: 推进公益广告宣传\n", encoding="utf-8")
    (tmp_path / "drafter.yaml").write_text("date: 2020-07-10\nchecklists: [bad.yaml]\n", encoding="utf-8")
    client = LspClient(cwd=str(tmp_path))
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        uri = (tmp_path / "report.txt").as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                                "text": (tmp_path / "report.txt").read_text(encoding="utf-8")}})
        diagnostics = client.diagnostics(uri)
        # the draft is checked with everything but the broken entry (which would only find 宣作 again)
        assert len(diagnostics) == len(check_path(tmp_path / "report.txt").diagnostics)
        assert [d for d in diagnostics if "宣作" in d["message"]]
        message = client.wait_for(lambda m: m.get("method") == "window/showMessage")
        assert "bad.yaml:12" in message["params"]["message"] and "xuan-zuo" in message["params"]["message"]
    finally:
        assert client.close() == 0


def test_positions_count_only_lsp_line_ends_and_client_units(session):
    """A line separator (U+2028) or form feed is not a line end for LSP or the engine, though
    ``str.splitlines`` splits there; an astral character is two UTF-16 units."""
    client, _, folder = session
    path = folder / "report.txt"
    uri = path.as_uri()
    lines = path.read_text(encoding="utf-8").split("\n")
    target = next(i for i, line in enumerate(lines) if "战役做后一公里" in line)
    lines[target] = "\u2028𠮷\x0c" + lines[target]
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                            "text": "\n".join(lines)}})
    found = next(d for d in client.diagnostics(uri) if d["code"] == "typo.word" and "战役做后一公里" in d["message"])
    assert found["range"]["start"]["line"] == target
    prefix = lines[target][:lines[target].index("战役做后一公里")]
    assert found["range"]["start"]["character"] == len(prefix.encode("utf-16-le")) // 2


def test_an_edit_is_checked_incrementally_with_the_same_findings_as_a_fresh_check(session):
    client, _, folder = session
    path = folder / "report.txt"
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1,
                                                            "text": text}})
    client.diagnostics(uri, version=1)
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if "理论武装" in line) + 1
    insert = "各级要贯切落实部暑要求，开展宣讲X场次。"
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": target, "character": 0}, "end": {"line": target, "character": 0}},
         "text": insert}]})
    edited = client.diagnostics(uri, version=2)
    lines[target] = insert + lines[target]
    fresh_path = folder / "fresh.txt"
    fresh_path.write_text("\n".join(lines), encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": fresh_path.as_uri(), "languageId": "text",
                                                            "version": 1, "text": "\n".join(lines)}})
    fresh = client.diagnostics(fresh_path.as_uri(), version=1)

    def shown(diagnostics):
        return sorted((d["code"], d["message"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                       d["range"]["end"]["character"]) for d in diagnostics)
    assert shown(edited) == shown(fresh)
    assert any(d["range"]["start"]["line"] == target and d["code"] == "placeholder.figure" for d in edited)


def test_client_units_count_as_pygls_does():
    from pygls.workspace import PositionCodec
    from lsprotocol.types import PositionEncodingKind

    from drafter.lsp.server import client_units

    for encoding in (PositionEncodingKind.Utf16, PositionEncodingKind.Utf8, PositionEncodingKind.Utf32):
        codec = PositionCodec(encoding)
        for chars in ("", "abc", "宣传部", "𠮷a宣", "“XX有礼”𠀀\u2028"):
            assert client_units(codec, chars) == codec.impl.num_units(chars), (encoding, chars)
