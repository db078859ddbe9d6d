"""What the typo detector reports, shared by the detector and the findings cache (no numpy here)."""

from __future__ import annotations

from dataclasses import dataclass

from ..report.protected import detector_only_spans


@dataclass(frozen=True)
class Suspect:
    """A likely typo: ``text[start:end]`` probably should read ``suggestion``."""

    start: int
    end: int
    original: str
    suggestion: str
    confidence: float
    kind: str       #: "same-sound", "near-sound", "ime-slip", "shape", "two-chars" or "swap"


class StatsMissing(RuntimeError):
    """The statistics or the scorer's file are not installed (a source checkout without a build)."""


#: Protected kinds (drafter.report.protected) the detector never looks into: changing a name is
#: worse than missing a typo. Quoted titles are looked into — a cited law with a typo in its name
#: (中华人民共和国律师珐) is still a typo — but the one protection gate of ``drafter.api`` takes the
#: fix off any finding there, so it is reported, never applied.
NOT_LOOKED_INTO = frozenset({"person", "place", "organization", "user"})


def frozen_spans(spans, text: str | None = None) -> tuple[tuple[int, int], ...]:
    """The (start, end) of the protected spans the detector must not look into; with ``text``
    (the paragraph the spans belong to) also its detector-only names (short quoted names, media:
    :func:`drafter.report.protected.detector_only_spans`)."""
    out = [(s.start, s.end) for s in spans if s.kind in NOT_LOOKED_INTO]
    if text is not None:
        out += ((s.start, s.end) for s in detector_only_spans(text))
        out.sort()
    return tuple(out)
