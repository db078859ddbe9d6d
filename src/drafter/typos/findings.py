"""What the typo detector reports, shared by the detector and the findings cache (no numpy here)."""

from __future__ import annotations

from dataclasses import dataclass


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
