"""The open-addressing index answers every hash exactly as the binary search over sorted keys."""

from __future__ import annotations

import numpy as np
import pytest

from drafter.typos.stats import HashIndex, _lookup


@pytest.mark.parametrize("size", [1, 7, 5_000, 300_000])
def test_index_lookup_equals_binary_search(size):
    rng = np.random.default_rng(size)
    keys = np.unique(rng.integers(0, 2**32, size, dtype=np.uint32))
    # Crowd part of the key space so that probes run past several full slots.
    keys = np.unique(np.r_[keys, np.arange(1000, 1000 + min(size, 200), dtype=np.uint32)])
    values = rng.integers(0, 256, len(keys)).astype(np.uint8)
    needles = np.r_[rng.choice(keys, 2_000), rng.integers(0, 2**32, 2_000, dtype=np.uint32),
                    np.array([0, 1, 2**32 - 1, 999, 1000 + 200], np.uint32)].astype(np.uint32)
    index = HashIndex(keys, values)
    assert np.array_equal(index.lookup(needles, 12.0), _lookup(keys, values, 12.0, needles))


def test_a_key_of_zero_is_found_and_an_absent_zero_is_not():
    keys = np.array([0, 5, 6, 2**32 - 1], np.uint32)
    values = np.array([7, 8, 9, 10], np.uint8)
    needles = np.array([0, 1, 5, 6, 7, 2**32 - 1], np.uint32)
    assert np.array_equal(HashIndex(keys, values).lookup(needles, 12.0), _lookup(keys, values, 12.0, needles))
    without = HashIndex(keys[1:], values[1:]).lookup(needles, 12.0)
    assert without[0] == -np.inf and without[2] == np.float32(8) / 12.0


def test_detector_finds_the_same_with_and_without_the_index(monkeypatch):
    import dataclasses

    from drafter.typos import stats as stats_module
    from drafter.typos.detector import Detector

    paragraphs = [("完善农产品上行发展机智，推进帜旗鲜明的工作。", ()), ("全面贯切落实会议精神，部暑下一步工作。", ()),
                  ("坚持既往开来，凝新聚力，社会主意思想深入人心。", ())]
    base = stats_module.load_stats()
    monkeypatch.setattr(stats_module, "INDEX_AFTER", 10**12)
    searched = Detector(stats=dataclasses.replace(base, _index={})).paragraphs(paragraphs)
    monkeypatch.setattr(stats_module, "INDEX_AFTER", 0)
    indexed_stats = dataclasses.replace(base, _index={})
    indexed = Detector(stats=indexed_stats).paragraphs(paragraphs)
    assert "ngrams" in indexed_stats._index and "unigrams" in indexed_stats._index
    assert any(searched) and indexed == searched
