"""placeholder.figure and placeholder.name: template placeholders left in the text.

A figure placeholder is X, XX, ×, Ｘ (or 某 before a numeric suffix) standing for a number:
before a numeric suffix or measure word (X次, X余条, X万多条次, X亿人次) or in a numeric
context (第X, 增长X, X.X). Any other run of XX stands for a name (XX市, XX有礼, XX日报): redacted
drafts are full of them, so they are summarised in one info diagnostic.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..files.patterns import compile as re_compile
from . import CheckContext, Rule
from ._support import body_start, wanted

RULES = [
    Rule("placeholder.figure", Severity.WARNING, "未填写的数字占位符（X次、X余条、X万多条次）",
         "X、XX、×、Ｘ 用在数词位置（后接余、多、万、亿、次、条、期、场、个、人次、% 等，或在“第X”“增长X”"
         "等数量语境中），是模板里留待填写的数字。定稿前须填上实际数字。"
         "默认为警告：drafter check 默认只在有错误时以状态 1 退出，需要时用 --fail-on warning。",
         bad="开展专题学习研讨X次，分析研判敏感网络信息X余条", good="开展专题学习研讨6次，分析研判敏感网络信息320余条"),
    Rule("placeholder.name", Severity.INFO, "以 XX 代指的名称（脱敏占位，全文汇总提示一次）",
         "XX 代指地名、单位名或品牌名（XX市、XX有礼、XX日报）。脱敏稿中这是有意为之，因此只在第一处"
         "提示一次并给出总数；正式印发前须替换为实际名称。",
         bad="为XX全面振兴发展提供有力思想保证", good="为营口全面振兴发展提供有力思想保证"),
]

#: Figures are found line by line; the summary of names (``check_document``) counts the whole
#: text (drafter.incremental).
SCOPE = "paragraph"

_X = "XxＸｘ×"
_MOU = "余多万亿千百十%％"
# Numeric suffixes and measure words that make a placeholder a figure; a few two-character
# words that start with one of them but are names or nouns (日报, 名片, 条例…) are excluded.
_SUFFIX = ("余|多|万|亿|千|百|十|次|条|期|场|个|篇|件|项|人|名|家|元|%|％|倍|天|日|月|年|小时|分钟|户|所|处|"
           "批|支|部|册|本|幅|首|台|辆|吨|公里|米|亩|届|类|位|起|例|座|栋|间|轮|周|份|张|家|只|套|集|门|节|"
           "课|堂|遍|趟|点|成|岁|度|股|万元|亿元")
_NOT_SUFFIX = ("日报|名片|名城|名人|名牌|人民|人才|人大|家园|家乡|条例|部门|所属|处理|本地|本土|项目|支持|批示|"
               "场馆|场所|期间|期刊|年轻|月刊|千年|百年|万达|台湾|度假|点位|门户|首府|首届|周边|成员|类型|起来")
#: Whether a numeric suffix comes next: one character of a class, or one of the few longer
#: suffixes that do not start with one (one test where the alternation made seventy).
_SUFFIX_AHEAD = ("[" + "".join(w for w in _SUFFIX.split("|") if len(w) == 1) + "]|"
                 + "|".join(w for w in _SUFFIX.split("|") if len(w) > 1 and w[0] not in _SUFFIX.split("|")))
# Candidates are found by a leading character class, which ``re`` skips to (a pattern opening
# with an alternation is tried at every position: 4× slower at 2.7 MB); their neighbours decide.
# After the first character: 某 before a numeric suffix, or one to three more X and a figure's
# context (backtracking shortens the run exactly as ``[X]{1,4}(?:…)`` would).
_CANDIDATE = re_compile(
    rf"[{_X}某](?:(?<=某)(?=[{_MOU}])|(?<=[{_X}])[{_X}]{{0,3}}"
    rf"(?:(?=(?:{_SUFFIX_AHEAD}))(?!(?:{_NOT_SUFFIX}))|(?=[.．][{_X}0-9])|(?=[，。；、：,;:%％\s]|$)|(?=年)))")
_SUFFIX_RE = re_compile(rf"(?:{_SUFFIX_AHEAD})")
_NOT_SUFFIX_RE = re_compile(rf"(?:{_NOT_SUFFIX})")
_DECIMAL_RE = re_compile(rf"[.．][{_X}0-9]")

_CONTEXT_BEFORE = re_compile(r"(?:[第达约近超共计占]|增长|下降|减少|同比|环比|突破)$")
_CONTEXT_AFTER = "，。；、：,;:%％ \t\n"
#: A name placeholder: 某某, or a whole run of two or more X not glued to Latin letters or digits
#: before it (20XX) nor to letters after it.
_NAME_RE = re_compile(r"[XＸ某](?:(?<=某)某|(?<![A-Za-z0-9_Ｘ][XＸ])(?<=[XＸ])[XＸ]+(?![A-Za-z_Ｘ]))")
_LATIN = re_compile(r"[A-Za-z0-9_]")


def figure_placeholders(text: str, start: int = 0, end: int | None = None):
    """Offsets ``(start, end)`` of every placeholder standing for a number (those starting
    before ``end`` when it is given)."""
    for m in _CANDIDATE.finditer(text, start, len(text) if end is None else end):
        s, e = m.start(), m.end()
        found = m.group()
        before = text[s - 1] if s else ""
        after = text[e:e + 1]
        if found == "某":
            if before != "某":
                yield s, e
            continue
        if after and _LATIN.match(after) and not after.isdigit():
            continue
        if before and _LATIN.match(before):
            # 20XX年: a year placeholder
            if len(found) == 2 and found[0] in "XＸ" and text[max(0, s - 2):s] in ("19", "20") \
                    and (s < 3 or not text[s - 3].isdigit()) and after == "年":
                yield s, e
            continue
        if (_SUFFIX_RE.match(text, e) and not _NOT_SUFFIX_RE.match(text, e)) or _DECIMAL_RE.match(text, e):
            yield s, e
        elif (not after or after in _CONTEXT_AFTER) and _CONTEXT_BEFORE.search(text, max(0, s - 2), s):
            yield s, e


_STOP_CHARS = r"，。；：、！？,.;:!?“”‘’（）《》【】()\s"
#: Up to four characters before a placeholder back to punctuation, and after it.
_WORDS_BEFORE = re_compile(rf"[^{_STOP_CHARS}]{{0,4}}\Z")
_WORDS_AFTER = re_compile(rf"[^{_STOP_CHARS}]{{0,4}}")


def _phrase(text: str, start: int, end: int) -> str:
    """The placeholder with the words around it up to punctuation (研讨X次, 发稿X万多条次)."""
    left = _WORDS_BEFORE.search(text, max(0, start - 4), start).start()
    return text[left:_WORDS_AFTER.match(text, end).end()]


def check(ctx: CheckContext):
    """Unfilled figures one by one, then one summary of the name placeholders (the figures found
    once for both)."""
    figures_wanted, names_wanted = wanted(ctx, "placeholder.figure"), wanted(ctx, "placeholder.name")
    if not (figures_wanted or names_wanted):
        return
    text = ctx.report.text
    start = body_start(ctx)
    figures = list(figure_placeholders(text, start))
    if figures_wanted:
        yield from _figure_diagnostics(ctx, text, figures)
    if names_wanted:
        yield from _name_summary(ctx, text, start, {s for s, _ in figures}.__contains__)


def check_paragraphs(ctx: CheckContext):
    """Each unfilled figure: found on its line alone (the editor re-runs this on changed lines)."""
    if not wanted(ctx, "placeholder.figure"):
        return
    text = ctx.report.text
    yield from _figure_diagnostics(ctx, text, figure_placeholders(text, body_start(ctx)))


def check_document(ctx: CheckContext):
    """One diagnostic counting the name placeholders of the whole text (a figure is not one)."""
    if not wanted(ctx, "placeholder.name"):
        return
    text = ctx.report.text
    start = body_start(ctx)
    yield from _name_summary(ctx, text, start, _FiguresByLine(text, start).starts_at)


def _figure_diagnostics(ctx: CheckContext, text: str, figures):
    """One diagnostic per unfilled figure ``(start, end)``, with the words around it."""
    for s, e in figures:
        yield ctx.diagnostic("placeholder.figure", f"数字未填写：“{_phrase(text, s, e)}”中的“{text[s:e]}”", s, e)


def _name_summary(ctx: CheckContext, text: str, start: int, is_figure):
    """The diagnostic counting the name placeholders from ``start`` on; ``is_figure(offset)``:
    whether a figure placeholder starts there (asked in increasing order)."""
    names = [m for m in _NAME_RE.finditer(text, start) if not is_figure(m.start())]
    if names:
        first = names[0]
        yield ctx.diagnostic("placeholder.name",
                             f"文中有 {len(names)} 处以“{first.group()}”等代指的名称（脱敏占位），印发前须替换为实际名称",
                             first.start(), first.end(),
                             data={"count": len(names), "offsets": [m.start() for m in names[:200]]})


class _FiguresByLine:
    """Where figure placeholders start, found for a line when first asked about it: the name
    summary needs them only on the lines that hold a name placeholder."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start = text, start
        self.line_end = -1
        self.starts: set[int] = set()

    def starts_at(self, pos: int) -> bool:
        """Whether a figure placeholder starts at ``pos`` (asked in increasing order)."""
        if not _CANDIDATE.match(self.text, pos):
            return False   # (most names: no figure can start where the pattern does not match)
        if pos > self.line_end:
            text = self.text
            line_start = max(text.rfind("\n", 0, pos) + 1, self.start)
            end = text.find("\n", pos)
            self.line_end = len(text) if end == -1 else end
            # Two characters past the line end: the pattern's lookaheads see its line end, and
            # its ``$`` (end of text) cannot match there, as in the whole text.
            self.starts = {s for s, _ in figure_placeholders(text, line_start, min(len(text), self.line_end + 2))
                           if s < self.line_end}
        return pos in self.starts
