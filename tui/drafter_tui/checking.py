"""Checking the buffer: debounced after typing, run in a thread, the result put on screen.

The editor never waits for the engine: each change restarts a short pause; when typing stops the
buffer is checked with :func:`drafter.api.check_text` in a worker thread, and the result (with the
editor's marks, the problem list's rows and the counts, built in the thread too) is applied in
one go. The check is incremental: the previous result lends the findings of the lines the edit
left alone (:mod:`drafter.incremental`), so a keystroke in a 2.7 MB draft re-checks one line
and the document-wide checks. Applying a result touches only what changed on screen.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
from dataclasses import dataclass

from textual import work

from drafter.api import AnalysisCancelled, CheckResult, check_text
from drafter.diagnostics import Diagnostic
from drafter.incremental import warm_up

from .preview import preview_content
from .widgets.diagnostics_panel import build_options
from .widgets.editor import marks_by_line

#: Seconds of quiet after the last keystroke before the document is checked again (the check
#: is incremental: a few hundred ms on a 2.7 MB draft, a few ms on a usual one).
CHECK_DELAY = 0.15
#: How long (seconds) the check thread may hold the GIL while the UI thread waits for it.
#: Python's 5 ms default makes every keystroke that arrives during a long check wait 5 ms at
#: each of the several points where the event loop gives the GIL up and takes it back.
SWITCH_INTERVAL = 0.001
#: Seconds without a new key or result after which the garbage of replaced results is collected.
IDLE_COLLECT_DELAY = 2.0


def ignore_key(d: Diagnostic) -> tuple[str, str, str]:
    """What identifies an ignored diagnostic: code, text and message. The engine's
    ``CheckOptions.ignored`` uses (code, text), which for a placeholder “X” would hide every
    placeholder; the message quotes the words around it, so one ignore hides one problem
    (and its repeats with the same words)."""
    return d.code, d.text, d.message


@dataclass(frozen=True)
class Summary:
    """What the check thread counts for the screen: by severity, by outline area, and whether
    the editor's marks are the ones already shown."""

    counts: dict[str, int]
    by_section: dict
    same_marks: bool


class CheckingMixin:
    """The app's checking worker (mixed into :class:`~drafter_tui.app.DrafterApp`)."""

    def schedule_check(self, delay: float | None = None) -> None:
        """(Re)start the debounced check; an earlier pending check is cancelled."""
        self.status.checking = True
        self.run_check(self.check_delay if delay is None else delay)

    @work(exclusive=True, group="check")
    async def run_check(self, delay: float) -> None:
        """Wait for typing to pause, then check the buffer in a thread."""
        if delay:
            await asyncio.sleep(delay)
        version = self.version
        # The lines as they are now (a copy of the list, not a 2.7 MB join on the UI thread).
        document = self.editor.document
        lines, newline = list(document.lines), document.newline
        source, options, ignored = self.source, self.options, frozenset(self.ignored)
        want_preview = self.preview_panel.display
        previous, shown_marks = self.result, self.editor.marks
        # Set when this worker is cancelled by a newer keystroke: the thread, which asyncio cannot
        # stop, then stops at the engine's next check instead of finishing a stale result.
        stale = threading.Event()

        def check():
            # No garbage collection while the result is built and laid out for the screen: a
            # collection would walk the whole new result (60–120 ms at 2.7 MB) to free nothing.
            # Frozen before the collector is back on: else the first allocation after it, maybe
            # a keystroke's on the UI thread, would start a full collection over everything the
            # check built. The app collects once typing and checking are idle.
            enabled = gc.isenabled()
            gc.disable()
            try:
                return build()
            finally:
                gc.freeze()
                if enabled:
                    gc.enable()

        def build():
            text = newline.join(lines)
            result = check_text(text, path=source.path, options=options, like=source,
                                previous=previous, incremental=True, cancelled=stale.is_set)
            session = []
            if ignored:  # ignores of a document not yet on disk, kept for this session only
                session = [d for d in result.diagnostics if ignore_key(d) in ignored]
                result.diagnostics = [d for d in result.diagnostics if ignore_key(d) not in ignored]
            preview = preview_content(text, result) if want_preview else None
            marks = marks_by_line(result.diagnostics)
            summary = Summary(result.counts(), result.counts_by_section(), marks == shown_marks)
            return text, result, marks, build_options(result), preview, session, summary

        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            text, result, marks, options, preview, session, summary = await asyncio.to_thread(check)
        except asyncio.CancelledError:
            stale.set()
            raise
        except AnalysisCancelled:
            return
        self.session_ignored = session
        if version == self.version and self.modified and not self.is_new and text == self.source.text:
            # Undone back to the text as loaded or saved: nothing to save (compared here, after
            # the pause in typing, not per keystroke).
            self.modified = self.status.modified = False
            self.recovery.remove()  # else the next start offers the undone edits back
        self.apply_result(result, marks, version, options, preview, summary=summary)
        if not getattr(self, "_warmed", False):
            self._warmed = True
            self.warm_up_checking()

    @work(thread=True, group="warm-up")
    def warm_up_checking(self) -> None:
        """Load what checking an edit needs (the typo detector's statistics) while the writer
        reads the first result, not when the first keystroke is checked."""
        warm_up(self.options)

    def apply_result(self, result: CheckResult, marks: dict, version: int, options=None, preview=None,
                     summary: Summary | None = None) -> None:
        """Show a check's result in the outline, the editor, the diagnostics and the status;
        ``summary`` (counted in the check thread) spares the UI thread a walk over the
        diagnostics, and each panel redraws only what changed."""
        self.result, self.result_version = result, version
        self.status.checking = version != self.version
        if summary is None or not summary.same_marks:
            self.editor.set_marks(marks)
        if result.outline.name != self.outline.name:
            # The engine chose another outline for this report (its title names 统战部…).
            self.outline = result.outline
            self.outline_panel.set_outline(result.outline)
        self.outline_panel.show_result(result, summary.by_section if summary is not None else None)
        self.diagnostics_panel.show_result(result, options)
        self.status.counts = summary.counts if summary is not None else result.counts()
        if preview is not None and self.preview_panel.display:
            self.preview_panel.show(preview)
        self.refresh_status()
        self._freeze_garbage_collection()

    def _freeze_garbage_collection(self) -> None:
        """Keep the collector off the result just shown: a full collection walks every object
        (60–170 ms with a 2.7 MB document's result), and it would run on the UI thread at the
        next allocation, between two keystrokes. Frozen objects are never walked; what the
        replaced result leaves behind (its divisions link to their parents) is collected once
        typing and checking have been idle for a while."""
        gc.freeze()
        version = self.version
        self.set_timer(IDLE_COLLECT_DELAY, lambda: self._collect_when_idle(version))

    def _collect_when_idle(self, version: int) -> None:
        if version != self.version or self.result_version != version:
            return  # typed since (or a newer result came): a later timer does it
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    @property
    def fresh(self) -> bool:
        """Whether the latest result describes the buffer as it is now."""
        return self.result is not None and self.result_version == self.version
