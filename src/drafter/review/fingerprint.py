"""Stable fingerprints of findings: what a finding is, not where it happens to be.

A fingerprint hashes the diagnostic's code, the text it flags, the few characters around that
text on its own line (whitespace ignored) and the outline part and area it falls in. Line and
column numbers are left out, so a finding keeps its fingerprint when lines above it are added,
removed or rewritten; the message is left out too, so a count in it (“文中有 34 处…”) can change.
Identical findings in one document (same code, text, context and area) are told apart by their
order: the second gets ``-2``, the third ``-3``.

Baselines (``--baseline``), ignores in ``drafter.yaml``, the JSON contract's ``fingerprint`` and
SARIF's ``partialFingerprints`` all use these.
"""

from __future__ import annotations

import re
from typing import Iterable

try:  # the built-in module: hashlib would also load OpenSSL at every start (same digests)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from ..diagnostics import Diagnostic

#: Characters of context taken on each side of the flagged text (within its line).
CONTEXT = 8
#: Bumped whenever what goes into the hash changes; old baselines then match nothing.
FINGERPRINT_VERSION = 1


def near_context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """Up to ``width`` non-space characters before ``start`` and after ``end``, never crossing a
    line end (a finding's context is its own line, whatever moves around it).

    Only a window around the finding is read, widened while it holds too few non-space
    characters: reading the whole line made 10,000 findings on one line of 950,000 “ take 45 s."""
    return _before(text, start, width), _after(text, end, width)


def _before(text: str, start: int, width: int) -> str:
    window = 4 * width
    while True:
        low = max(0, start - window)
        chunk = text[low:start]
        cut = chunk.rfind("\n")
        if cut != -1:
            chunk = chunk[cut + 1:]
        kept = "".join(chunk.split())
        if len(kept) >= width or cut != -1 or low == 0:
            return kept[-width:]
        window *= 4


def _after(text: str, end: int, width: int) -> str:
    window = 4 * width
    while True:
        high = min(len(text), end + window)
        chunk = text[end:high]
        cut = chunk.find("\n")
        if cut != -1:
            chunk = chunk[:cut]
        kept = "".join(chunk.split())
        if len(kept) >= width or cut != -1 or high == len(text):
            return kept[:width]
        window *= 4


def base_fingerprint(diagnostic: Diagnostic, text: str) -> str:
    """The fingerprint of one finding before duplicates are numbered: 16 hex digits."""
    return _base(diagnostic, text, len(text))


_PREFIX = f"{FINGERPRINT_VERSION}\x1f"
#: Any whitespace (what ``str.split()`` splits at: ``re``'s ``\s`` is the same set).
_SPACE = re.compile(r"\s").search


def _base(diagnostic: Diagnostic, text: str, length: int) -> str:
    """:func:`base_fingerprint`, the context read here rather than through :func:`near_context`:
    where the ``CONTEXT`` characters on a side hold no space (nearly always), they are that
    side's context; else its first window, as :func:`_before`/:func:`_after` read it."""
    span = diagnostic.span
    start, end = span.start, span.end
    low = start - CONTEXT
    if low >= 0 and not _SPACE(text, low, start):
        before = text[low:start]
    else:
        before = _before(text, start, CONTEXT)
    high = end + CONTEXT
    if high <= length and not _SPACE(text, end, high):
        after = text[end:high]
    else:
        after = _after(text, end, CONTEXT)
    key = "\x1f".join((diagnostic.code, "".join(diagnostic.text.split()), before, after,
                       diagnostic.part or "", diagnostic.section or ""))
    return blake2b((_PREFIX + key).encode("utf-8"), digest_size=8).hexdigest()


def assign_fingerprints(diagnostics: Iterable[Diagnostic], text: str,
                        known: dict[int, tuple[Diagnostic, str]] | None = None) -> None:
    """Set ``fingerprint`` on each diagnostic (in document order), numbering repeats.
    ``known``: id → (diagnostic, its base fingerprint) already computed (an incremental
    analysis's reused findings, whose line, code, text and area did not change)."""
    seen: dict[str, int] = {}
    length = len(text)
    for diagnostic in diagnostics:
        hit = known.get(id(diagnostic)) if known else None
        base = hit[1] if hit is not None and hit[0] is diagnostic else _base(diagnostic, text, length)
        count = seen.get(base, 0) + 1
        seen[base] = count
        diagnostic.fingerprint = base if count == 1 else f"{base}-{count}"


def loose_key(diagnostic: Diagnostic) -> str:
    """A weaker identity for a second matching pass: code, flagged text and outline area, without
    the context (a fix next to a finding changes its context, not what it is)."""
    key = "\x1f".join((diagnostic.code, "".join(diagnostic.text.split()), diagnostic.part or "",
                       diagnostic.section or ""))
    return blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def pair_findings(old: list[tuple[str, str]], new: list[tuple[str, str]]
                  ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Match two lists of (fingerprint, loose key): first by fingerprint, then what is left by
    loose key, in order. Returns (pairs of indexes, old indexes unmatched, new indexes unmatched)
    — that is (unchanged, fixed, new)."""
    pairs: list[tuple[int, int]] = []
    by_fingerprint = {fp: i for i, (fp, _) in enumerate(old)}
    left_new: list[int] = []
    used: set[int] = set()
    for j, (fp, _) in enumerate(new):
        i = by_fingerprint.get(fp)
        if i is not None and i not in used:
            used.add(i)
            pairs.append((i, j))
        else:
            left_new.append(j)
    by_loose: dict[str, list[int]] = {}
    for i, (_, loose) in enumerate(old):
        if i not in used:
            by_loose.setdefault(loose, []).append(i)
    still_new = []
    for j in left_new:
        candidates = by_loose.get(new[j][1])
        if candidates:
            i = candidates.pop(0)
            used.add(i)
            pairs.append((i, j))
        else:
            still_new.append(j)
    fixed = [i for i in range(len(old)) if i not in used]
    return sorted(pairs), fixed, still_new
