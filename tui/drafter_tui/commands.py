"""The command palette provider: every app action, plus “go to” and “insert” for each area."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .keys import ACTIONS


class DrafterCommands(Provider):
    """Commands for drafter's actions and the outline's sections."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        out: list[tuple[str, str, object]] = []
        for a in ACTIONS:
            out.append((a.label, f"按键 {a.shown}", partial(app.run_action, a.action)))
        outline_panel = getattr(app, "outline_panel", None)
        if outline_panel is not None:
            result = getattr(app, "result", None)
            half = result.report.period if result is not None else None
            for part in app.outline.parts:  # type: ignore[attr-defined]
                title = part.title_for(half)
                out.append((f"转到：{title}", "移动到该部分",
                            partial(app.go_to_section, part.id, None)))  # type: ignore[attr-defined]
                for section in part.sections:
                    out.append((f"转到：{title} › {section.title}", "移动到该方面",
                                partial(app.go_to_section, part.id, section.id)))  # type: ignore[attr-defined]
                    if outline_panel.present.get((part.id, section.id)) is False:
                        out.append((f"插入缺失的方面：{title} › {section.title}", "按提纲插入标题骨架",
                                    partial(app.insert_section, part.id, section.id)))  # type: ignore[attr-defined]
        return out

    async def discover(self) -> Hits:
        """All commands, when the palette opens with no query."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching ``query``."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
