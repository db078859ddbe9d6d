"""The shipped statistics: n-gram counts and confusion sets, loaded once, lazily.

Built by ``tools/build_typo_stats.py`` (see its docstring for sources and licences, and NOTICE).
Loading reads ≈ 22 MB of arrays (tens of milliseconds); searching a memory map instead was ten
times slower (page faults on every binary search).

Lookups: the shipped keys are sorted hashes, searched with ``np.searchsorted``. For a long text
(:meth:`TypoStats.expect`, or once a process has looked up more than :data:`INDEX_AFTER` hashes) an
open-addressing table is built from them (55–250 ms, 42 MB; no data file changes): each hash is
then found in one or two probes instead of a sort of the needles and a 22-step binary search —
4–5× less CPU per lookup. Both give the same values, bit for bit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .hashing import hash_rows
from .findings import StatsMissing

DATA = Path(__file__).resolve().parent / "data"
#: Hashes looked up by binary search before the open-addressing table is built (≈ 70 ms to build,
#: what ≈ 350,000 binary-search lookups cost; a seed report needs ≈ 70,000).
INDEX_AFTER = 400_000
#: Slots of the n-gram table: 2^23 for 4 M keys (half full: a miss usually hits an empty slot).
SLOT_BITS = 23


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
    #: The open-addressing tables once built (n-grams, words) and the hashes looked up so far.
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """ln(count) of each hashed n-gram, ``-inf`` where unseen."""
        return self._find("ngrams", self.keys, self.logc, hashes)

    def word_lookup(self, hashes: np.ndarray) -> np.ndarray:
        """ln(frequency) of each hashed word in jieba's dictionary, ``-inf`` where absent."""
        return self._find("words", self.word_keys, self.word_logf, hashes)

    def expect(self, lookups: int) -> None:
        """Build the indexes now if ``lookups`` more would pass :data:`INDEX_AFTER` (a caller that
        knows it has a long text saves the binary searches before the threshold)."""
        for name, keys, values in (("ngrams", self.keys, self.logc), ("words", self.word_keys, self.word_logf)):
            if name not in self._index and self._index.get(name + ".seen", 0) + lookups > INDEX_AFTER:
                self._index[name] = HashIndex(keys, values)

    def _find(self, name: str, keys: np.ndarray, values: np.ndarray, hashes: np.ndarray) -> np.ndarray:
        table = self._index.get(name)
        if table is None:
            seen = self._index[name + ".seen"] = self._index.get(name + ".seen", 0) + len(hashes)
            if seen <= INDEX_AFTER:
                return _lookup(keys, values, self.log_scale, hashes)
            table = self._index[name] = HashIndex(keys, values)
        return table.lookup(hashes, self.log_scale)

    def unigram(self, codes: np.ndarray) -> np.ndarray:
        """ln(count) of each character (``-inf`` where unseen): once the index is built, from a
        dense table of every BMP character's count (the same values, without hashing)."""
        dense = self._index.get("unigrams")
        if dense is None:
            if "ngrams" not in self._index:
                return self.lookup(hash_rows(codes[:, None]))
            every = np.arange(0x10000, dtype=np.uint32)
            dense = self._index["unigrams"] = self.lookup(hash_rows(every[:, None]))
        out = dense[np.minimum(codes, 0xFFFF)]
        big = codes > 0xFFFF
        if big.any():
            out[big] = self.lookup(hash_rows(codes[big][:, None]))
        return out

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


class HashIndex:
    """Linear probing over the sorted keys, in order: key ``k`` goes to the first free slot at or
    after ``k >> (32 - bits)``, and since the keys arrive sorted the non-empty slots stay sorted, so
    a scan for ``h`` stops at the first slot that is empty or holds a key above ``h``. Slot
    positions come from one running maximum (no Python loop); 0 marks an empty slot (a key 0 is
    answered apart)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray):
        if values.dtype != np.uint8:
            raise ValueError("HashIndex stores one byte per key")
        bits = max(SLOT_BITS if len(keys) > 1 << 21 else int(len(keys)).bit_length() + 1, 1)
        self.shift = np.uint32(32 - bits)
        # The keys are sorted and distinct: a key 0 can only come first.
        self.zero = values[0] if len(keys) and keys[0] == 0 else None
        if self.zero is not None:
            keys, values = keys[1:], values[1:]
        n = len(keys)
        # Home slots < 2^SLOT_BITS: int32 is exact; shifted straight into it (each temporary array
        # here is 16 MB of fresh pages, and first-touch page faults are most of the build's cost).
        slot = np.empty(n, np.int32)
        np.right_shift(keys, self.shift, out=slot, casting="unsafe")
        at = np.arange(n, dtype=np.int32)
        slot -= at
        np.maximum.accumulate(slot, out=slot)
        slot += at
        size = max(int(slot[-1]) + 2 if n else 1, (1 << bits) + 1)   # an empty slot after the last key
        self.keys = np.zeros(size, np.uint32)
        self.values = np.zeros(size, values.dtype)
        self.keys[slot] = keys
        self.values[slot] = values
        self._scaled: dict[float, np.ndarray] = {}

    def lookup(self, hashes: np.ndarray, scale: float) -> np.ndarray:
        """The value/scale of each hash, ``-inf`` where absent (as :func:`_lookup`)."""
        lut = self._scaled.get(scale)
        if lut is None:     # value/scale for every byte value: the same float32 division, done once
            lut = self._scaled[scale] = np.arange(256, dtype=np.uint8).astype(np.float32) / scale
        out = np.full(len(hashes), -np.inf, np.float32)
        slot = (hashes >> self.shift).astype(np.intp)
        k = self.keys[slot]
        found = np.flatnonzero(k == hashes)
        out[found] = lut[self.values[slot[found]]]
        # Probes past the home slot (a third of the hashes), on the ones still open.
        where = np.flatnonzero((k < hashes) & (k != 0))
        slot, h = slot[where] + 1, hashes[where]
        while len(slot):
            k = self.keys[slot]
            hit = k == h
            out[where[hit]] = lut[self.values[slot[hit]]]
            more = (k < h) & (k != 0)
            where, slot, h = where[more], slot[more] + 1, h[more]
        zero = hashes == 0      # an empty slot "matched" it above
        if zero.any():
            out[zero] = -np.inf if self.zero is None else lut[self.zero]
        return out


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
