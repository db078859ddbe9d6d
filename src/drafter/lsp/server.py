"""The language server (``drafter lsp``, stdio, pygls): drafter's findings in any LSP editor.

- **Diagnostics** on open and on change (debounced :data:`DEBOUNCE` seconds after the last
  change, the engine run in a thread), from the same engine and project file (``drafter.yaml``
  above the document) as ``drafter check``; ignores in the project file and inline markers are
  honoured the same way. After an edit the check is incremental (the paragraph-local checks'
  findings on untouched lines are reused, :mod:`drafter.incremental`), and a check the user has
  typed over stops at its next check instead of running to the end.
- **Code actions**: each finding's fix (a quick fix; safe fixes are preferred) and an inline
  ignore marker for its line (``【注：忽略 code】``, which the renderer strips).
- **Hover** over a finding: its message and the rule's explanation (:mod:`drafter.review.ruledocs`).
- **Document symbols**: the recognised outline — each part found, with the areas found under it.

Positions: the engine counts code points; the client's units (UTF-16 by default) are converted by
the client's position encoding (UTF-16 by default) over the checked text's lines, split once per
check (pygls's ``TextDocument.lines`` splits the whole document on every call and its codec counts
character by character, which made publishing the findings of a 2.7 MB report take a minute), so an
astral character before a finding does not shift it. Checklist
problems (entries left out) are shown once as a message, apart from the report's findings.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import PositionCodec, ServerTextPosition
from pygls.workspace.position_codec import Utf8, Utf16

from ..api import AnalysisCancelled, CheckResult, check_text
from ..diagnostics import Diagnostic, Severity
from ..errors import DrafterError
from ..options import CheckOptions
from ..review.ruledocs import rule_help

#: Seconds of quiet after the last change before the document is checked again.
DEBOUNCE = 0.15  # the same as the editor's: a check the user types over stops early, so a short wait costs little
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}


@dataclass
class Checked:
    """The latest check of one open document: the text it was run on, its result and the position
    codec of the client's units."""

    version: int | None
    text: str
    result: CheckResult
    codec: PositionCodec
    _lines: tuple[str, ...] | None = field(default=None, repr=False)

    @property
    def lines(self) -> tuple[str, ...]:
        """The checked text's lines with their ends, as LSP counts them: the engine has already
        made every CRLF and CR a LF, and unlike ``str.splitlines`` nothing else ends a line."""
        if self._lines is None:
            parts = self.result.report.text.split("\n")
            self._lines = (*(part + "\n" for part in parts[:-1]), parts[-1])
        return self._lines


def client_units(codec: PositionCodec, chars: str) -> int:
    """How many of the client's code units ``chars`` takes: what ``codec.impl.num_units`` says,
    by encoding instead of pygls's loop over characters (≈ 0.3 ms a line: a minute for the 7,000
    findings of a 2.7 MB report)."""
    if chars.isascii():
        return len(chars)
    if isinstance(codec.impl, Utf16):
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2
    if isinstance(codec.impl, Utf8):
        return len(chars.encode("utf-8", "surrogatepass"))
    return codec.impl.num_units(chars)


def path_of(uri: str) -> str:
    """The file system path of a ``file:`` URI (other schemes: the URI itself)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


class DrafterServer(LanguageServer):
    """pygls server holding the latest check of each open document."""

    def __init__(self, options: CheckOptions | None = None, debounce: float = DEBOUNCE) -> None:
        from ..version import __version__

        super().__init__("drafter", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = options or CheckOptions()
        self.debounce = debounce
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task] = {}
        self._problems_shown: set[str] = set()

    # ------------------------------------------------------------------ checking
    def _check(self, uri: str, version: int | None, text: str) -> CheckResult:
        path = path_of(uri)
        fmt = "md" if path.lower().endswith((".md", ".markdown")) else "txt"
        before = self.checked.get(uri)

        def typed_over() -> bool:
            return self.workspace.get_text_document(uri).version != version

        return check_text(text, path=path, fmt=fmt, options=self.options,
                          previous=before.result if before is not None else None, incremental=True,
                          cancelled=typed_over)

    async def check_now(self, uri: str) -> None:
        """Check the open document ``uri`` in a thread and publish its diagnostics."""
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        try:
            result = await asyncio.to_thread(self._check, uri, version, text)
        except AnalysisCancelled:
            return  # typed over while checking; the next check publishes
        except DrafterError as exc:  # a malformed project file or outline: one message, no crash
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"drafter: {exc}"))
            return
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # typed over while checking; the next check publishes
        checked = self.checked[uri] = Checked(version, text, result, document.position_codec)
        self._show_problems(result)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[self.to_lsp(checked, d) for d in result.diagnostics]))

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the debounced check of ``uri``."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            await self.check_now(uri)

        self._pending[uri] = asyncio.get_running_loop().create_task(later())

    def _show_problems(self, result: CheckResult) -> None:
        for problem in result.config_problems:
            key = str(problem)
            if key not in self._problems_shown:
                self._problems_shown.add(key)
                self.window_show_message(types.ShowMessageParams(types.MessageType.Warning,
                                                                 f"drafter 检查清单问题：{problem}"))

    # --------------------------------------------------------------- positions
    def position(self, checked: Checked, offset: int) -> types.Position:
        """An engine offset of the checked text as a client position."""
        line, column = checked.result.report.index.position(offset)
        if line > len(checked.lines):
            return checked.codec.position_to_client_units(checked.lines, ServerTextPosition(line - 1, column - 1))
        return types.Position(line=line - 1, character=client_units(checked.codec,
                                                                     checked.lines[line - 1][:column - 1]))

    def range(self, checked: Checked, start: int, end: int) -> types.Range:
        """Engine offsets ``[start, end)`` of the checked text as a client range."""
        return types.Range(self.position(checked, start), self.position(checked, end))

    def offset(self, checked: Checked, position: types.Position) -> int:
        """A client position as an engine offset of the checked text."""
        server = checked.codec.position_from_client_units(checked.lines, position)
        index = checked.result.report.index
        line = min(server.line + 1, index.line_count)
        return index.offset(line, 1) + server.character

    def to_lsp(self, checked: Checked, d: Diagnostic) -> types.Diagnostic:
        """A finding as an LSP diagnostic (its fingerprint in ``data``)."""
        message = d.message + (f"（建议：{d.suggestion or '删除'}）" if d.suggestion is not None else "")
        return types.Diagnostic(range=self.range(checked, d.span.start, d.span.end), message=message,
                                severity=_SEVERITY[d.severity], code=d.code, source="drafter",
                                data={"fingerprint": d.fingerprint})

    # ----------------------------------------------------------------- features
    def code_actions(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        """Quick fixes and ignore markers for the findings that touch ``wanted``."""
        checked = self.checked.get(uri)
        if checked is None:
            return []
        document = self.workspace.get_text_document(uri)
        if document.source != checked.text:
            return []  # edits computed on older text would land in the wrong place
        result = checked.result
        lo, hi = self.offset(checked, wanted.start), self.offset(checked, wanted.end)
        actions = []
        for d in result.diagnostics:
            if d.span.end < lo or d.span.start > hi:
                continue
            lsp_diagnostic = self.to_lsp(checked, d)
            if d.fix is not None and d.fix.edits:
                edits = [types.TextEdit(self.range(checked, e.start, e.end), e.replacement)
                         for e in d.fix.edits]
                title = (f"修复：改为“{d.suggestion}”" if d.suggestion else "修复：删除" if d.suggestion == ""
                         else "修复") + ("" if d.fix.safe else "（需确认）")
                actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                                diagnostics=[lsp_diagnostic], is_preferred=d.fix.safe,
                                                edit=types.WorkspaceEdit(changes={uri: edits})))
            line_end = result.report.text.find("\n", d.span.end)
            line_end = len(result.report.text) if line_end == -1 else line_end
            marker = f"【注：忽略 {d.code}】"
            actions.append(types.CodeAction(
                title=f"在本行加忽略标记 {marker}", kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                    self.range(checked, line_end, line_end), marker)]})))
        return actions

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        """The findings under ``position`` with their rules' explanations."""
        checked = self.checked.get(uri)
        if checked is None:
            return None
        result = checked.result
        offset = self.offset(checked, position)
        found = [d for d in result.diagnostics if d.span.start <= offset < max(d.span.end, d.span.start + 1)]
        if not found:
            return None
        parts = []
        for d in found:
            help_ = rule_help(d.code, d.data)
            parts.append(f"{d.message}\n\n{help_.markdown}")
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                           range=self.range(checked, found[0].span.start, found[0].span.end))

    def symbols(self, uri: str) -> list[types.DocumentSymbol]:
        """The recognised outline: parts found, each with the areas found under it."""
        checked = self.checked.get(uri)
        if checked is None:
            return []
        result = checked.result
        half = result.report.period.half
        out = []
        for pm in result.match.parts:
            if not pm.found or pm.span is None:
                continue
            children = []
            for sm in pm.sections:
                unit = sm.unit
                if unit is None:
                    continue
                children.append(types.DocumentSymbol(
                    name=sm.section.title, detail=unit.heading[:40], kind=types.SymbolKind.Namespace,
                    range=self.range(checked, unit.span.start, max(unit.end, unit.span.end)),
                    selection_range=self.range(checked, unit.span.start, unit.span.end)))
            children.sort(key=lambda s: (s.range.start.line, s.range.start.character))
            start = pm.span.start
            out.append(types.DocumentSymbol(
                name=pm.part.title_for(half), detail=(pm.division.heading.full_text if pm.division else "")[:40],
                kind=types.SymbolKind.Module, range=self.range(checked, start, max(pm.end, pm.span.end)),
                selection_range=self.range(checked, pm.span.start, pm.span.end), children=children))
        return out


def make_server(options: CheckOptions | None = None, debounce: float = DEBOUNCE) -> DrafterServer:
    """The language server with its features registered."""
    server = DrafterServer(options, debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: DrafterServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: DrafterServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: DrafterServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)  # a saved drafter.yaml next to it may have changed too

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DrafterServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: DrafterServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params.text_document.uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DrafterServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: DrafterServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        return ls.symbols(params.text_document.uri)

    return server


def serve(options: CheckOptions | None = None) -> None:
    """Run the server on standard input and output until the client exits."""
    make_server(options).start_io()


