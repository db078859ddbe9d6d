"""The typo detector's per-paragraph findings cache (drafter.typos.results): in memory and on disk."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.typos import results

SLIP = "各单位要积级推进公易广告宣传。"
CLEAN = "各地区各部门要切实加强组织领导，确保各项措施落到实处。"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    results._memory.clear()
    yield tmp_path
    results._memory.clear()


def _no_detector(monkeypatch):
    import drafter.typos.detector as det

    def refuse(threshold):
        raise AssertionError("the detector ran although the paragraph was cached")

    monkeypatch.setattr(det, "detector_for", refuse)


def test_second_lookup_comes_from_the_file_without_the_detector(cache_dir, monkeypatch):
    first = results.find([(SLIP, ()), (CLEAN, ())], 0.6)
    assert [s.suggestion for s in first[0]] == ["极", "益"]
    assert first[1] == []
    results._memory.clear()
    _no_detector(monkeypatch)
    assert results.find([(SLIP, ()), (CLEAN, ())], 0.6) == first


def test_threshold_and_protected_spans_are_part_of_the_key(cache_dir, monkeypatch):
    results.find([(SLIP, ())], 0.6)
    results._memory.clear()
    _no_detector(monkeypatch)
    with pytest.raises(AssertionError):
        results.find([(SLIP, ())], 0.7)
    with pytest.raises(AssertionError):
        results.find([(SLIP, ((4, 6),))], 0.6)


def test_a_corrupt_cache_file_only_costs_the_cache(cache_dir):
    (cache_dir / "typo-suspects.sqlite3").write_bytes(b"not a database" * 100)
    found = results.find([(SLIP, ())], 0.6)
    assert [s.suggestion for s in found[0]] == ["极", "益"]


def test_the_file_is_bounded(cache_dir, monkeypatch):
    monkeypatch.setattr(results, "MAX_ENTRIES", 5)
    texts = [f"第{i}条：各单位要积级推进工作。" for i in range(12)]
    for text in texts:
        results.find([(text, ())], 0.6)
    con = sqlite3.connect(cache_dir / "typo-suspects.sqlite3")
    (count,) = con.execute("SELECT COUNT(*) FROM suspects").fetchone()
    con.close()
    assert count == 5


def test_no_cache_setting_writes_no_file(cache_dir, monkeypatch):
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    results.find([(SLIP, ())], 0.6)
    assert not (cache_dir / "typo-suspects.sqlite3").exists()


def test_a_warm_check_of_an_unchanged_report_imports_no_numpy(cache_dir):
    seed = Path(__file__).resolve().parents[2] / "samples" / "propaganda-dept-2020-h1-report.txt"
    code = ("import sys; from drafter.api import check_text; "
            f"r = check_text(open({str(seed)!r}, encoding='utf-8').read()); "
            "print('numpy' in sys.modules)")
    env = {"DRAFTER_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert cold.stdout.strip() == "True"
    assert warm.stdout.strip() == "False"
