"""Pilot tests of the document's life (drafter_tui.document): saving in the file's own encoding, failed
saves, files changed on disk, reloading, templates for missing files, recovery after a crash."""

from __future__ import annotations

import errno
import os

from drafter.files.recovery import read_recovery, recovery_path, write_recovery
from drafter_tui import make_app
from drafter_tui.screens.choice import ChoiceScreen
from .tui_helpers import SEED, SIZE, settle


async def test_saving_keeps_gb18030_and_crlf(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.source.encoding == "gb18030" and app.source.newline == "\r\n"
        await pilot.press(*"新增")  # typed at the start of the title
        await pilot.press("f2")
        await settle(pilot)
        assert not app.modified
    data = path.read_bytes()
    assert data == ("新增" + text).replace("\n", "\r\n").encode("gb18030")


async def test_saving_utf8_with_bom_keeps_the_bom(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
    assert path.read_bytes() == b"\xef\xbb\xbf" + ("x" + text).encode("utf-8")


async def test_a_failed_save_keeps_the_buffer_and_the_original(seed_copy, monkeypatch):
    original = seed_copy.read_bytes()
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"草稿")

        def full_disk(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full_disk)  # the disk fills up while the temp file is written
        await pilot.press("f2")
        await settle(pilot)
        monkeypatch.undo()
        assert app.modified
        assert app.editor.text.startswith("草稿市委宣传部")
        assert any("磁盘空间不足" in n.message for n in app._notifications)
    assert seed_copy.read_bytes() == original
    assert [p.name for p in seed_copy.parent.iterdir() if p.name.endswith(".tmp")] == []


async def test_a_save_into_a_missing_folder_fails_and_says_why(tmp_path):
    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ok = await app.save(str(tmp_path / "no-such-folder" / "r.txt"))
        assert not ok
        await pilot.pause()
        assert any("文件夹不存在" in n.message for n in app._notifications)


async def test_saving_a_file_changed_on_disk_asks_first(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"我的")
        seed_copy.write_text("别人改过的内容\n", encoding="utf-8")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "已被其他程序修改" in app.screen.question
        await pilot.click("#choice-cancel")
        await settle(pilot)
        assert seed_copy.read_text(encoding="utf-8") == "别人改过的内容\n"
        assert app.modified
        await pilot.press("f2")
        await pilot.pause()
        await pilot.click("#choice-overwrite")
        await settle(pilot)
    assert seed_copy.read_text(encoding="utf-8").startswith("我的市委宣传部")


async def test_a_file_changed_on_disk_can_be_reloaded(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"我的")
        seed_copy.write_text("别人改过的内容\n", encoding="utf-8")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.click("#choice-reload")
        await settle(pilot)
        assert app.editor.text == "别人改过的内容\n"
        assert not app.modified


async def test_unencodable_characters_are_never_dropped(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("report\n".encode("ascii"))
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from dataclasses import replace

        app.source = replace(app.source, encoding="ascii")  # a file in an encoding without Chinese
        await pilot.press(*"报告")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and "UTF-8" in app.screen.question
        await pilot.click("#choice-utf8")
        await settle(pilot)
    assert path.read_bytes().decode("utf-8") == "报告report\n"


async def test_a_missing_file_starts_from_the_template(tmp_path):
    path = tmp_path / "new-report.txt"
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.modified
        assert "一、上半年工作总结" in app.editor.text
        assert all(app.outline_panel.present.values())
        await pilot.press("f2")
        await settle(pilot)
    assert path.read_text(encoding="utf-8").startswith(app.outline.title)


def _own_recovery(app):
    """The text in this editor's own recovery file, or None."""
    import json

    try:
        return json.loads(app.recovery.file.read_text(encoding="utf-8"))["text"]
    except OSError:
        return None


async def test_unsaved_edits_are_written_to_the_recovery_file(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"恢复")
        await pilot.pause(0.6)
        found = _own_recovery(app)
        assert found is not None and found.startswith("恢复市委宣传部")
        await pilot.press("f2")
        await settle(pilot)
        assert _own_recovery(app) is None and read_recovery(seed_copy) is None


async def test_the_first_change_is_written_within_a_second_while_typing_goes_on(seed_copy):
    """Issue 15: recovery was a fixed 3-second tick from start-up. Now the first change is on
    disk no later than RECOVERY_MAX_WAIT even while keys keep coming, and again after more."""
    from drafter_tui.document import RECOVERY_MAX_WAIT

    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("甲")
        for _ in range(12):  # keep typing, a key every 0.1 s: the idle pause never comes
            await pilot.pause(0.1)
            await pilot.press("乙")
        written = _own_recovery(app)
        assert written is not None and written.startswith("甲乙"), written and written[:10]
        assert RECOVERY_MAX_WAIT <= 1.0
        await pilot.press(*"丙丁")
        await pilot.pause(app.recovery_delay + 0.4)
        assert _own_recovery(app).startswith("甲" + "乙" * 12 + "丙丁")


async def test_a_recovery_is_offered_with_its_difference_and_removed_once_resolved(seed_copy):
    recovered = "恢复的" + seed_copy.read_text(encoding="utf-8")
    write_recovery(seed_copy, recovered)
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, ChoiceScreen)
        assert "+恢复的市委宣传部" in app.screen.detail
        await pilot.click("#choice-restore")
        await settle(pilot)
        assert app.editor.text == recovered
        assert app.modified
        assert not recovery_path(seed_copy).exists()
        assert _own_recovery(app) == recovered  # this editor's own, at once


async def test_a_discarded_recovery_is_removed(seed_copy):
    write_recovery(seed_copy, "另一个版本\n")
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.click("#choice-discard")
        await settle(pilot)
        assert app.editor.text == seed_copy.read_text(encoding="utf-8")
        assert not recovery_path(seed_copy).exists()


async def test_saving_a_docx_never_overwrites_it_and_save_as_offers_txt(tmp_path):
    from drafter.cli import main
    from drafter_tui.widgets.status_bar import status_text

    docx = tmp_path / "报告.docx"
    assert main(["render", str(SEED), "-o", str(docx), "--force"]) == 0
    original = docx.read_bytes()
    app = make_app(str(docx))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "[只读]" in status_text(app.status).plain
        await pilot.press(*"新增", "f2")
        await settle(pilot)
        assert docx.read_bytes() == original  # was: UTF-8 text written over the Word file
        assert app.modified and app.editor.text.startswith("新增市委宣传部")
        assert any(".docx" in n.message for n in app._notifications)
        await pilot.press("f14")
        await pilot.pause()
        assert app.screen.query_one("Input").value == str(tmp_path / "报告.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert not app.modified and app.source.path == str(tmp_path / "报告.txt")
        assert "[只读]" not in status_text(app.status).plain
    assert docx.read_bytes() == original
    assert (tmp_path / "报告.txt").read_text(encoding="utf-8").startswith("新增市委宣传部")


async def test_undoing_back_to_the_saved_text_clears_the_modified_mark(seed_copy):
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert app.modified and app.status.modified
        await app.write_recovery_now()
        assert _own_recovery(app) is not None
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.editor.text == seed_copy.read_text(encoding="utf-8")
        assert not app.modified and not app.status.modified  # was still [已修改]
        assert _own_recovery(app) is None  # no stale recovery offered next time
        await pilot.press("ctrl+q")  # nothing to save: quits without asking
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)


async def test_opening_a_missing_docx_does_not_start_a_text_draft_named_docx(tmp_path):
    from drafter_tui.screens.prompt import PromptScreen

    app = make_app(str(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one("Input").value = str(tmp_path / "新稿.docx")
        await pilot.press("enter")
        await settle(pilot)
        assert app.source.path == str(SEED)  # still the seed, not an unsavable template
        assert any("drafter render" in n.message for n in app._notifications)


# ---------------------------------------------------------------- issue 15: two editors, protected files

async def test_a_second_editor_warns_and_leaves_the_first_ones_recovery_alone(seed_copy):
    """The first editor (another process in life; a held session here) has unsaved text in its
    recovery file. The second editor used to offer it, then delete it on discard or save."""
    from drafter.files.recovery import RecoverySession

    first = RecoverySession(seed_copy).open()
    first.write("第一个编辑器未保存的修改\n")
    try:
        app = make_app(str(seed_copy))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.pause(0.3)
            assert not isinstance(app.screen, ChoiceScreen)  # nothing of the first one's offered
            assert any("已在另一个 drafter 中打开" in n.message for n in app._notifications)
            await pilot.press(*"第二", "f2")
            await settle(pilot)
            assert not app.modified
        assert first.file.exists()
    finally:
        first.close()
    assert read_recovery(seed_copy).text == "第一个编辑器未保存的修改\n"


async def test_saving_a_read_only_file_asks_first_and_keeps_it_read_only(seed_copy):
    original = seed_copy.read_bytes()
    os.chmod(seed_copy, 0o444)
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"改动", "f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and "只读" in app.screen.question
        await pilot.click("#choice-cancel")
        await settle(pilot)
        assert seed_copy.read_bytes() == original and app.modified
        await pilot.press("f2")
        await pilot.pause()
        await pilot.click("#choice-overwrite")
        await settle(pilot)
        assert not app.modified
    assert seed_copy.read_text(encoding="utf-8").startswith("改动市委宣传部")
    assert os.stat(seed_copy).st_mode & 0o777 == 0o444


async def test_save_as_onto_an_existing_file_asks_first(seed_copy, tmp_path):
    other = tmp_path / "别人的报告.txt"
    other.write_text("别人的内容\n", encoding="utf-8")
    app = make_app(str(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        saving = app.run_worker(app.save(str(other)))
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and "已存在" in app.screen.question
        await pilot.click("#choice-cancel")
        await settle(pilot)
        assert saving.result is False
        assert other.read_text(encoding="utf-8") == "别人的内容\n" and app.source.path == str(seed_copy)
        saving = app.run_worker(app.save(str(other)))
        await pilot.pause()
        await pilot.click("#choice-overwrite")
        await settle(pilot)
        assert saving.result is True and app.source.path == str(other)
    assert other.read_text(encoding="utf-8").startswith("x市委宣传部")
