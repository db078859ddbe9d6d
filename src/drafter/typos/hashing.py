"""Text → code arrays and n-gram hashes, shared by the build script and the detector.

The statistics are stored as sorted 32-bit hashes of character n-grams, so that looking up every
n-gram of a text is one vectorised ``searchsorted``. Build and lookup must hash identically: both
go through :func:`codes_of` and :func:`hash_rows`.
"""

from __future__ import annotations

import numpy as np

#: The code a paragraph boundary gets; the corpus puts one between paragraphs.
BOUNDARY = ord("\n")
_PRIME = np.uint32(0x01000193)
_OFFSET = 2166136261


def codes_of(text: str) -> np.ndarray:
    """The text's code points as uint32, digits folded to ``0``, Latin letters to ``a``,
    blanks to a space, so that statistics generalise over figures and names of things."""
    a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    digit = ((a >= 48) & (a <= 57)) | ((a >= 0xFF10) & (a <= 0xFF19))
    latin = (((a >= 65) & (a <= 90)) | ((a >= 97) & (a <= 122))
             | ((a >= 0xFF21) & (a <= 0xFF3A)) | ((a >= 0xFF41) & (a <= 0xFF5A)))
    blank = (a == 32) | (a == 9) | (a == 0x3000) | (a == 13)
    a[digit] = 48
    a[latin] = 97
    a[blank] = 32
    a[a == 10] = BOUNDARY
    return a


def _mix(h: np.ndarray) -> np.ndarray:
    # murmur3's finaliser: spreads the FNV state so nearby n-grams do not cluster. In place: the
    # callers pass an array of their own.
    with np.errstate(over="ignore"):
        h ^= h >> np.uint32(16)
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
    return h


def hash_rows(grams: np.ndarray) -> np.ndarray:
    """Hash each row of a (K, n) uint32 array: one n-gram per row (the order is part of the hash)."""
    n = grams.shape[1]
    h = np.full(grams.shape[0], np.uint32(_OFFSET ^ n), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = (h ^ grams[:, k]) * _PRIME
        return _mix(h)


def hash_columns(columns) -> np.ndarray:
    """:func:`hash_rows` of the n-grams whose characters are given column by column: a sequence
    of n equal-length uint32 arrays (or the rows of an (n, K) array) — no (K, n) array to build,
    and every pass reads contiguous memory."""
    n = len(columns)
    h = np.full(len(columns[0]), np.uint32(_OFFSET ^ n), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for col in columns:
            h ^= col
            h *= _PRIME
    return _mix(h)


def ngram_hashes(codes: np.ndarray, n: int) -> np.ndarray:
    """The hash of every n-gram of ``codes`` (``len(codes) - n + 1`` values), without copying windows."""
    m = len(codes) - n + 1
    if m <= 0:
        return np.zeros(0, np.uint32)
    h = np.full(m, np.uint32(_OFFSET ^ n), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = (h ^ codes[k:k + m]) * _PRIME
        return _mix(h)
