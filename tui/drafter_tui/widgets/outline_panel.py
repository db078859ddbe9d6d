"""The outline panel: parts → areas of the standard outline, each present or missing, with its
count of problems. Selecting a node asks the app to move the editor there."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree

from drafter.api import CheckResult
from drafter.outlines.definition import Outline

from ..messages import SectionChosen

NodeKey = tuple[str, "str | None"]


def node_label(title: str, present: bool | None, problems: int, optional: bool = False) -> Text:
    """“✓ 理论武装  2” / “✗ 理论武装 缺” / “— 港澳台侨” (optional, not written): status mark,
    title, count of problems."""
    label = Text()
    if present is None:
        label.append("… ", style="dim")
    elif present:
        label.append("✓ ", style="bold green")
    elif optional:
        label.append("— ", style="dim")
    else:
        label.append("✗ ", style="bold red")
    label.append(title, style="dim" if optional and present is False else "")
    if present is False and not optional:
        label.append(" 缺", style="bold red")
    if problems:
        label.append(f" {problems}", style="bold yellow")
    return label


class OutlinePanel(Tree[NodeKey]):
    """The standard outline as a tree; nodes are updated in place after every check."""

    BORDER_TITLE = "提纲"

    def __init__(self, outline: Outline, **kwargs) -> None:
        super().__init__(outline.title, **kwargs)
        self.outline = outline
        self.show_root = False
        self.guide_depth = 2
        #: Whether each node is present, after the last check (None before the first).
        self.present: dict[NodeKey, bool] = {}
        self._by_key = {}
        self._add_nodes(outline)

    def set_outline(self, outline: Outline) -> None:
        """Show another outline's parts and areas (the one the engine chose for the report)."""
        self.outline = outline
        self.present.clear()
        self._by_key = {}
        self.root.remove_children()
        self._add_nodes(outline)

    def _add_nodes(self, outline: Outline) -> None:
        for part in outline.parts:
            part_node = self.root.add(node_label(part.title, None, 0), data=(part.id, None), expand=True)
            self._by_key[(part.id, None)] = part_node
            for section in part.sections:
                self._by_key[(part.id, section.id)] = part_node.add_leaf(
                    node_label(section.title, None, 0), data=(part.id, section.id))

    def show_result(self, result: CheckResult, counts: dict | None = None) -> None:
        """Update every node's status and count from ``result`` (``counts``: its
        ``counts_by_section()``, when already counted); only nodes whose label changed are
        redrawn."""
        if counts is None:
            counts = result.counts_by_section()
        half = result.report.period   # its half and scope: 下半年工作总结, 全年工作总结…
        for pm in result.match.parts:
            key = (pm.part.id, None)
            self.present[key] = pm.found
            self._set_label(key, node_label(pm.part.title_for(half), pm.found, counts.get(key, 0),
                                            optional=not pm.required))
            for sm in pm.sections:
                key = (pm.part.id, sm.section.id)
                self.present[key] = sm.found
                self._set_label(key, node_label(sm.section.title, sm.found, counts.get(key, 0),
                                                optional=not sm.required or sm.elsewhere is not None))

    def _set_label(self, key: NodeKey, label: Text) -> None:
        node = self._by_key.get(key)
        if node is not None and node.label != label:
            node.set_label(label)

    def label_of(self, part: str, section: str | None = None) -> str:
        """The plain label of a node (for tests and the status bar)."""
        return self._by_key[(part, section)].label.plain

    def select_key(self, part: str, section: str | None) -> None:
        """Move the tree's cursor to a node without asking the editor to move."""
        node = self._by_key.get((part, section))
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        """Enter (or a click) on a node: ask the app to go there."""
        event.stop()
        if event.node.data is not None:
            part, section = event.node.data
            self.post_message(SectionChosen(part, section))
