"""tools/typo_misses.py: each missed error is put in the cause that explains it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("numpy")

from drafter.typos.stats import load_stats  # noqa: E402

TOOL = Path(__file__).resolve().parents[2] / "tools" / "typo_misses.py"


def _tool():
    spec = importlib.util.spec_from_file_location("typo_misses", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cause(src: str, tgt: str) -> str:
    stats = load_stats()
    errors, _ = _tool().error_causes(stats, [{"src": src, "tgt": tgt}], stats.model["threshold"])
    assert len(errors) == 1
    return errors[0][2]


def test_a_corrected_typo_is_found():
    assert _cause("各地要建立健全长效工作机智。", "各地要建立健全长效工作机制。") == "found"


def test_a_typo_inside_a_protected_name_is_protected():
    assert _cause("张宏杨同志出席会议并讲话。", "张宏扬同志出席会议并讲话。") == "protected"


def test_a_real_word_made_of_seen_ngrams_is_no_suspect():
    assert _cause("全面学习社会主意思想。", "全面学习社会主义思想。") == "no-suspect/real-word"


def test_a_correction_outside_the_confusion_sets_is_named():
    # 崭 is too rare in the corpus to be anyone's candidate.
    assert _cause("以暂新的姿态迎接新的挑战。", "以崭新的姿态迎接新的挑战。") == "not-in-confusion"


def test_wrong_flags_on_a_correct_sentence_are_counted():
    stats = load_stats()
    errors, wrong = _tool().error_causes(stats, [{"src": "各地要建立健全长效工作机智。", "tgt": "各地要建立健全长效工作机智。"}],
                                         stats.model["threshold"])
    assert errors == []
    assert wrong["flag at a correct character (correct sentence)"] == 1
