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


#: Protected kinds (drafter.report.protected) the detector never looks into: a person's name is
#: improbable text by nature, and a word the user protects is theirs. Quoted titles, places and
#: organisations are looked into — a cited law with a typo in its name (中华人民共和国律师珐) is still
#: a typo, and the place and organisation finders take the two characters before 区/市/公司 on
#: trust, so a typo there (自冶区, 有限债任公司) would otherwise be hidden: of the tune half's
#: missed error characters, 31 sat in such spans — but a finding there is reported, never
#: applied (:data:`REPORTED_WITHOUT_FIX`).
NOT_LOOKED_INTO = frozenset({"person", "user"})
#: Protected kinds where a finding is shown without a fix: no fix ever changes protected text.
REPORTED_WITHOUT_FIX = frozenset({"title", "place", "organization"})


def frozen_spans(spans, text: str | None = None) -> tuple[tuple[int, int], ...]:
    """The (start, end) of the protected spans the detector must not look into; with ``text``
    (the paragraph the spans belong to) also its detector-only names (short quoted names, media:
    :func:`drafter.report.protected.detector_only_spans`)."""
    out = [(s.start, s.end) for s in spans if s.kind in NOT_LOOKED_INTO]
    if text is not None:
        out += ((s.start, s.end) for s in detector_only_spans(text))
        out.sort()
    return tuple(out)
