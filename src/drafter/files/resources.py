"""Where the bundled checklists, outlines and samples live (in the wheel or in the repo).

The wheel carries the repo's top-level ``checklists/`` and ``samples/`` as ``drafter/_checklists``
and ``drafter/_samples``; a source checkout (or an editable install) reads them in place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

#: The ``drafter`` package folder (this module is in its ``files`` stage).
_PACKAGE = Path(__file__).resolve().parents[1]


def _data_dir(installed: str, repo_folder: str) -> Path:
    path = _PACKAGE / installed
    if path.is_dir():
        return path
    return _PACKAGE.parents[1] / repo_folder


@lru_cache(maxsize=None)
def checklists_dir() -> Path:
    """The bundled ``checklists/`` folder."""
    return _data_dir("_checklists", "checklists")


@lru_cache(maxsize=None)
def samples_dir() -> Path:
    """The bundled ``samples/`` folder."""
    return _data_dir("_samples", "samples")
