"""The changed words of a fix, with a little context: what ``drafter check --diff`` shows.

Reports' paragraphs are 300–500 characters on one line, so a unified diff makes the reader hunt
for the two characters that changed. Here each change is one line::

    report.txt:8:78: …专栏“[-战役做后-]{+战疫最后+}一公里”，累计…

``[-…-]`` is what goes, ``{+…+}`` what comes (as ``git diff --word-diff=plain``); Chinese has no
spaces between words, so changes are found character by character (difflib), and neighbouring
changes closer than the context are shown together.
"""

from __future__ import annotations

import difflib

#: Characters of unchanged text shown on each side of a change.
CONTEXT = 10


def _line_changes(old: str, new: str, context: int) -> list[tuple[int, str]]:
    """(column, text) of each group of changes within one line."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    groups: list[list[tuple]] = []
    for op in ops:
        if groups and op[1] - groups[-1][-1][2] <= 2 * context:
            groups[-1].append(op)
        else:
            groups.append([op])
    out = []
    for group in groups:
        first, last = group[0], group[-1]
        lo = max(0, first[1] - context)
        hi = min(len(old), last[2] + context)
        pieces = ["…" if lo > 0 else "", old[lo:first[1]]]
        pos = first[1]
        for tag, i1, i2, j1, j2 in group:
            pieces.append(old[pos:i1])
            if i2 > i1:
                pieces.append(f"[-{old[i1:i2]}-]")
            if j2 > j1:
                pieces.append(f"{{+{new[j1:j2]}+}}")
            pos = i2
        pieces.append(old[pos:hi])
        pieces.append("…" if hi < len(old) else "")
        out.append((first[1] + 1, "".join(pieces)))
    return out


def changed_words(path: str, before: str, after: str, context: int = CONTEXT) -> str:
    """Every change from ``before`` to ``after`` as ``path:line:column: …[-old-]{+new+}…`` lines
    (line and column in ``before``); lines added or removed whole are shown whole."""
    old_lines, new_lines = before.split("\n"), after.split("\n")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                for column, shown in _line_changes(old_lines[i1 + k], new_lines[j1 + k], context):
                    out.append(f"{path}:{i1 + k + 1}:{column}: {shown}")
            continue
        for k in range(i1, i2):
            out.append(f"{path}:{k + 1}:1: [-{old_lines[k]}-]")
        for k in range(j1, j2):
            out.append(f"{path}:{i1 + 1}:1: {{+{new_lines[k]}+}}")  # inserted before old line i1 + 1
    return "".join(line + "\n" for line in out)
