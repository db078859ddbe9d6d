"""The Aho-Corasick automaton over a checklist set's plain texts (its keys), as UTF-16 code units.

An ahocorasick_rs automaton cannot be pickled, so every process builds it again: about 2 µs a
key (a 2,000-entry user checklist and the bundled ones: ≈ 3,200 keys, ≈ 7 ms). Most keys do not
occur in a given report, and a key that does not occur takes part in no match (overlapping
search reports every occurrence of every key, whatever the other keys), so for a text short
beside the number of keys :class:`KeyAutomata` builds the automaton over only the keys that can
occur in it: the keys of one character, and those whose first and last pairs of adjacent code
units both occur in the text. The matches are the same, with their indexes mapped back to keys.
"""

from __future__ import annotations

import struct
from itertools import compress
from typing import Any

from ..files.patterns import compile as re_compile

_ASTRAL = re_compile("[\U00010000-\U0010FFFF]")

#: Two UTF-16 code units read as one native unsigned int (memoryview.cast("I")); where the
#: platform's int is not four bytes the automaton is always built over every key.
_PAIRS_OK = struct.calcsize("I") == 4
#: The pair every text is taken to hold (see KeyAutomata._first): U+FFFF twice, a non-character.
_ANY = 0xFFFFFFFF
_ANY_BYTES = b"\xff\xff\xff\xff"

#: Filter the keys while the text has at most this many characters a key. Measured with
#: benchmarks/bench_key_filter.py (regular install, the machine's other CPU busy) on distinct
#: corpus slices of 1,000–100,000 characters, against 1,237 keys (the bundled checklists) and
#: ≈ 3,235 (plus a 2,000-entry dictionary, generated or of real wrong forms): filtering costs
#: ≈ 70 ns a character (the text's pairs) plus ≈ 0.1 µs a key and 2 µs a key kept; the
#: automaton over every key 1.6–2 µs a key. The two break even at 17–25 characters a key (real
#: wrong forms: ≈ 18); at 12 filtering still saves about a third, below 3 five sixths.
CHARACTERS_PER_KEY = 12


def code_units(text: str) -> tuple[bytes, bool]:
    """``text`` as UTF-16 (little-endian) code units, and whether that is exact (no astral
    character had to be replaced).

    Over UTF-16 every character is two bytes, so a match's offsets halve to character offsets
    with no lookup; astral characters become U+FFFD so that this stays true, and matches over
    them are verified against the original text.
    """
    data = text.encode("utf-16-le", "surrogatepass")
    exact = len(data) == 2 * len(text)
    if not exact:
        data = _ASTRAL.sub("\ufffd", text).encode("utf-16-le", "surrogatepass")
    return data, exact


def unit_pairs(units: bytes) -> set[int]:
    """Every two adjacent code units of ``units`` (UTF-16, two bytes a unit), each pair as one
    int (:func:`pair_at`): the pairs at even units, then those at odd units."""
    view = memoryview(units)
    count = len(units) >> 1
    found = set(view[:(count >> 1) << 2].cast("I"))
    found.update(view[2:2 + ((max(count - 1, 0) >> 1) << 2)].cast("I"))
    return found


def pair_at(units: bytes, offset: int) -> int:
    """The two code units at byte ``offset`` of ``units`` as one int, as :func:`unit_pairs`
    reads them."""
    return memoryview(units)[offset:offset + 4].cast("I")[0]


class KeyAutomata:
    """The automata over a list of keys: one over every key, built once and kept, or one over
    the keys that can occur in a short text, built for that text.

    Picklable: the keys' code units and their first and last pairs are kept (the pairs as bytes,
    cheap to read back), the automata are not.
    """

    def __init__(self, keys: list[str]) -> None:
        #: each key's code units (encoded once, when the checklists are compiled)
        self.units: list[bytes] = [code_units(key)[0] for key in keys]
        #: each key's first and last pairs of code units, four bytes a key (read as :func:`pair_at`
        #: reads them); a key of one unit has :data:`_ANY`, which every text's pairs hold (such
        #: keys are few and cheap to keep)
        self._first = b"".join(u[:4] if len(u) >= 4 else _ANY_BYTES for u in self.units)
        self._last = b"".join(u[-4:] if len(u) >= 4 else _ANY_BYTES for u in self.units)
        self._full: Any = None
        #: characters filtered so far in this process (see :meth:`for_text`)
        self._spent = 0

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.update(_full=None, _spent=0)
        return state

    def __len__(self) -> int:
        return len(self.units)

    def full(self) -> Any:
        """The automaton over every key (built on first use; None when there are no keys)."""
        if self._full is None and self.units:
            self._full = _build(self.units)
        return self._full

    def for_text(self, units: bytes) -> tuple[Any, list[int] | None]:
        """An automaton that finds every occurrence of every key in ``units`` (a text's code
        units), and the key of each of its patterns (None when the pattern index is the key's).

        The automaton over every key once it is built, or when the text is long beside the
        number of keys; else one over the keys that can occur. Filtering is charged to the
        process by the text's length: once the texts filtered add up to what would pay for
        the whole automaton (an editor checking again and again), that is built and kept.
        """
        count = len(units) >> 1
        if (self._full is not None or not _PAIRS_OK or not self.units
                or self._spent + count > CHARACTERS_PER_KEY * len(self.units)):
            return self.full(), None
        self._spent += count
        pairs = unit_pairs(units)
        pairs.add(_ANY)
        has, last = pairs.__contains__, memoryview(self._last).cast("I")
        # The keys whose first pair occurs (one pass in C), then those whose last pair does too.
        chosen = [k for k in compress(range(len(last)), map(has, memoryview(self._first).cast("I")))
                  if has(last[k])]
        if not chosen:
            return None, chosen
        return _build([self.units[k] for k in chosen]), chosen


def _build(patterns: list[bytes]) -> Any:
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick(patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
