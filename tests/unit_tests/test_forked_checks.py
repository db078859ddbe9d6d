"""A long report's checks shared among forked processes (drafter.checks._forked) give exactly the
diagnostics one process gives, in the same order — also when a worker fails."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from drafter import api
from drafter.checks import CheckContext, all_checks
from drafter.checks import _forked
from drafter.files.source import source_from_bytes

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "samples" / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(not _forked.can_fork(), reason="needs fork")


def _context(text: str) -> CheckContext:
    """The context _analyze builds, for ``text``."""
    result = api.analyze(source_from_bytes(text.encode("utf-8"), "report.txt", "txt"))
    ctx = CheckContext(report=result.report, outline=result.outline, match=result.match,
                       options=api.options_for(api.CheckOptions(), "report.txt"))
    ctx.cache["date"] = result.date
    ctx.cache["protected"] = api.protected_spans(result.report.text, ())
    return ctx


def test_shared_checks_give_each_checks_diagnostics_in_order():
    ctx = _context("\n".join([SEED] * 3))
    checks = list(all_checks())
    alone = [list(check.run(ctx)) for check in checks]
    shared = _forked.run_checks(checks, ctx, 10_000, cores=3)
    assert [[d.to_json() for d in found] for found in shared] == [[d.to_json() for d in found] for found in alone]
    assert sum(map(len, shared)) > 20  # the seed's findings, three times


def test_what_a_failed_worker_took_is_run_here():
    parent = os.getpid()
    ctx = _context(SEED)

    def fails_in_a_worker(ctx):
        if os.getpid() != parent:
            raise RuntimeError("a worker's check broke")
        yield ctx.diagnostic("placeholder.figure", "测试", 0, 2)

    checks = [replace(check, run=fails_in_a_worker) if n % 2 else check for n, check in enumerate(all_checks())]
    shared = _forked.run_checks(checks, ctx, 100, cores=2)
    assert [[d.to_json() for d in found] for found in shared] == [
        [d.to_json() for d in check.run(ctx)] for check in checks]


def test_a_runaway_check_is_read_no_further_than_the_cap():
    ctx = _context(SEED)

    def endless(ctx):
        while True:
            yield ctx.diagnostic("placeholder.figure", "测试", 0, 2)

    checks = [replace(next(iter(all_checks())), run=endless)] * 3
    assert [len(found) for found in _forked.run_checks(checks, ctx, 7, cores=2)] == [7, 7, 7]


def test_analyze_on_two_cores_equals_one_core_above_the_threshold():
    text = "\n".join([SEED] * (_forked.MIN_CHARACTERS // len(SEED) + 2))
    assert len(text) >= _forked.MIN_CHARACTERS
    source = source_from_bytes(text.encode("utf-8"), "report.txt", "txt")
    one = api.analyze(source, cores=1)
    two = api.analyze(source, cores=2)
    assert [d.to_json() for d in two.diagnostics] == [d.to_json() for d in one.diagnostics]
    assert _forked.worth_forking(len(text), 2) and not _forked.worth_forking(len(text), 1)


def test_background_gives_the_functions_result_and_computes_it_here_when_the_worker_fails():
    from drafter.report.protected import protected_spans

    text = SEED * 2
    assert list(_forked.Background(protected_spans, text, ("宣传部",)).result()) == list(
        protected_spans(text, ("宣传部",)))
    parent = os.getpid()

    def only_here(x):
        if os.getpid() != parent:
            os._exit(3)  # the worker dies before answering
        return x * 2

    assert _forked.Background(only_here, 21).result() == 42


def test_a_background_worker_whose_answer_is_not_wanted_is_stopped():
    import time

    background = _forked.Background(time.sleep, 60)
    pid = background.worker[0]
    background.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: nothing left running


def test_the_longest_checks_are_taken_first_and_every_check_once():
    checks = list(all_checks())
    order = _forked.take_order(checks)
    assert sorted(order) == list(range(len(checks)))
    names = [checks[n].name for n in order]
    listed = [name for name in _forked.LONGEST_FIRST if name in names]
    assert names[:len(listed)] == listed
    rest = [check.name for check in checks if check.name not in _forked.LONGEST_FIRST]
    assert names[len(listed):] == rest  # the others in their registered order


def test_diagnostics_pickled_flat_load_equal_field_by_field():
    import pickle

    ctx = _context("\n".join([SEED] * 2))
    found = [d for check in all_checks() for d in check.run(ctx)]
    assert any(d.fix is not None for d in found) and any(d.data for d in found)
    odd = replace(found[0], message="另一条")
    odd.extra = "一个额外的属性"  # not a plain diagnostic's fields: pickled as usual, kept
    shared = [found[1], found[1]]
    loaded = pickle.loads(_forked.dumps(found + [odd] + shared))
    assert loaded[:len(found)] == found
    assert [vars(d) for d in loaded[:len(found)]] == [vars(d) for d in found]  # fields in the same order
    assert [type(d.span) for d in loaded] == [type(d.span) for d in found + [odd] + shared]
    assert loaded[len(found)].extra == "一个额外的属性"
    assert loaded[-1] is loaded[-2]  # one object sent twice is one object


def test_a_worker_failing_after_some_checks_keeps_what_it_sent():
    parent = os.getpid()
    ctx = _context(SEED)
    checks = list(all_checks())
    order = _forked.take_order(checks)
    late = checks[order[-1]]

    def fails_late_in_a_worker(ctx):
        if os.getpid() != parent:
            os._exit(3)  # the worker dies without a word after its earlier replies
        return late.run(ctx)

    checks[order[-1]] = replace(late, run=fails_late_in_a_worker)
    shared = _forked.run_checks(checks, ctx, 1000, cores=3)
    assert [[d.to_json() for d in found] for found in shared] == [
        [d.to_json() for d in check.run(ctx)] for check in checks]
