"""Ignores that last (issue 12): F9 writes to drafter.yaml, survives closing the editor, is
honoured by ``drafter check``; shift+F9 lists what is ignored and restores it."""

from __future__ import annotations

import json

from drafter.cli import main
from drafter_tui import make_app

from .tui_helpers import SIZE, settle


async def test_an_ignore_made_with_f9_survives_closing_and_is_honoured_by_check(gapped, capsys):
    project = gapped.parent / "drafter.yaml"
    project.write_text("# the team's settings\ndate: 2020-07-10\n", encoding="utf-8")
    app = make_app(str(gapped))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = len(app.diagnostics)
        await pilot.press("f8")
        target = app.diagnostics[app._current]
        await pilot.press("f9")
        await settle(pilot)
        assert len(app.diagnostics) == before - 1
        assert target.fingerprint not in {d.fingerprint for d in app.diagnostics}
    written = project.read_text(encoding="utf-8")
    assert written.startswith("# the team's settings\n")  # the writer's comment survives
    assert target.fingerprint in written and "file: gapped.txt" in written

    # drafter check honours it
    assert main(["check", str(gapped), "--format", "json", "--fail-on", "never"]) == 0
    checked = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    assert len(checked) == before - 1
    assert target.fingerprint not in {d["fingerprint"] for d in checked}

    # a new session still hides it, lists it with shift+F9, and Enter restores it
    app = make_app(str(gapped))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.diagnostics) == before - 1
        await pilot.press("shift+f9")
        await pilot.pause()
        rows = app.ignored_rows()
        assert [(row.code, row.line) for row, _ in rows] == [(target.code, target.span.line)]
        assert "drafter.yaml 第" in rows[0][0].where
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.diagnostics) == before
        assert target.fingerprint in {d.fingerprint for d in app.diagnostics}
    assert target.fingerprint not in project.read_text(encoding="utf-8")


async def test_an_inline_marker_is_listed_and_restoring_removes_it(seed_copy):
    lines = seed_copy.read_text(encoding="utf-8").split("\n")
    lines[9] += "【注：忽略 typo.word】"   # line 10: 舒华 and 液气产业
    seed_copy.write_text("\n".join(lines), encoding="utf-8")
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not [d for d in app.diagnostics if d.code == "typo.word" and d.span.line == 10]
        rows = app.ignored_rows()
        assert sorted(row.code for row, _ in rows) == ["typo.word", "typo.word"]
        assert all(row.where == "正文第 10 行的标记" for row, _ in rows)
        app.restore_ignored(rows[0][1])
        await settle(pilot)
        assert "【注：忽略" not in app.editor.text
        assert len([d for d in app.diagnostics if d.code == "typo.word" and d.span.line == 10]) == 2
        await pilot.press("ctrl+z")  # one undo step brings the marker back
        assert "【注：忽略 typo.word】" in app.editor.text


async def test_f9_in_a_document_not_yet_saved_ignores_for_the_session_only(tmp_path):
    path = tmp_path / "new-report.txt"
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = len(app.diagnostics)
        assert before  # the template's placeholders
        app.jump_to(0)
        target = app.diagnostics[0]
        await pilot.press("f9")
        await settle(pilot)
        # every problem with the same code, text and words goes (the template's “……” are alike)
        hidden = before - len(app.diagnostics)
        assert hidden >= 1 and target.message not in {d.message for d in app.diagnostics}
        assert [row.where for row, _ in app.ignored_rows()] == ["仅本次"] * hidden
    assert not (tmp_path / "drafter.yaml").exists()
