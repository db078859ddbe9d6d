"""Number text helpers for the number.* checks: digit classes, reading mixed numerals, writing values.

A module whose name starts with ``_`` is not a check; the registry skips it.
"""

from __future__ import annotations

CN_DIGIT = "〇零一二三四五六七八九两"
CN_UNIT = "十百千万亿"
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
_FULL = str.maketrans("０１２３４５６７８９．", "0123456789.")


def to_half_width(text: str) -> str:
    """Full-width digits and full stop (１２．５) as ASCII (12.5)."""
    return text.translate(_FULL)


def read_value(text: str) -> float | None:
    """The value of a number written with Arabic digits, Chinese digits and units mixed
    (1万2千 → 12000, 1千 → 1000, 一百08 → 108, 3.5万 → 35000), or None when it is not one."""
    total = 0.0      # whole 亿 and 万 sections already closed
    section = 0.0    # the part below 万 being built
    current: float | None = None
    digits = ""
    for ch in to_half_width(text) + "\0":
        if ch.isdigit() or ch == "." and digits:
            digits += ch
            continue
        if digits:
            try:
                value = float(digits)
            except ValueError:
                return None
            # "08" after 一百 continues the Chinese reading (一百零八)
            current = value if current is None else current * 10 ** len(digits) + value
            digits = ""
        if ch == "\0":
            break
        if ch in _CN_VALUE:
            current = _CN_VALUE[ch] if current is None else current * 10 + _CN_VALUE[ch]
            if ch in "〇零" and current == 0:
                current = None
        elif ch in _UNIT_VALUE:
            section += (1 if current is None else current) * _UNIT_VALUE[ch]
            current = None
        elif ch in "万亿":
            size = 10000 if ch == "万" else 100000000
            total = (total + section + (current or 0)) * size if ch == "亿" or total == 0 else \
                total + (section + (current or 0)) * size
            section, current = 0.0, None
        else:
            return None
    return total + section + (current or 0)


def write_value(value: float) -> str:
    """A value the way statistics are written: digits, with 万/亿 for round large values
    (12000 → 1.2万, 1000 → 1000, 300000000 → 3亿)."""
    for size, name in ((100000000, "亿"), (10000, "万")):
        if value >= size:
            scaled = value / size
            text = f"{scaled:.4f}".rstrip("0").rstrip(".")
            if abs(float(text) * size - value) < 1e-6:
                return text + name
    return f"{value:.4f}".rstrip("0").rstrip(".")
