"""Protected text: people's and places' names, organisations, quoted titles and the user's own words.

No fix ever changes protected text (``drafter.api.analyze`` strips such fixes for every check,
and drops a replacement flagged inside a name), and the typo detector never looks inside it. The
clues are the ones a proofreader uses, not a list of names:

- a person: a surname plus one or two characters after a title (部长张宏扬, 主席王精采), before
  同志 (张宏扬同志), or in a 、-separated list of such names after 出席/参加/主持/陪同 or before 等;
- a place: the two characters before 省/市/县/区/镇/乡/村/街道/社区/自治州 (流水镇, 松南村), or
  旗/盟 where the text says administrative unit (…左旗, 旗委), except where the suffix makes an
  ordinary word (城市, 地区, 小区);
- an organisation: the name before 有限公司/集团/公司/银行 …;
- a title in 《》;
- every occurrence of a word the user protects (``protected:`` in drafter.yaml).

:func:`detector_only_spans` adds names that only the statistical typo detector must leave alone
(short quoted names such as “XX有礼”, media and outlet names such as 央视 or XX日报): a name is
improbable text by nature, so the detector would "correct" it, but a checklist entry names a known
wrong form that is wrong inside quotes too (“不忘初心、牢记使名”), and punctuation or number fixes
inside a campaign name are as right as anywhere — so those checks keep their fixes there.
Names formed with a suffix (…工程, …行动, …计划, …品牌, …榜) are not protected unquoted: in 57
clean real reports (32.7k characters) the words before those suffixes were ordinary words
(工作计划, 三年行动, 专项整治行动) about 40 times out of 45, text a typo must still be found in; the
names among them were quoted (“千人公德榜”).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import Any, Iterable

from ..files.patterns import compile as re_compile, fast

#: Single and compound surnames, most common first (the 《百家姓》 names in current use).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆"
    "朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵩帖蔚")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯")

_TITLES = ("副书记", "书记", "副部长", "部长", "副主任", "主任", "副主席", "主席", "副局长", "局长", "副市长", "市长",
           "副县长", "县长", "副区长", "区长", "副省长", "省长", "镇长", "乡长", "村长", "副处长", "处长", "副科长",
           "科长", "副厅长", "厅长", "委员", "秘书长", "副院长", "院长", "副校长", "校长", "董事长", "总经理", "经理",
           "副组长", "组长", "常委", "副会长", "会长", "理事长", "总监", "主编", "社长", "台长", "站长", "所长", "馆长",
           "队长", "专家", "教授", "老师", "代表", "记者", "党员", "干部", "职工", "群众", "先生", "女士")
_CJK = "\u4e00-\u9fff"
_NOT_IN_NAME = set("的了和与及或等在是为对把被将从向到同志们各全本该其此这那每")
_LIST_TRIGGERS = ("出席", "参加", "列席", "主持", "陪同", "参会", "出席会议", "领导", "有")
#: A place suffix that makes an ordinary word with the character before it (城市, 地区…).
_NOT_PLACE = {"城市", "超市", "上市", "都市", "股市", "集市", "门市", "夜市", "早市", "菜市", "地区", "小区", "园区",
              "景区", "城区", "辖区", "山区", "灾区", "市区", "郊区", "片区", "专区", "牧区", "矿区", "库区", "社区",
              "街区", "湾区", "误区", "禁区", "校区", "营区", "厂区", "老区", "新区", "战区", "分区", "林区", "试区",
              "乡村", "农村", "山村", "渔村", "新村", "邻村", "全村", "本村", "各村", "全乡", "城乡", "家乡", "故乡",
              "下乡", "返乡", "同乡", "全镇", "各镇", "城镇", "乡镇", "集镇", "重镇", "全县", "各县", "本县", "郡县",
              "全省", "各省", "外省", "本省", "分省", "反省", "节省", "全市", "各市", "本市", "县市", "省市", "全区",
              "各区", "本区", "地市", "城旗", "红旗", "国旗", "党旗", "团旗", "旗帜", "联盟", "结盟", "加盟", "同盟"}
#: Kinds of zone named by their type, not by a name (试验区, 开发区, 自治区): no name to protect.
_NOT_PLACE |= {"验区", "范区", "治区", "政区", "发区", "行区", "能区", "聚区", "易区", "作区", "导区", "产区", "贸区",
               "户区", "济区", "点区", "合区", "辖市", "列市", "级市", "困县", "政村", "中村", "大县"}
#: A suffix that opens an ordinary word with the next character (市场, 区域, 村庄): the two
#: characters before it are ordinary text (主义市场, 合理区域); in the corpus these were 23,000
#: of the 95,000 place spans.
_SUFFIX_OPENS_WORD = {"区域", "区分", "区别", "区块", "区间", "区位", "市场", "市容", "市值", "市面", "市价", "省份",
                      "省力", "省钱", "县域", "镇域", "村落", "村庄", "乡村", "乡镇", "乡土", "乡愁", "乡亲"}
#: 旗 and 盟 (Inner Mongolia's banners and leagues) are everyday characters (国旗, 伟大旗帜, 联盟): in the
#: corpus every one of 272 "X旗/X盟" read as a place was ordinary text, so they count only where the
#: text says administrative unit (…左旗, 自治旗, 旗委, 盟行署).
_UNIT_WORDS = "委|人民政府|政府|党委|人大|政协|宣传部|融媒体|境内"
_ONE_CHAR_SUFFIXES = (("省", ""), ("市", ""), ("县", ""), ("区", ""), ("镇", ""), ("乡", ""), ("村", ""),
                      ("旗", f"(?:(?<=[左右前后中]旗)|(?={_UNIT_WORDS}))"), ("盟", f"(?={_UNIT_WORDS}|行政公署|行署)"))


def _name_char_class() -> str:
    """A character class body: the CJK ideographs except :data:`_NOT_IN_NAME`."""
    ranges, low = [], 0x4E00
    for code in sorted(ord(c) for c in _NOT_IN_NAME):
        if code > low:
            ranges.append(f"{chr(low)}-{chr(code - 1)}" if code - 1 > low else chr(low))
        low = code + 1
    ranges.append(f"{chr(low)}-\u9fff")
    return "".join(ranges)


def _one_char_place(suffix: str, condition: str) -> str:
    """A one-character suffix with what :func:`_places` asks of it, so that ``re`` drops the
    suffixes that name no place (most of them) itself; dropped or consumed, a one-character match
    leaves the search at the next character alike."""
    name = f"[{_name_char_class()}]"
    pattern = f"{suffix}{condition}(?<={name}{name}{suffix})"
    before = "".join(sorted(w[0] for w in _NOT_PLACE if w[1] == suffix))
    if before:
        pattern += f"(?<![{before}]{suffix})"
    after = "".join(sorted(w[1] for w in _SUFFIX_OPENS_WORD if w[0] == suffix))
    if after:
        pattern += f"(?![{after}])"
    return pattern


#: Each alternative opens with a literal character, so ``re`` skips to those characters instead
#: of trying the pattern at every position (5 ms instead of 48 on a 2.7 MB report).
_PLACE_SUFFIX = re_compile("(" + "|".join(_one_char_place(s, c) for s, c in _ONE_CHAR_SUFFIXES)
                           + "|自治州|自治县|自治旗|街道|社区)")
_ORG_SUFFIX = re_compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司|银行|研究院|研究所|协会|学会|基金会)")
#: A quoted title, its blanks inside the marks left out (a stray space after 《 is layout, not title).
_TITLE = re_compile(r"《[ \u3000\t]*([^《》\n]{0,80}?[^《》\n \u3000\t])[ \u3000\t]*》")


@dataclass(frozen=True)
class ProtectedSpan:
    """``text[start:end]`` must not be changed by any fix; ``kind`` says why."""

    start: int
    end: int
    kind: str   #: "person", "place", "organization", "title" or "user"


def _surname_at(text: str, i: int) -> int:
    """Length of the surname starting at ``i`` (0 if none)."""
    if text[i:i + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if i < len(text) and text[i] in SURNAMES else 0


def _name_at(text: str, i: int, max_given: int = 2) -> int:
    """End of a person's name starting at ``i`` (surname + 1–2 given characters), or ``i``."""
    s = _surname_at(text, i)
    if not s:
        return i
    j = i + s
    k = j
    while k < len(text) and k - j < max_given and "\u4e00" <= text[k] <= "\u9fff" and text[k] not in _NOT_IN_NAME:
        k += 1
    if k == j:
        return i
    # A following 同志 ends the name exactly where it starts.
    cut = text.find("同志", j, k + 2)
    if j < cut <= k:
        k = cut
    return k if k > j else i


def _longest_first(words: Iterable[str]) -> str:
    """A pattern matching the longest of ``words`` that starts at a position, its alternatives
    grouped by their first character (``re`` then tests each candidate position against one
    alternative per first character, not against every word: 7 ms instead of 11 at 2.7 MB)."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(re.escape(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                            for first, rests in groups.items()) + ")"


#: Two to four characters before 同志 (``regex`` finds 同志 first on a long text: 60× faster).
_BEFORE_TONGZHI = fast(f"([{_CJK}]{{2,4}})同志")
_TITLE_WORD = re_compile(_longest_first(_TITLES))
_LIST_OPENING = re_compile("(?:出席|参加|列席|陪同|参会)(?:会议|活动)?(?:的)?(?:领导|同志)?(?:有|：|:)?")


def _persons(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _BEFORE_TONGZHI.finditer(text):
        end = m.start(2 - 1) + len(m.group(1))
        for start in (end - 3, end - 2, end - 4):
            if start >= m.start() and _name_at(text, start, end - start - 1) == end and not any(
                    t in text[start:end] for t in ("各位", "广大", "老", "年轻", "青年", "领导")):
                out.append((start, end, "person"))
                break
    surnames, compound = SURNAMES, COMPOUND_SURNAMES
    # (Most titles are not followed by a name: a surname must come next before _name_at is asked.)
    for m in _TITLE_WORD.finditer(text):
        at = m.end()
        if text[at:at + 1] in surnames or text[at:at + 2] in compound:
            end = _name_at(text, at)
            if end > at:
                out.append((at, end, "person"))
    # Lists: 出席的有张宏扬、余辉… and every name that follows a found one after a 、.
    for m in _LIST_OPENING.finditer(text):
        at = m.end()
        end = _name_at(text, at)
        if end > at and text[end:end + 1] == "、":
            out.append((at, end, "person"))
    return out


def _listed(text: str, persons: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names in a 、-list after a found name: 副部长余辉、李贤慧."""
    out = []
    for _, at, _ in persons:
        while text[at:at + 1] == "、":
            end = _name_at(text, at + 1)
            if end == at + 1:
                break
            out.append((at + 1, end, "person"))
            at = end
    return out


def _places(text: str) -> list[tuple[int, int, str]]:
    out = []
    not_in_name, not_place, opens_word = _NOT_IN_NAME, _NOT_PLACE, _SUFFIX_OPENS_WORD
    for m in _PLACE_SUFFIX.finditer(text):
        at, end = m.span()
        if at < 2:
            continue
        first, second = text[at - 2], text[at - 1]   # the two characters of the name
        if "\u4e00" <= first <= "\u9fff" and "\u4e00" <= second <= "\u9fff" and first not in not_in_name \
                and second not in not_in_name and text[at - 1:end] not in not_place \
                and text[end - 1:end + 1] not in opens_word:
            out.append((at - 2, end, "place"))
    return out


def _organizations(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _ORG_SUFFIX.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 8 and "\u4e00" <= text[start - 1] <= "\u9fff" \
                and text[start - 1] not in _NOT_IN_NAME:
            start -= 1
        if m.start() - start >= 2:
            out.append((start, m.end(), "organization"))
    return out


#: A quoted short name: a campaign, slogan, brand or honour of a few characters (“XX有礼”, 「十进」)
#: with no clause punctuation inside. Longer quotes are sentences and slogans a typo can hide in.
_QUOTE_OPENERS = "“「『‘\""
_QUOTED_NAME = r"([^“”「」『』‘’\"\n，。；！？、,;!?]{1,8})[”」』’\"]"
#: National media and platforms that reports cite as outlets (a product-level list, by name).
MEDIA_NAMES = ("新华社", "新华网", "央视", "央广", "央视网", "央广网", "中央电视台", "中央人民广播电台", "中央广播电视总台",
               "中国之声", "新闻联播", "焦点访谈", "人民日报", "人民网", "光明日报", "光明网", "经济日报", "求是",
               "学习强国", "中国青年报", "中青报", "中国日报", "中国新闻社", "中新社", "中新网", "解放军报", "法治日报",
               "工人日报", "农民日报", "科技日报", "中国纪检监察报", "中国组织人事报", "学习时报", "环球时报",
               "参考消息", "澎湃新闻", "今日头条", "抖音", "快手", "微信", "微博", "视频号", "公众号", "头条号", "哔哩哔哩")
#: Outlet kinds a name comes before (XX日报, 江苏卫视, 县融媒体中心): the name is protected too.
OUTLET_KINDS = ("日报", "晚报", "早报", "都市报", "商报", "电视台", "广播电台", "广播电视台", "卫视", "融媒体中心", "新闻网",
                "客户端")


def _detector_only_pattern() -> tuple[str, tuple[str, ...]]:
    """One pattern for the three searches of :func:`detector_only_spans` (a quoted name, a media
    name, an outlet kind) and the search each capturing group belongs to.

    Each alternative is a literal first character, the rest of the match captured in a lookahead:
    ``re`` skips to those characters (one pass, not three), and every match is one character long,
    so no position is passed over — where one search's match covers the next, the scan in
    :func:`_detector_only` drops it, as that search alone would have skipped it."""
    alternatives, searches = [], []
    for opener in _QUOTE_OPENERS:
        alternatives.append(re.escape(opener) + f"(?={_QUOTED_NAME})")
        searches.append("quote")
    starts: dict[str, tuple[str, ...]] = {}
    for search, words in (("media", MEDIA_NAMES), ("outlet", OUTLET_KINDS)):
        groups: dict[str, list[str]] = {}
        for word in sorted(words, key=len, reverse=True):   # the longest at a position wins
            groups.setdefault(word[0], []).append(word)
        for first, group in groups.items():
            # Two searches that can match at one position would hide one another.
            assert not any(w.startswith(v) or v.startswith(w) for v in starts.get(first, ()) for w in group)
            starts[first] = starts.get(first, ()) + tuple(group)
            alternatives.append(re.escape(first) + "(?=(" + "|".join(re.escape(w[1:]) for w in group) + "))")
            searches.append(search)
    return "|".join(alternatives), tuple(searches)


_DETECTOR_ONLY_SOURCE, _SEARCH_OF_GROUP = _detector_only_pattern()
_DETECTOR_ONLY = re_compile(_DETECTOR_ONLY_SOURCE)


def _detector_only(text: str) -> tuple[list, list, list]:
    """The ``(start, end)`` of the quoted names, the media names and the outlets (with up to four
    characters of name before the kind: XX日报, 江苏卫视), each as its own search finds them."""
    quotes: list[tuple[int, int]] = []
    media: list[tuple[int, int]] = []
    outlets: list[tuple[int, int]] = []
    quote_end = media_end = outlet_end = 0    # where each search would look next
    search_of = _SEARCH_OF_GROUP
    for m in _DETECTOR_ONLY.finditer(text):
        group = m.lastindex
        at, end = m.start(), m.end(group)
        search = search_of[group - 1]
        if search == "quote":
            if at >= quote_end:
                quotes.append((at + 1, end))
                quote_end = end + 1   # past the closing mark
        elif search == "media":
            if at >= media_end:
                media.append((at, end))
                media_end = end
        elif at >= outlet_end:
            outlet_end = end
            start = at
            while start > 0 and at - start < 4 and "\u4e00" <= text[start - 1] <= "\u9fff" \
                    and text[start - 1] not in _NOT_IN_NAME:
                start -= 1
            outlets.append((start, end))
    return quotes, media, outlets


def detector_only_ranges(text: str) -> list[tuple[int, int, str]]:
    """:func:`detector_only_spans` as ``(start, end, kind)`` tuples, in the same order."""
    quotes, media, outlets = _detector_only(text)
    spans = [(start, end, "quoted-name") for start, end in quotes]
    spans += [(start, end, "media") for start, end in media + outlets]
    spans.sort(key=_START_END)
    return spans


def detector_only_offsets(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of :func:`detector_only_spans`, sorted. None crosses a line end, so a
    whole text's are its lines' moved by each line's offset."""
    quotes, media, outlets = _detector_only(text)
    spans = quotes + media + outlets
    spans.sort()
    return spans


def detector_only_spans(text: str) -> list[ProtectedSpan]:
    """Names the typo detector must not look into but other checks may fix (see the module's
    docstring): short quoted names ("quoted-name") and media names ("media"), sorted by start."""
    return _as_spans(detector_only_ranges(text))


class SpanList(list):
    """Protected spans sorted by start, with the running maximum of their ends, so that
    :func:`overlaps` skips by bisection every span that ends before the edit (a 2.7 MB report
    has thousands of spans and thousands of fixes)."""

    _max_end: list[int] | None = None

    def max_ends(self) -> list[int]:
        if self._max_end is None or len(self._max_end) != len(self):
            self._max_end = list(accumulate((s.end for s in self), max, initial=-1))[1:]
        return self._max_end

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Pickled (a forked worker's answer) as (start, end, kind) tuples: a third of the bytes,
        # loaded in half the time of each span's dictionary of fields.
        if all(type(span) is ProtectedSpan and len(span.__dict__) == 3 for span in self):
            return _span_list, ([(span.start, span.end, span.kind) for span in self],)
        return super().__reduce_ex__(protocol)


def _span_list(ranges: list[tuple[int, int, str]]) -> SpanList:
    return SpanList(_as_spans(ranges))


def protected_spans(text: str, words: Iterable[str] = ()) -> SpanList:
    """Every protected stretch of ``text``, sorted by start (spans may overlap)."""
    persons = _persons(text)
    spans = persons + _listed(text, persons) + _places(text) + _organizations(text)
    spans += [(*m.span(1), "title") for m in _TITLE.finditer(text) if len(m.group(1)) <= 60]
    for word in {w for w in words if w}:
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word), "user"))
            start = text.find(word, start + 1)
    spans.sort(key=_START_END)   # stable: spans with the same start and end keep this order
    return SpanList(_as_spans(spans))


_START_END = itemgetter(0, 1)


def _as_spans(ranges: list[tuple[int, int, str]]) -> list[ProtectedSpan]:
    """The spans of ``(start, end, kind)`` tuples, made as ``drafter.report.model.made`` makes
    them (the frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``:
    twice the time, for thousands of spans)."""
    new, cls = object.__new__, ProtectedSpan
    out = []
    for start, end, kind in ranges:
        span = new(cls)
        fields = span.__dict__
        fields["start"], fields["end"], fields["kind"] = start, end, kind
        out.append(span)
    return out


def overlaps(spans: list[ProtectedSpan], start: int, end: int) -> ProtectedSpan | None:
    """The first span that ``[start, end)`` changes (an insertion at ``start == end`` inside a span
    counts), or None."""
    # Every span before ``first`` ends at or before ``start``: none of them can be changed.
    first = bisect.bisect_right(spans.max_ends(), start) if isinstance(spans, SpanList) else 0
    for i in range(first, len(spans)):
        s = spans[i]
        if s.start >= max(end, start + 1):
            break
        if (start < s.end and end > s.start) or (start == end and s.start < start < s.end):
            return s
    return None
