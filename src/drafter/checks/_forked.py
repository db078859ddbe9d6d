"""A long report's checks on several cores: forked workers share the checks with this process.

Once the report is parsed, its outline matched and its protected text found, the checks only read
that model, so after a ``fork`` each process has the same model for free (copy-on-write). The
checks' numbers go into a pipe, the longest checks first; this process and each worker take the
next number (a one-byte read from a pipe is atomic, so every check is taken once, and a slow check
does not hold up the others), run that check and keep its diagnostics. A worker sends each check's
diagnostics back as soon as that check is done, pickled; this process loads what has arrived
between its own checks. Whatever a worker did not deliver (it died, its data did not load) is run
here, so the result is always every check's diagnostics, in the order the checks are registered —
the same as one process makes.

:class:`Background` is a worker running one function: the protected-text finder (names, places,
titles need only the text and the checklists' words, so a worker finds them while this process
parses).

Only worth it for long texts: a fork, the pickling and the reply cost a few milliseconds, which
the checks of a short report (≈ 0.5 ms per 1,000 characters) do not earn back.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
from collections.abc import Callable
from dataclasses import fields
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Edit, Fix
from ..report.model import Span

if TYPE_CHECKING:
    from . import Check, CheckContext

#: Characters below which the checks run in one process. Measured in process on distinct corpus
#: text with a CPU idle (stop 19): two processes save 3 % at 50,000 characters, 8 % at 100,000,
#: 17 % at 400,000, 31 % at 800,000; below, the fork and the reply cost what they save.
MIN_CHARACTERS = 50_000


#: The checks that take longest, taken before the others (which follow in their registered order,
#: each a few milliseconds), so that the processes finish close together. CPU time of each check's
#: first run (benchmarks/bench_stages.py --runs 1) on 2.5 MB of distinct corpus paragraphs / the
#: seed ×250, ms: typo_suspect 111 / 26, checklist_entries 33 / 68, placeholder 7 / 26,
#: punct_pairs 25 / 10, period_mismatch 22 / 5, numbering_count 17 / 11, numbering_sequence 16 / 7,
#: punct_space 14 / 10, punct_doubled 14 / 9, punct_width 12 / 7; every other check ≤ 10 on both.
#: The first is taken by this process (a worker starts a moment later) and the second by a worker:
#: checklist_entries goes first because what this process finds is not pickled and sent, and the
#: checklist's findings are the most numerous (2,000 of 5,002 at ×250). Whole process, seed ×250 /
#: distinct, medians of 15 interleaved runs: registered order 387 / 479 ms, typo_suspect first
#: 472 / 428, this order 388 / 413. A check left out of this list is only taken later.
LONGEST_FIRST = ("checklist_entries", "typo_suspect", "placeholder", "punct_pairs", "period_mismatch",
                 "numbering_count", "numbering_sequence", "punct_space", "punct_doubled", "punct_width")


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
    os.write(queue_write, bytes(take_order(checks)))  # ≤ 255 bytes: fits the pipe, never blocks
    os.close(queue_write)
    workers: list[_CheckWorker] = []
    done: dict[int, list[Diagnostic]] = {}
    try:
        workers = [_CheckWorker(checks, ctx, cap, queue_read) for _ in range(cores - 1)]
        while taken := os.read(queue_read, 1):
            n = taken[0]
            done[n] = list(islice(checks[n].run(ctx), cap))
            for worker in workers:  # what the workers finished meanwhile, while they go on
                worker.collect(done)
        for worker in workers:
            # A failed worker's undelivered checks are run below (the queue is empty by now).
            worker.finish(done)
    finally:
        os.close(queue_read)
        for worker in workers:  # interrupted: stop the workers
            worker.close()
    return [done[n] if n in done else list(islice(checks[n].run(ctx), cap)) for n in range(len(checks))]


def take_order(checks: list[Check]) -> list[int]:
    """The checks' numbers, the longest first (the others in their registered order): whoever is
    free takes the next, so the processes finish together when the last ones are short."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    last = len(LONGEST_FIRST)
    return sorted(range(len(checks)), key=lambda n: rank.get(checks[n].name, last))


#: Frame of one check's reply: its number and the length of its pickled diagnostics.
_FRAME = struct.Struct("<BI")


class _Worker:
    """A forked process running ``life(*args, reply)`` and then exiting: 0 when ``life`` returned,
    1 when it raised. ``reply`` is the write end of a pipe this process reads as ``self.worker``
    (pid, read end). :meth:`close` stops a worker whose answer is no longer wanted (the caller
    stopped on an error)."""

    def __init__(self, life: Callable[..., None], *args: Any) -> None:
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            stream.flush()
        read, write = os.pipe()
        _widen(write)
        pid = os.fork()
        if pid == 0:
            os.close(read)
            status = 1
            try:
                _ignore_interrupts()
                life(*args, write)
                status = 0
            except BaseException:  # noqa: BLE001 — the caller computes what was not delivered
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self.worker: tuple[int, int] | None = (pid, read)

    def _wait(self) -> tuple[bytes, bool]:
        """Everything the worker sent, read to its end, and whether it succeeded (only while
        ``self.worker`` is set)."""
        pid, read = self.worker  # type: ignore[misc]
        self.worker = None
        chunks = []
        try:
            os.set_blocking(read, True)
            while chunk := os.read(read, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(read)
            _, status = os.waitpid(pid, 0)
        return b"".join(chunks), status == 0

    def close(self) -> None:
        """Stop the worker if it was not waited for."""
        if self.worker is not None:
            pid, read = self.worker
            self.worker = None
            os.close(read)
            _stop(pid)

    __del__ = close


class _CheckWorker(_Worker):
    """A worker taking check numbers from the queue; each check's diagnostics are sent back as
    soon as it is done (pickled, framed), so this process loads them between its own checks
    instead of after the last one."""

    def __init__(self, checks: list[Check], ctx: CheckContext, cap: int, queue: int) -> None:
        super().__init__(_serve, checks, ctx, cap, queue)
        os.set_blocking(self.worker[1], False)
        self.received = bytearray()

    def collect(self, done: dict[int, list[Diagnostic]]) -> None:
        """Load into ``done`` every check's reply that has arrived, without waiting."""
        if self.worker is None:
            return
        try:
            while chunk := os.read(self.worker[1], 1 << 20):
                self.received += chunk
        except BlockingIOError:
            pass
        self._load(done)

    def finish(self, done: dict[int, list[Diagnostic]]) -> None:
        """Wait for the worker's end and load every reply it sent (a failed worker's complete
        replies are kept: each is one check's whole answer)."""
        if self.worker is not None:
            self.received += self._wait()[0]
            self._load(done)

    def _load(self, done: dict[int, list[Diagnostic]]) -> None:
        data, at = self.received, 0
        while len(data) - at >= _FRAME.size:
            n, size = _FRAME.unpack_from(data, at)
            end = at + _FRAME.size + size
            if end > len(data):
                break
            try:
                done[n] = pickle.loads(memoryview(data)[at + _FRAME.size:end])
            except Exception:  # noqa: BLE001 — a damaged reply: the check is run here
                pass
            at = end
        del data[:at]


def _serve(checks: list[Check], ctx: CheckContext, cap: int, queue: int, reply: int) -> None:
    """A check worker's life: take numbers from ``queue`` until it is empty, write each check's
    framed, pickled diagnostics to ``reply``."""
    while taken := os.read(queue, 1):
        n = taken[0]
        data = dumps(list(islice(checks[n].run(ctx), cap)))
        _write(reply, _FRAME.pack(n, len(data)) + data)


class Background(_Worker):
    """``function(*args)`` computed by a forked worker while this process goes on.

    :meth:`result` waits for the worker's answer; when the worker failed it computes the answer
    here, so the result is always what ``function(*args)`` returns."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self.function, self.args = function, args
        super().__init__(_answer, function, args)

    def result(self) -> Any:
        """``function(*args)``."""
        if self.worker is not None:
            data, succeeded = self._wait()
            if succeeded:
                try:
                    return pickle.loads(data)
                except Exception:  # noqa: BLE001 — a damaged reply: computed here
                    pass
        return self.function(*self.args)


def _answer(function: Callable[..., Any], args: tuple, reply: int) -> None:
    """A background worker's life: write ``function(*args)`` pickled to ``reply``."""
    _write(reply, pickle.dumps(function(*args), pickle.HIGHEST_PROTOCOL))


def dumps(diagnostics: list[Diagnostic]) -> bytes:
    """``diagnostics`` pickled with each diagnostic, span, fix and edit as one flat tuple of its
    fields (half the bytes, and loaded in half the time, of each one's dictionary of fields);
    ``pickle.loads`` gives them back equal, field by field. Any other object — an extra
    attribute, a subclass — is pickled as usual."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _FLAT
    pickler.dump(diagnostics)
    return buffer.getvalue()


_DIAGNOSTIC_FIELDS = tuple(f.name for f in fields(Diagnostic))
_SPAN_FIELDS = tuple(f.name for f in fields(Span))
_EDIT_FIELDS = tuple(f.name for f in fields(Edit))
_FIX_FIELDS = tuple(f.name for f in fields(Fix))
_new = object.__new__
_SPAN_COUNT = len(_SPAN_FIELDS)
_SPAN_AT = _SPAN_COUNT + _DIAGNOSTIC_FIELDS.index("span")  # in _diagnostic's arguments, after the span's own
_BESIDE_SPAN = attrgetter(*(name for name in _DIAGNOSTIC_FIELDS if name != "span"))


def _flat_diagnostic(diagnostic: Diagnostic) -> tuple:
    state = diagnostic.__dict__
    span = state.get("span")
    if tuple(state) != _DIAGNOSTIC_FIELDS or type(span) is not Span or tuple(span.__dict__) != _SPAN_FIELDS:
        return diagnostic.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    return _diagnostic, (*span.__dict__.values(), *_BESIDE_SPAN(diagnostic))


def _diagnostic(*values: Any) -> Diagnostic:
    span = _new(Span)
    span.__dict__.update(zip(_SPAN_FIELDS, values))
    return Diagnostic(*values[_SPAN_COUNT:_SPAN_AT], span, *values[_SPAN_AT:])


def _flat(kind: type, names: tuple[str, ...]) -> Callable[[Any], tuple]:
    def flat(instance: Any) -> tuple:
        state = instance.__dict__
        if tuple(state) != names:
            return instance.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        return _instance, (kind, *state.values())
    return flat


def _instance(kind: type, *values: Any) -> Any:
    instance = _new(kind)
    instance.__dict__.update(zip(_FIELDS_OF[kind], values))
    return instance


_FIELDS_OF = {Edit: _EDIT_FIELDS, Fix: _FIX_FIELDS}
_FLAT = {Diagnostic: _flat_diagnostic, Edit: _flat(Edit, _EDIT_FIELDS), Fix: _flat(Fix, _FIX_FIELDS)}


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _widen(fd: int) -> None:
    """Let the pipe hold a long report's replies (Linux: up to 1 MiB instead of 64 KiB), so a
    worker seldom waits for this process to read."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass
