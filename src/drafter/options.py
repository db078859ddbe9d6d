"""The options of one check: outline, code selection, severity overrides, the report's date.

The CLI builds them from its arguments, the editor from its command line; :mod:`drafter.config`
completes them from the project file. A type of its own so that the config and the API share it
without importing each other.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


#: Most diagnostics kept for one file. A real report has tens; a broken file (a line of 950,000
#: “) had 951,071, which took 3.65 GB and 22 s to build and print. Each check also stops after
#: this many (so a runaway check costs at most this much), and the kept ones are the most
#: severe first, so an outline error is never pushed out by thousands of punctuation warnings.
MAX_DIAGNOSTICS = 10_000


@dataclass(frozen=True)
class IgnoredFinding:
    """One entry of a project file's ``ignore`` list that names findings, not codes: by
    ``fingerprint``, or by ``code`` and ``text`` (both must match), optionally only in ``file``
    (an absolute path). ``origin`` and ``line`` say where the entry is written."""

    fingerprint: str | None = None
    code: str | None = None
    text: str | None = None
    file: str | None = None
    origin: str = ""
    line: int = 0


@dataclass
class CheckOptions:
    """What to check and how: outline, code selection, severity overrides, the report's date."""

    outline: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    date: _dt.date | None = None
    checklists: tuple[str, ...] = ()
    #: Diagnostics the user chose to ignore in this document: (code, text) pairs.
    ignored: frozenset[tuple[str, str]] = frozenset()
    #: Words no fix may change (names the user protects; drafter.yaml ``protected:``).
    protected: tuple[str, ...] = ()
    #: Typo detector settings (drafter.yaml ``typo:``): ``min_confidence``, ``safe_confidence``.
    typo: dict[str, float] = field(default_factory=dict)
    #: Findings the project file says to ignore (``ignore: [{fingerprint: …}]``).
    ignore_findings: tuple[IgnoredFinding, ...] = ()
    #: Whether to complete these options from the project file (drafter.yaml) above the document.
    project: bool = True
    #: The lowest severity that stops ``drafter render`` and the editor's export without
    #: ``--force`` (error, warning, info, off); None: the project file's, else warning.
    render_gate: str | None = None
    #: Most diagnostics kept for one file (see :data:`MAX_DIAGNOSTICS`).
    max_diagnostics: int = MAX_DIAGNOSTICS
