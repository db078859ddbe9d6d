"""How the ``drafter`` executable ends after a one-shot command: without freeing what it built.

Once ``drafter check`` has written its output, what is left of the process is teardown: the
report's model and thousands of findings are freed object by object (≈ 40 ms for a 2.7 MB
report), the interpreter clears every module, and a cyclic garbage collection triggered after the
analysis walks all of it once more (≈ 20–70 ms). A process about to exit has no use for any of it.

So the executable (:func:`drafter.cli.entry`) runs a command module that says ``ONE_SHOT =
True`` with the cyclic collector left off after start-up (an analysis makes ≈ 100 cyclic objects
per 10,000 characters checked: bounded garbage, left to the exit), keeps alive what the command
:func:`hold`\\ s, and ends the process with ``os._exit`` after doing what the interpreter's own exit
would do that anyone can see: the ``atexit`` handlers (the caches are written there) and the
flush of standard output and error.

In-process callers of :func:`drafter.cli.main` (the tests, other programs) are untouched: nothing
is held and the collector is left as it was.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

_quick = False          # the executable asked for the quick end (entry), not an in-process call
_ran_one_shot = False   # a one-shot command ran: end the process with finish()
_held: tuple = ()


def start() -> None:
    """Called by the executable before :func:`drafter.cli.main`: this process ends when it does."""
    global _quick
    _quick = True


def one_shot(module: Any) -> bool:
    """Whether ``module``'s command runs for the quick end: the executable started it and the
    command is one-shot. Records that it ran, for :func:`ran_one_shot`."""
    global _ran_one_shot
    if _quick and getattr(module, "ONE_SHOT", False):
        _ran_one_shot = True
    return _ran_one_shot


def ran_one_shot() -> bool:
    """Whether a one-shot command ran in this process (and :func:`finish` should end it)."""
    return _ran_one_shot


def hold(*objects: Any) -> None:
    """Keep ``objects`` (replacing what was held before) until the process ends, when a quick end
    is coming: freeing them would only cost time. Does nothing in an in-process call."""
    global _held
    if _ran_one_shot:
        _held = objects


def finish(status: Any) -> NoReturn:
    """End the process with ``status`` as ``sys.exit`` would, minus the teardown: run the
    ``atexit`` handlers, flush standard output and error, ``os._exit``."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # closed, or a reader gone: main() has said so already
            pass
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("text") prints the text and exits 1
        print(status, file=sys.stderr)
        sys.stderr.flush()
        code = 1
    os._exit(code)
