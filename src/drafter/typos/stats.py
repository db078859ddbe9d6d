"""The shipped statistics: n-gram counts and confusion sets, loaded once, lazily.

Built by ``tools/build_typo_stats.py`` (see its docstring for sources and licences, and NOTICE).
Loading reads ≈ 22 MB of arrays (tens of milliseconds); searching a memory map instead was ten
times slower (page faults on every binary search).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .hashing import hash_rows
from .findings import StatsMissing

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class TypoStats:
    """Character n-gram counts (orders 1–5) and candidate corrections per character."""

    keys: np.ndarray            #: sorted uint32 n-gram hashes
    logc: np.ndarray            #: uint8 ln(count)·log_scale, aligned with keys
    log_scale: float
    log_total: float            #: ln(number of characters in the corpus)
    rows: np.ndarray            #: uint16 characters that have candidates, sorted
    offsets: np.ndarray         #: uint32 CSR offsets into candidates (len(rows) + 1)
    candidates: np.ndarray      #: uint16 candidate characters
    kinds: np.ndarray           #: uint8 kind of each candidate (see tools/build_typo_stats.py)
    model: dict                 #: the scorer's weights and thresholds (model.json)
    word_keys: np.ndarray       #: sorted uint32 hashes of jieba's 2–4-character words
    word_logf: np.ndarray       #: uint8 ln(frequency)·log_scale, aligned with word_keys

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """ln(count) of each hashed n-gram, ``-inf`` where unseen."""
        return _lookup(self.keys, self.logc, self.log_scale, hashes)

    def word_lookup(self, hashes: np.ndarray) -> np.ndarray:
        """ln(frequency) of each hashed word in jieba's dictionary, ``-inf`` where absent."""
        return _lookup(self.word_keys, self.word_logf, self.log_scale, hashes)

    def lookup_rows(self, grams: np.ndarray) -> np.ndarray:
        """ln(count) of each row of a (K, n) array of codes."""
        return self.lookup(hash_rows(grams))

    def candidates_of(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each code: (index into ``codes``, candidate code, kind), flattened."""
        r = np.searchsorted(self.rows, codes)
        np.minimum(r, len(self.rows) - 1, out=r)
        has = (self.rows[r] == codes) & (codes < 0x10000)
        start = np.where(has, self.offsets[r], 0).astype(np.int64)
        length = np.where(has, self.offsets[np.minimum(r + 1, len(self.offsets) - 1)], 0).astype(np.int64) - start
        length[~has] = 0
        which = np.repeat(np.arange(len(codes)), length)
        first = np.repeat(np.cumsum(length) - length, length)
        k = np.repeat(start, length) + np.arange(int(length.sum())) - first
        return which, self.candidates[k].astype(np.uint32), self.kinds[k]


def _lookup(keys: np.ndarray, logv: np.ndarray, scale: float, hashes: np.ndarray) -> np.ndarray:
    if len(hashes) == 0:
        return np.zeros(0, np.float32)
    # Binary searches of sorted needles walk the table in order: 20× faster than random ones.
    order = np.argsort(hashes)
    needles = hashes[order]
    i = np.searchsorted(keys, needles)
    np.minimum(i, len(keys) - 1, out=i)
    found = keys[i] == needles
    values = np.full(len(hashes), -np.inf, np.float32)
    values[found] = logv[i[found]].astype(np.float32) / scale
    out = np.empty_like(values)
    out[order] = values
    return out


@lru_cache(maxsize=1)
def load_stats(folder: str | None = None) -> TypoStats:
    """The statistics, loaded on first use and kept for the process.

    Raises:
        StatsMissing: the data files are absent or unreadable.
    """
    base = Path(folder) if folder else DATA
    try:
        meta = json.loads((base / "stats.json").read_text(encoding="utf-8"))
        model = json.loads((base / "model.json").read_text(encoding="utf-8"))

        def arr(name: str) -> np.ndarray:
            return np.load(base / f"{name}.npy", allow_pickle=False)

        return TypoStats(
            keys=arr("ngram_keys"), logc=arr("ngram_logc"), log_scale=float(meta["log_scale"]),
            log_total=float(np.log(meta["total"])), rows=np.asarray(arr("confusion_rows")),
            offsets=np.asarray(arr("confusion_offsets")), candidates=arr("confusion_candidates"),
            kinds=arr("confusion_kinds"), model=model, word_keys=arr("word_keys"), word_logf=arr("word_logf"))
    except (OSError, ValueError, KeyError) as exc:
        raise StatsMissing(f"typo statistics unreadable in {base}: {exc}") from None
