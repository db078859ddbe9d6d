"""drafter's terminal editor (Textual): a thin shell over the engine in :mod:`drafter`.

Build the app with :func:`make_app`; ``drafter FILE`` does the same and runs it.
"""

from __future__ import annotations

from drafter.api import CheckOptions


def make_app(path: str, options: CheckOptions | None = None, **kwargs):
    """Build the app for ``path`` (a missing file starts from the outline's template).

    Keyword arguments go to :class:`~drafter_tui.app.DrafterApp` (``check_delay``,
    ``recovery_delay``, ``recovery_max_wait``).

    Raises:
        InputError: the file exists but cannot be read as a report.
        ChecklistError: the outline is malformed.
    """
    from .app import DrafterApp

    return DrafterApp(path, options, **kwargs)


__all__ = ["make_app"]
