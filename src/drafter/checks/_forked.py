"""A long report's checks on several cores: forked workers share the checks with this process.

Once the report is parsed, its outline matched and its protected text found, the checks only read
that model, so after a ``fork`` each process has the same model for free (copy-on-write). The
checks' numbers go into a pipe; this process and each worker take the next number (a one-byte read
from a pipe is atomic, so every check is taken once, and a slow check does not hold up the others),
run that check and keep its diagnostics. The workers send theirs back pickled; whatever a worker
did not deliver (it died, its data did not load) is run here, so the result is always every
check's diagnostics, in the order the checks are registered — the same as one process makes.

:class:`Background` is one such worker, running one function: each check-sharing worker is one,
and so is the protected-text finder (names, places, titles need only the text and the checklists'
words, so a worker finds them while this process parses).

Only worth it for long texts: a fork, the pickling and the reply cost a few milliseconds, which
the checks of a short report (≈ 0.5 ms per 1,000 characters) do not earn back.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from . import Check, CheckContext

#: Characters below which the checks run in one process. Measured in process on distinct corpus
#: text with a CPU idle (stop 19): two processes save 3 % at 50,000 characters, 8 % at 100,000,
#: 17 % at 400,000, 31 % at 800,000; below, the fork and the reply cost what they save.
MIN_CHARACTERS = 50_000


def can_fork() -> bool:
    """Whether this platform forks cheaply and safely (POSIX, not macOS, whose system libraries
    may not survive a fork)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def _stop(pid: int) -> None:
    """Kill a worker whose answer is not wanted and reap it."""
    import signal

    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl+C to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worth_forking(characters: int, cores: int) -> bool:
    """Whether the checks of a text of ``characters`` should be shared among ``cores`` processes."""
    return cores > 1 and characters >= MIN_CHARACTERS and can_fork()


def run_checks(checks: list[Check], ctx: CheckContext, cap: int, cores: int) -> list[list[Diagnostic]]:
    """Each check's first ``cap`` diagnostics (a check is read no further, as one process would
    stop reading a runaway check), the checks shared among this process and ``cores - 1``
    forked workers."""
    if len(checks) > 255:
        return [list(islice(check.run(ctx), cap)) for check in checks]
    queue_read, queue_write = os.pipe()
    os.write(queue_write, bytes(range(len(checks))))  # ≤ 255 bytes: fits the pipe, never blocks
    os.close(queue_write)
    workers: list[Background] = []
    try:
        workers = [Background(_take_and_run, checks, ctx, cap, queue_read) for _ in range(cores - 1)]
        done = _take_and_run(checks, ctx, cap, queue_read)
        for worker in workers:
            # A failed worker's answer is made here from the queue, which is empty by now: its
            # checks are run below.
            done.update(worker.result())
    finally:
        os.close(queue_read)
        for worker in workers:  # interrupted: stop the workers
            worker.close()
    return [done[n] if n in done else list(islice(checks[n].run(ctx), cap)) for n in range(len(checks))]


def _take_and_run(checks: list[Check], ctx: CheckContext, cap: int, queue: int) -> dict[int, list[Diagnostic]]:
    """Take check numbers from ``queue`` until it is empty; each one's diagnostics."""
    done: dict[int, list[Diagnostic]] = {}
    while taken := os.read(queue, 1):
        n = taken[0]
        done[n] = list(islice(checks[n].run(ctx), cap))
    return done


class Background:
    """``function(*args)`` computed by a forked worker while this process goes on.

    :meth:`result` waits for the worker's answer; when the worker failed it computes the answer
    here, so the result is always what ``function(*args)`` returns. :meth:`close` stops a worker
    whose answer is no longer wanted (the caller stopped on an error)."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self.function, self.args = function, args
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _answer(function, args, write)
        os.close(write)
        self.worker: tuple[int, int] | None = (pid, read)

    def result(self) -> Any:
        """``function(*args)``."""
        if self.worker is None:
            return self.function(*self.args)
        pid, read = self.worker
        self.worker = None
        answer = _reply(pid, read)
        return answer["value"] if "value" in answer else self.function(*self.args)

    def close(self) -> None:
        """Stop the worker if its answer was not taken (also when the caller stopped on an error
        and dropped this object)."""
        if self.worker is not None:
            pid, read = self.worker
            self.worker = None
            os.close(read)
            _stop(pid)

    __del__ = close


def _answer(function: Callable[..., Any], args: tuple, reply: int) -> None:
    """A background worker's life: compute, write the pickled answer to ``reply``, exit."""
    status = 1
    try:
        _ignore_interrupts()
        data = pickle.dumps({"value": function(*args)}, pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(reply, view):]
        status = 0
    except BaseException:  # noqa: BLE001 — result() computes what the worker did not deliver
        status = 1
    finally:
        os._exit(status)


def _reply(pid: int, reply: int) -> dict:
    """A worker's pickled answer (an empty dict if it failed)."""
    chunks = []
    try:
        while chunk := os.read(reply, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(reply)
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return {}
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 — a damaged reply: result() computes the answer here
        return {}
