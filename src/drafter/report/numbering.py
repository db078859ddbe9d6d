"""Numbering marks of official documents: 一、 （一） 1. （1）, their non-standard variants, 一是.

GB/T 9704-2012 sets the four heading levels 一、 （一） 1. （1）. Drafts also use 1、 (1) ㈠ and
half-width brackets; those are recognised at the same level and flagged by the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..files.patterns import compile as re_compile

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十百零〇两]+"
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_DIGITS = "零一二三四五六七八九"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(numeral: str) -> int | None:
    """Value of a Chinese numeral (一, 十二, 二十, 一百零五, 一千零一, 一万二千), or None."""
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral.translate(_FULLWIDTH_DIGITS))
    total, section, current = 0, 0, 0
    for ch in numeral:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            section += (current or 1) * _UNITS[ch]
            current = 0
        elif ch == "万":
            total += (section + current or 1) * 10000
            section, current = 0, 0
        else:
            return None
    return total + section + current


def int_to_cn(value: int) -> str:
    """Chinese numeral for a non-negative integer as used in numbering (十一, 二十, 一百零五).

    Numbering never needs more than a few dozen, but a huge file (the same report pasted
    many times) can ask for the thousandth heading; that must not crash.
    """
    if value < 0:
        raise ValueError(f"no Chinese numbering for {value}")
    if value < 10:
        return _CN_DIGITS[value]
    if value < 20:
        return "十" + (_CN_DIGITS[value - 10] if value > 10 else "")
    if value >= 10000:
        high, rest = divmod(value, 10000)
        head = int_to_cn(high) + "万"
        if not rest:
            return head
        return head + ("零" if rest < 1000 else "") + _below_10000(rest)
    return _below_10000(value)


def _below_10000(value: int) -> str:
    """1..9999 with every unit written (一十 inside a longer numeral: 一百一十)."""
    out, gap = "", False
    for size, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, size)
        if digit:
            out += ("零" if gap and out else "") + _CN_DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
    return out


@dataclass(frozen=True)
class Marker:
    """A numbering mark at the start of a heading."""

    level: int        #: 1 一、  2 （一）  3 1.  4 （1）
    number: int
    text: str         #: the mark as written, e.g. "（一）"
    style: str        #: "standard" or the name of the non-standard form
    standard: str     #: the mark as GB/T 9704 writes it, e.g. "（一）"


_CIRCLED_PAREN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"

_MARKERS = [
    # level 1: 一、 (also 一. and 一． seen in drafts)
    (re_compile(rf"({CN_NUMERAL})(、|[\.．](?![\d０-９]))"), 1),
    # level 2: （一） or (一) or mixed brackets, or ㈠
    (re_compile(rf"([（(])({CN_NUMERAL})([）)])"), 2),
    (re_compile(f"([{_CIRCLED_PAREN}])"), 2),
    # level 4 before level 3 so that （1） is not read as "1."
    (re_compile(r"([（(])([0-9０-９]{1,3})([）)])"), 4),
    # level 3: 1. or 1．, and the non-standard 1、
    (re_compile(r"([0-9０-９]{1,3})([\.．](?![\d０-９])|、)"), 3),
]


def standard_marker(level: int, number: int) -> str:
    """The GB/T 9704 numbering mark for ``number`` at ``level``."""
    if level == 1:
        return f"{int_to_cn(number)}、"
    if level == 2:
        return f"（{int_to_cn(number)}）"
    if level == 3:
        return f"{number}."
    return f"（{number}）"


#: The patterns of :data:`_MARKERS` that can match at a character, in their order: a mark opens
#: with a numeral, a bracket or a circled numeral, so most lines (every paragraph is asked) need
#: no pattern tried at all.
_MARKERS_AT: dict[str, list[tuple[re.Pattern[str], int]]] = {}
_OPENINGS = ("一二三四五六七八九十百零〇两", "（(", _CIRCLED_PAREN, "（(", "0123456789０１２３４５６７８９")
for _marker, _opening in zip(_MARKERS, _OPENINGS, strict=True):
    for _ch in _opening:
        _MARKERS_AT.setdefault(_ch, []).append(_marker)
del _marker, _opening, _ch
#: Every character a numbering mark can open with.
MARKER_OPENINGS = frozenset(_MARKERS_AT)
#: (pattern, mark as written) → its Marker, or None for a mark numbered zero. A mark's reading
#: depends on its text alone, and a report writes the same few dozen marks again and again.
_READ: dict[tuple[re.Pattern[str], str], "Marker | None"] = {}
_READ_MAX = 4096


def match_marker(text: str, pos: int = 0) -> Marker | None:
    """Parse a numbering mark at ``text[pos:]``; None when there is none."""
    if 0 <= pos < len(text):
        patterns = _MARKERS_AT.get(text[pos])
        if patterns is None:
            return None
    else:
        patterns = _MARKERS
    for pattern, level in patterns:
        m = pattern.match(text, pos)
        if not m:
            continue
        key = (pattern, m.group(0))
        try:
            marker = _READ[key]
        except KeyError:
            if len(_READ) >= _READ_MAX:
                _READ.clear()
            marker = _READ[key] = _read_marker(m, level)
        if marker is not None:
            return marker
    return None


def _read_marker(m: re.Match[str], level: int) -> Marker | None:
    """The Marker a match of a pattern of :data:`_MARKERS` at ``level`` reads, or None when its
    number is zero or unreadable."""
    if level == 2 and len(m.groups()) == 1:
        number = _CIRCLED_PAREN.index(m.group(1)) + 1
        style = "circled"
    elif level in (2, 4):
        number = cn_to_int(m.group(2)) if level == 2 else int(m.group(2).translate(_FULLWIDTH_DIGITS))
        style = "standard" if (m.group(1), m.group(3)) == ("（", "）") else "half-width-brackets"
    else:
        number = cn_to_int(m.group(1)) if level == 1 else int(m.group(1).translate(_FULLWIDTH_DIGITS))
        sep = m.group(2)
        if level == 1:
            style = "standard" if sep == "、" else "dot-after-chinese"
        else:
            style = "standard" if sep == "." else ("fullwidth-dot" if sep == "．" else "dun-after-digit")
        if level == 3 and not m.group(1).isascii():
            style = "fullwidth-digits"
    if number is None or number == 0:
        return None
    return Marker(level, number, m.group(0), style, standard_marker(level, number))


# 一是 … 二是 …: at the start of a paragraph or after a sentence or clause ends (the caller
# checks the character before; a lookbehind here would be tried at every position).
ITEM_RE = re_compile(rf"({CN_NUMERAL})是(?=[^，。；、\s])")
ITEM_BEFORE = frozenset("。；！？：，;:!?”）") | frozenset(" \t\u3000")


def item_number(marker_text: str) -> int | None:
    """Number of an item mark such as 三是."""
    try:
        return _ITEM_NUMBERS[marker_text]
    except KeyError:
        if len(_ITEM_NUMBERS) >= _READ_MAX:
            _ITEM_NUMBERS.clear()
        number = _ITEM_NUMBERS[marker_text] = cn_to_int(marker_text[:-1])
        return number


#: Item mark → its number: the few marks a report writes (一是 … 十是), read once.
_ITEM_NUMBERS: dict[str, int | None] = {}


def with_number(marker_text: str, level: int, number: int) -> str:
    """``marker_text`` renumbered to ``number``, keeping its style (（四）→（三）, 4、→3、, ㈣→㈢)."""
    if marker_text and marker_text[0] in _CIRCLED_PAREN:
        return _CIRCLED_PAREN[number - 1] if number <= len(_CIRCLED_PAREN) else standard_marker(2, number)
    if marker_text.endswith("是"):
        return int_to_cn(number) + "是"
    if level in (1, 2):
        return re.sub(CN_NUMERAL, int_to_cn(number), marker_text, count=1)
    return re.sub(r"[0-9０-９]+", str(number), marker_text, count=1)
