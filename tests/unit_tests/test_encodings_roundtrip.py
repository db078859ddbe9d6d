"""Saving keeps the file's encoding and line ends byte for byte; what cannot be encoded is refused.

Property tests (hypothesis): for generated report-like texts in UTF-8, UTF-8 with BOM, GB18030,
Big5 and UTF-16LE/BE with BOM, each with LF, CRLF or CR line ends, reading the bytes and writing
the text back gives the same bytes. Example tests: the seed in each encoding through
``save_text`` on disk; a Big5 file given a simplified character and a UTF-8/UTF-16 buffer given a
lone surrogate are refused with the characters named, and nothing is written.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.files.save import UnencodableError, save_text
from drafter.files.source import read_source, source_from_bytes

NEWLINES = ["\n", "\r\n", "\r"]
# (codec, BOM) as a file holds them; "utf-8-sig" is written by hand as BOM + UTF-8.
ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8-sig": ("utf-8", codecs.BOM_UTF8),
    "gb18030": ("gb18030", b""),
    "big5": ("big5", b""),
    "utf-16-le": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be": ("utf-16-be", codecs.BOM_UTF16_BE),
}

# What reports are made of: common and rare hanzi, full-width and ASCII punctuation, digits,
# full-width spaces, quotes and brackets, placeholders, a character outside the BMP.
_POOL = ("市委宣传部上半年工作总结及下半年计划理论武装意识形态新闻舆论精神文明文化文艺"
         "一二三四五六七八九十是着眼培根铸魂深化扎实有效开展学习研讨次万余条XＸ"
         "，。、；：？！“”‘’（）《》【】—…·　 ()[]:;,.!?0123456789０１２３"
         "abcXYZ\t鑫龘堃𠀀𡈽㈠㈡①②彅")


def _alphabet(codec: str) -> list[str]:
    out = []
    for ch in dict.fromkeys(_POOL):
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            continue
        out.append(ch)
    return out


def _lines(codec: str):
    return st.lists(st.text(alphabet=_alphabet(codec), max_size=40), min_size=0, max_size=12)


def _file_bytes(lines: list[str], name: str, newline: str) -> bytes:
    codec, bom = ENCODINGS[name]
    return bom + newline.join(lines).encode(codec)


@pytest.mark.parametrize("name", list(ENCODINGS))
@given(data=st.data(), newline=st.sampled_from(NEWLINES))
def test_decode_then_encode_is_identity(name, data, newline):
    """Property: for any generated text, read → encode reproduces the file's bytes."""
    codec, _ = ENCODINGS[name]
    lines = data.draw(_lines(codec), label="lines")
    raw = _file_bytes(lines, name, newline)
    source = source_from_bytes(raw, "报告.txt")
    assert source.encode() == raw
    assert "\r" not in source.text


@pytest.mark.parametrize("newline", NEWLINES, ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("name", ["utf-8", "utf-8-sig", "gb18030", "utf-16-le", "utf-16-be"])
def test_seed_saved_byte_for_byte(tmp_path, seed_text, name, newline):
    codec, bom = ENCODINGS[name]
    data = bom + seed_text.replace("\n", newline).encode(codec)
    path = tmp_path / "报告.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == seed_text
    save_text(source, source.text)
    assert path.read_bytes() == data
    # An edit is written in the same encoding and line ends, and nothing else changes.
    edited = seed_text.replace("研讨X次", "研讨12次")
    save_text(source, edited)
    assert path.read_bytes() == bom + edited.replace("\n", newline).encode(codec)


TRADITIONAL = ("市委宣傳部上半年工作總結\n一、上半年工作總結\n（一）著眼「培根鑄魂」，理論武裝工作不斷深化。"
               "一是理論學習紮實有效。市委理論學習中心組開展專題學習研討X次。\n")


def test_big5_file_is_read_as_big5_and_kept(tmp_path):
    path = tmp_path / "報告.txt"
    data = TRADITIONAL.replace("\n", "\r\n").encode("big5")
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == "big5" and source.text == TRADITIONAL
    save_text(source, source.text)
    assert path.read_bytes() == data


def test_big5_file_refuses_simplified_characters_and_writes_nothing(tmp_path):
    path = tmp_path / "報告.txt"
    data = TRADITIONAL.encode("big5")
    path.write_bytes(data)
    source = read_source(path)
    buffer = TRADITIONAL + "下半年继续深化理论武装，编写𠀀字。\n"
    with pytest.raises(UnencodableError) as caught:
        save_text(source, buffer)
    assert path.read_bytes() == data and os.listdir(tmp_path) == [path.name]
    expected = [ch for ch in dict.fromkeys(buffer) if not _encodes(ch, "big5")]
    assert caught.value.characters == expected and "继" in expected and "𠀀" in expected
    assert "big5" in caught.value.message and "UTF-8" in caught.value.message
    # The offered way out: save the same buffer as UTF-8, losing nothing.
    saved = save_text(replace(source, encoding="utf-8", bom=b""), buffer)
    assert path.read_bytes() == buffer.encode("utf-8") and saved.text == buffer


@pytest.mark.parametrize("name", ["utf-8", "utf-16-le", "gb18030"])
def test_lone_surrogate_is_refused_and_named(tmp_path, seed_text, name):
    """A lone surrogate (a broken paste) cannot be written in any encoding; it is named as U+D83D."""
    codec, bom = ENCODINGS[name]
    path = tmp_path / "报告.txt"
    data = bom + seed_text.encode(codec)
    path.write_bytes(data)
    source = read_source(path)
    with pytest.raises(UnencodableError) as caught:
        save_text(source, seed_text + "表情\ud83d丢失")
    assert caught.value.characters == ["\ud83d"]
    assert "U+D83D" in caught.value.message
    caught.value.message.encode("utf-8")  # the message itself can be printed
    assert path.read_bytes() == data and os.listdir(tmp_path) == [path.name]


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
