"""The rewritten text scans find exactly what the plain ones they replace found (issue 11).

Several scans were rewritten for speed: patterns led by a literal character or a character class
(which ``re`` skips to) instead of an alternation or a lookbehind (which it tries at every
position), filters moved from Python into the pattern, one pass over a text instead of one per
line. Each is compared here with the plain form it replaced, kept below as the reference: on the
samples, on the test data's real reports, on generated strings of the characters the scans are
about, and, where the shared corpus is reachable (``../shared/corpus`` beside the repository, or
``$DRAFTER_SHARED``), on half a megabyte of real official text per file.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import consistency_variant, number_fixed, number_mixed, placeholder
from drafter.files.resources import samples_dir
from drafter.report import protected

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DRAFTER_SHARED") or ROOT.parent / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []
ALPHABET = ("0123456789０１〇零一二三四五六七八九两十百千万亿.．XxＸｘ×某Aa_ 　\n，。、；“”「」\"《》（）"
            "省市县区镇乡村旗盟自治州街道社城超小左中委政府人大行署公司集团银行日报卫视央视新华社"
            "张王李欧阳同志部长副书记者干常员出席有的和年次余条届全会个意识严实稳保把手第五")


#: Pieces of text around the contexts the scans tell apart, joined at random.
PIECES = ("乌拉特中旗", "前旗", "红旗", "国旗", "旗委", "盟行署", "联盟", "盟委", "自治县域", "自治州", "自治旗", "社区",
          "新华社区", "街道", "城市", "市场", "全省", "省份", "乡村", "青石镇", "柳河村", "的村", "区域", "开发区",
          "副部长", "书记者", "干部长", "常委员", "经理事长", "张宏扬", "欧阳", "同志", "、", "出席的有", "人民日报",
          "日报", "央视网", "央视频号", "卫视频号", "广播电视台", "融媒体中心", "新闻网", "新华社", "“", "”", "《", "》", "\"", "X", "XX", "Ｘ", "x", "×", "某某", "某", "20", "19",
          "XX年", "次", "余", "万元", "小时", "日报", "第", "增长", "，", "。", " ", "\n", "1", "2", "１", "0", "〇",
          "一", "十", "千", "万", "亿", "零", ".", "．", "千米", "多万", "大精神", "届", "中全会", "个意识", "严", "实",
          "稳", "保", "把手", "书记", "五”", "百姓百团", "百人百讲", "A", "_", "b", "第1书记", "1把手", "3严3实", "2稳2保",
          "“14五”", "19届4中全会", "4个意识", "19大精神", "二0二0年", "1千多人", "1万2千条", "一百08", "3千米",
          "10亿零817万", "1亿3千多万", "20XX年", "X余条", "X.X", "达X", "XX有礼", "研讨X次")


# -- the plain forms (as they were before issue 11) ---------------------------------------------

_PLACE_SUFFIX = re.compile(r"(自治州|自治县|街道|社区|[省市县区镇乡村]|(?<=[左右前后中])旗|自治旗"
                           r"|[旗盟](?=委|人民政府|政府|党委|人大|政协|宣传部|融媒体|境内)|盟(?=行政公署|行署))")
_TITLE_WORD = re.compile("|".join(sorted(protected._TITLES, key=len, reverse=True)))
_MEDIA_NAME = re.compile("|".join(sorted(protected.MEDIA_NAMES, key=len, reverse=True)))
_SHORT_QUOTE = re.compile(r"[“「『‘\"]([^“”「」『』‘’\"\n，。；！？、,;!?]{1,8})[”」』’\"]")
_MEDIA_SUFFIX = re.compile(r"(日报|晚报|早报|都市报|商报|电视台|广播电台|广播电视台|卫视|融媒体中心|新闻网|客户端)")


def _places(text: str) -> list:
    out = []
    for m in _PLACE_SUFFIX.finditer(text):
        at = m.start()
        if at < 2 or text[at - 1:m.end()] in protected._NOT_PLACE \
                or text[m.end() - 1:m.end() + 1] in protected._SUFFIX_OPENS_WORD:
            continue
        first, second = text[at - 2], text[at - 1]
        if "\u4e00" <= first <= "\u9fff" and "\u4e00" <= second <= "\u9fff" \
                and first not in protected._NOT_IN_NAME and second not in protected._NOT_IN_NAME:
            out.append((at - 2, m.end(), "place"))
    return out


_X, _MOU = placeholder._X, placeholder._MOU
_CANDIDATE = re.compile(
    rf"[{_X}]{{1,4}}(?:(?=(?:{placeholder._SUFFIX}))(?!(?:{placeholder._NOT_SUFFIX}))|(?=[.．][{_X}0-9])"
    rf"|(?=[，。；、：,;:%％\s]|$)|(?=年))|某(?=[{_MOU}])")
_STOP = re.compile(r"[，。；：、！？,.;:!?“”‘’（）《》【】()\s]")
_LATIN = re.compile(r"[A-Za-z0-9_]")


def _name_placeholders(text: str) -> list:
    out = []
    for m in re.finditer(r"[XＸ]{2,}|某某", text):
        start, end = m.span()
        if m.group() != "某某":
            after = text[end:end + 1]
            if start and _LATIN.match(text, start - 1) or after and _LATIN.match(after) and not after.isdigit():
                continue
        out.append(m.span())
    return out


def _phrase(text: str, start: int, end: int) -> str:
    left = start
    while left > max(0, start - 4) and not _STOP.match(text[left - 1]):
        left -= 1
    right = end
    while right < min(len(text), end + 4) and not _STOP.match(text[right]):
        right += 1
    return text[left:right]


_D = "[0-9０-９]"
_AFTER_ONE_OR_TWO = re.compile(number_fixed._AFTER_ONE_OR_TWO)
_AFTER_ONE = re.compile(number_fixed._AFTER_ONE)


def _fixed_expressions(text: str) -> list:
    out = []
    for m in re.finditer(f"{_D}{{1,2}}", text):
        s, e = m.span()
        if s and text[s - 1] in "0123456789０１２３４５６７８９":
            continue
        if s and text[s - 1] == "“" and text.startswith("五”", e) and e - s == 2 \
                or _AFTER_ONE_OR_TWO.match(text, e) \
                or e - s == 1 and (_AFTER_ONE.match(text, e)
                                   or s and text[s - 1] in "严稳" and text[e:e + 1] in ("实", "保")
                                   or text[s] == "1" and (text.startswith("把手", e)
                                                          or s and text[s - 1] == "第" and text.startswith("书记", e))):
            out.append((s, e))
    return out


_C = f"{number_mixed._D}{number_mixed._CN}十百千万亿"
_RUN = re.compile(rf"[{_C}](?:[{_C}]|[.．](?=[{number_mixed._D}]))*")


def _runs_with_arabic(text: str) -> list:
    """The runs that hold an Arabic digit and a Chinese numeral or 十/百/千/万/亿 (every other run
    is allowed by GB/T 15835 as it stands)."""
    return [(m.start(), m.group()) for m in _RUN.finditer(text)
            if re.search(f"[{number_mixed._D}]", m.group()) and re.search(f"[{number_mixed._CN}十百千万亿]", m.group())]


def _quoted_names(text: str) -> dict:
    names: dict = {}
    for m in re.finditer(r"“([^“”\n]{2,40})”|《([^《》\n]{2,40})》", text):
        group = 1 if m.group(1) is not None else 2
        names.setdefault(m.group(group), []).append(m.span(group))
    return names


def _variant_groups(text: str) -> dict:
    groups: dict = {}
    for m in re.finditer(r"“([^“”\n]{2,40})”|《([^《》\n]{2,40})》", text):
        group = 1 if m.group(1) is not None else 2
        key = consistency_variant._SEPARATORS.sub("", m.group(group))
        if len(key) >= 3:
            groups.setdefault(key, {}).setdefault(m.group(group), []).append(m.span(group))
    return {key: forms for key, forms in groups.items() if len(forms) > 1}


def _detector_only_spans(text: str) -> list:
    spans = [protected.ProtectedSpan(m.start(1), m.end(1), "quoted-name") for m in _SHORT_QUOTE.finditer(text)]
    spans += (protected.ProtectedSpan(m.start(), m.end(), "media") for m in _MEDIA_NAME.finditer(text))
    for m in _MEDIA_SUFFIX.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 4 and "\u4e00" <= text[start - 1] <= "\u9fff" \
                and text[start - 1] not in protected._NOT_IN_NAME:
            start -= 1
        spans.append(protected.ProtectedSpan(start, m.end(), "media"))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _detector_only_by_line(text: str) -> list:
    out, at = [], 0
    for line in text.split("\n"):
        out += sorted((s.start + at, s.end + at) for s in protected.detector_only_spans(line))
        at += len(line) + 1
    return out


# -- the comparison ------------------------------------------------------------------------------

def _same(text: str) -> None:
    assert protected._places(text) == _places(text)
    assert [m.span() for m in protected._TITLE_WORD.finditer(text)] == [m.span() for m in _TITLE_WORD.finditer(text)]
    assert protected.detector_only_ranges(text) == [(s.start, s.end, s.kind) for s in _detector_only_spans(text)]
    assert [m.span() for m in placeholder._CANDIDATE.finditer(text)] == [m.span() for m in _CANDIDATE.finditer(text)]
    assert [m.span() for m in placeholder._NAME_RE.finditer(text)] == _name_placeholders(text)
    for start in range(0, len(text), max(1, len(text) // 50)):
        assert placeholder._phrase(text, start, start + 1) == _phrase(text, start, start + 1)
    assert list(number_fixed._fixed_expressions(text, 0)) == _fixed_expressions(text)
    assert [(m.start(), m.group()) for m in number_mixed._RUN.finditer(text)] == _runs_with_arabic(text)
    assert consistency_variant._quoted_names(text, 0) == _quoted_names(text)
    assert list(consistency_variant.variant_groups(text).items()) == list(_variant_groups(text).items())
    assert protected.detector_only_offsets(text) == _detector_only_by_line(text)
    assert protected.detector_only_spans(text) == _detector_only_spans(text)


def test_same_on_the_samples_and_real_reports():
    paths = list(samples_dir().glob("*.txt")) + list((ROOT / "tests" / "data").rglob("*.txt"))
    assert paths
    for path in paths:
        _same(path.read_text(encoding="utf-8-sig"))


def test_the_references_can_tell_a_difference():
    """The comparison is not vacuous: the plain forms find what the checks are about."""
    text = "在青石镇柳河村调研，副部长刘思远、央视记者出席。开展学习X次，XX市、某某单位，二0二0年，" \
           "党的19大，“百姓百团 百人百讲”和《关于XX的通知》。"
    assert _places(text) and list(_TITLE_WORD.finditer(text)) and list(_MEDIA_NAME.finditer(text))
    assert _name_placeholders(text) and list(_CANDIDATE.finditer(text)) and _fixed_expressions(text)
    assert _runs_with_arabic(text) and len(_quoted_names(text)) == 2 and _detector_only_by_line(text)
    assert _variant_groups(text + "又如“百姓百团、百人百讲”。")
    _same(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_same_on_generated_text(text):
    _same(text)


def test_same_on_every_pair_of_pieces():
    _same("".join(a + b for a in PIECES for b in PIECES))


def test_same_variants_when_many_names_vary(monkeypatch):
    """Past a few names written two ways the whole text is searched, not their lines."""
    text = "\n".join(f"“第{i}项 工程”和“第{i}项、工程”，《第{i}本 书》" for i in range(20))
    assert len(_variant_groups(text)) == 20
    _same(text)
    monkeypatch.setattr(consistency_variant, "_FEW", 0)
    _same(text)
    _same("".join(a + b for a in PIECES for b in PIECES))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_same_on_generated_pieces(text):
    _same(text)


@pytest.mark.skipif(not CORPUS, reason="the shared corpus is not reachable")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_same_on_the_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        _same(handle.read(500_000))
