"""The detector's findings per paragraph, remembered in memory and in the user cache folder.

A whole-process ``drafter check`` of an unchanged report should cost no more with the detector on
than without: importing numpy and loading the statistics alone take longer than the rest of the
check. So the findings of every paragraph are kept in a small SQLite file in the user cache folder
(``DRAFTER_CACHE_DIR`` or platformdirs' cache folder; ``DRAFTER_NO_CACHE`` turns it off), keyed by a
hash of the paragraph's text, its protected spans, the threshold and the *data version* — the
statistics' and scorer's files and the detector's own code — so a rebuilt table, a retrained model
or a changed detector never reads an old answer. Only paragraphs missing from both caches reach
:mod:`drafter.typos.detector` (and numpy). The file is bounded (:data:`MAX_ENTRIES`, oldest dropped
first); each write is one transaction, so a crash leaves the old or the new state, never half.
Any error with the file (read-only folder, corrupt database, a lock held too long) only costs the
cache: findings are then computed as if it were empty.

This module must not import numpy.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..files.cache import cache_root
from .findings import StatsMissing, Suspect

try:  # the built-in module: hashlib would also load OpenSSL at every start (same digests)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

DATA = Path(__file__).resolve().parent / "data"
#: Paragraphs kept in the cache file (≈ 100 bytes each): a few hundred reports' worth.
MAX_ENTRIES = 100_000
#: Paragraphs kept in memory per process (the editor re-checks on every pause in typing).
MEMORY_ENTRIES = 20_000
_CODE_FILES = ("detector.py", "hashing.py", "stats.py", "findings.py", "results.py")
_DATA_FILES = ("stats.json", "model.json", "ngram_keys.npy", "ngram_logc.npy", "confusion_candidates.npy",
               "confusion_kinds.npy", "confusion_offsets.npy", "confusion_rows.npy", "word_keys.npy", "word_logf.npy")


@lru_cache(maxsize=1)
def model() -> dict:
    """The scorer's weights and thresholds (``data/model.json``).

    Raises:
        StatsMissing: the file is absent or unreadable.
    """
    try:
        return json.loads((DATA / "model.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StatsMissing(f"typo model unreadable in {DATA}: {exc}") from None


@lru_cache(maxsize=1)
def data_version() -> str:
    """A hash of everything a finding depends on besides its paragraph: the detector's code, the
    scorer and the statistics (the large tables by size and modification time)."""
    h = blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    for name in _DATA_FILES:
        path = DATA / name
        try:
            if path.suffix == ".json":
                h.update(path.read_bytes())
            else:
                st = path.stat()
                h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"{name}:missing".encode())
    return h.hexdigest()


@lru_cache(maxsize=8)
def _key_prefix(threshold: float):
    return blake2b(f"{data_version()}|{threshold:.6f}|".encode(), digest_size=16)


def _key(text: str, protected: tuple, threshold: float) -> bytes:
    h = _key_prefix(threshold).copy()
    h.update(repr(protected).encode())
    h.update(b"|")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.digest()


def _encode(suspects: Sequence[Suspect]) -> str:
    return json.dumps([[s.start, s.end, s.original, s.suggestion, s.confidence, s.kind] for s in suspects],
                      ensure_ascii=False)


def _decode(value: str) -> list[Suspect]:
    return [Suspect(int(a), int(b), str(o), str(g), float(c), str(k)) for a, b, o, g, c, k in json.loads(value)]


def cache_file() -> Path | None:
    """Where the findings are kept, or None when the cache is turned off."""
    root = cache_root()  # the same folder as compiled checklists, found without platformdirs
    return root / "typo-suspects.sqlite3" if root is not None else None


class _Disk:
    """The SQLite file: one table of (key, findings, insertion order)."""

    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=2.0)
        con.execute("CREATE TABLE IF NOT EXISTS suspects (key BLOB PRIMARY KEY, value TEXT NOT NULL, "
                    "added REAL NOT NULL)")
        return con

    def get(self, keys: Sequence[bytes]) -> dict[bytes, list[Suspect]]:
        if not keys or not self.path.exists():
            return {}
        out: dict[bytes, list[Suspect]] = {}
        try:
            con = self._connect()
            try:
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    rows = con.execute(f"SELECT key, value FROM suspects WHERE key IN ({','.join('?' * len(chunk))})",
                                       chunk).fetchall()
                    out.update((bytes(k), _decode(v)) for k, v in rows)
            finally:
                con.close()
        except (sqlite3.Error, OSError, ValueError, TypeError):
            return {}
        return out

    def put(self, items: dict[bytes, list[Suspect]]) -> None:
        if not items:
            return
        try:
            con = self._connect()
            try:
                with con:
                    now = time.time()
                    con.executemany("INSERT OR REPLACE INTO suspects VALUES (?, ?, ?)",
                                    [(k, _encode(v), now) for k, v in items.items()])
                    (count,) = con.execute("SELECT COUNT(*) FROM suspects").fetchone()
                    if count > MAX_ENTRIES:
                        con.execute("DELETE FROM suspects WHERE key IN (SELECT key FROM suspects "
                                    "ORDER BY added LIMIT ?)", (count - MAX_ENTRIES,))
            finally:
                con.close()
        except (sqlite3.Error, OSError):
            pass


_memory: OrderedDict[bytes, list[Suspect]] = OrderedDict()


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def find(paragraphs: Iterable[tuple[str, tuple[tuple[int, int], ...]]], threshold: float) -> list[list[Suspect]]:
    """The suspects of each (text, protected spans) paragraph at ``threshold``: from memory, then
    from the cache file, and only the rest from the detector (which loads numpy and the statistics
    on its first use).

    Raises:
        StatsMissing: a paragraph needs the detector and its tables are absent.
    """
    items = [(text, tuple(tuple(p) for p in protected)) for text, protected in paragraphs]
    results: list[list[Suspect] | None] = [None] * len(items)
    missing: dict[bytes, list[int]] = {}
    seen: dict[tuple, bytes] = {}
    for i, item in enumerate(items):
        text, protected = item
        if not _has_cjk(text):
            results[i] = []
            continue
        key = seen.get(item)
        if key is None:
            key = seen[item] = _key(text, protected, threshold)
        hit = _memory.get(key)
        if hit is not None:
            _memory.move_to_end(key)
            results[i] = hit
        else:
            missing.setdefault(key, []).append(i)
    if missing:
        path = cache_file()
        disk = _Disk(path) if path else None
        found = disk.get(list(missing)) if disk else {}
        todo = [k for k in missing if k not in found]
        if todo:
            from .detector import detector_for

            computed = detector_for(threshold).paragraphs(items[missing[k][0]] for k in todo)
            new = dict(zip(todo, computed))
            found.update(new)
            if disk:
                disk.put(new)
        for key, suspects in found.items():
            _memory[key] = suspects
            for i in missing[key]:
                results[i] = suspects
        while len(_memory) > MEMORY_ENTRIES:
            _memory.popitem(last=False)
    return [r if r is not None else [] for r in results]
