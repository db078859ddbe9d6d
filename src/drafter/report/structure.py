"""Structure recognition: turn a :class:`SourceDocument` into a :class:`Report`.

Recognises the genre's layout: a title of one or two lines, a lead, numbered headings at four
levels (一、 （一） 1. （1） and their non-standard forms, or Markdown ``#``), run-in headings
whose heading is the paragraph's first sentence, and items 一是…二是… anywhere in a paragraph.

Real reports also head sections without a numbering mark: a short line of its own
(“立足理论根本，提高党员干部政治素养。” above “1、抓好……”), a short first sentence opening a
block of body text (“聚焦主线主题，抓实党史学习教育。深入贯彻……”), or a yearbook's bracketed
head (“【理论武装工作扎实深入】一是……”). Such a paragraph is only a *candidate*; candidates
become headings when two or more of the same form share a parent and no numbered heading of their
level does — one short sentence alone is body text. A single one is a heading only where its form
leaves no doubt: a bracketed head; a short line with no closing punctuation above a paragraph of
body text; a short first sentence opening the first block under a level-1 heading.
"""

from __future__ import annotations

import re

from ..files.document import SourceDocument
from ..files.patterns import compile as re_compile
from .genre import announced, genre_of, with_scope
from .model import Division, Heading, Item, Paragraph, Report, Span
from .numbering import CN_NUMERAL, ITEM_BEFORE, MARKER_OPENINGS, item_number, match_marker
from .period import detect_period
from .textpos import LineIndex

_SPACE = " \t\u3000\ufeff"
_SPACE_CHARS = frozenset(_SPACE)
_SENTENCE_END = "。！？!?"
_ITEM_END = "。；！？;!?"
#: One search for the first of several characters (not a ``find`` per character).
_SENTENCE_END_RE = re_compile(f"[{_SENTENCE_END}]")
_ITEM_END_RE = re_compile(f"[{re.escape(_ITEM_END)}]")
_CLAUSE_MARK_RE = re_compile("[；;：:]")
_MD_HEADING = re_compile(r"(#{1,6})[ \t]+")
#: Drafting notes: 【注：…】 within one line (any format); <!-- … --> across lines (Markdown).
_NOTE = re_compile(r"【注[：:][^】\n]*】")
_MD_COMMENT = re_compile(r"<!--.*?-->", re.S)
_TITLE_MAX = 60


def parse_report(source: SourceDocument, memo: "ParagraphMemo | None" = None) -> Report:
    """Parse a document into the report model; never raises on any text.

    ``memo`` remembers how each line was read (its heading mark, items, heading candidacy): an
    editor parsing its buffer again after an edit reads only the changed lines afresh."""
    text = source.text
    lines = text.split("\n")
    index = LineIndex.from_lines(lines)
    report = Report(source=source, index=index, paragraphs=[], divisions=[])
    report.notes = find_notes(text, source.format, index)
    if report.notes:
        # Notes are read as blank (offsets kept), so a commented-out heading is no heading.
        lines = _blank_notes(text, report.notes).split("\n")
    starts = index.starts   # blanking keeps every offset: the lines start where the text's do

    first = 0
    if source.format == "md" and lines and lines[0].strip() == "---":
        first = _front_matter(report, lines, starts)

    title_numbers = _title_lines(lines, first, source.format)
    title_end = title_numbers[-1] if title_numbers else -1   # the title's lines are the first ones
    md_title = source.format == "md" and any(lines[n].lstrip(_SPACE).startswith("# ") for n in title_numbers)
    read = _read_paragraph if memo is None else memo.read
    in_line = Span.in_line
    title_lines: list[Paragraph] = []
    body: list[Paragraph] = []     # every paragraph but the title's, in order
    marked: list[int] = []         # indexes in ``body`` of what places headings: see _accept_candidates
    for number in range(first, len(lines)):
        line_text = lines[number]
        if not line_text.strip(_SPACE):
            continue   # a blank line separates blocks
        start = starts[number]
        paragraph = Paragraph(number + 1, line_text, in_line(number + 1, start, start, start + len(line_text)))
        if number <= title_end:
            paragraph.kind = "title"
            paragraph.content_start = start + _strip_md(line_text)[0]
            title_lines.append(paragraph)
            continue
        read(report, paragraph, md_title)
        if paragraph.heading is not None or paragraph.candidate is not None or \
                paragraph.items and paragraph.items[0].at_paragraph_start:
            marked.append(len(body))
        body.append(paragraph)
    report.title_lines = title_lines
    if title_lines:
        report.title = "".join(p.text[_strip_md(p.text)[0]:].strip(_SPACE) for p in title_lines)
    elif "title" in report.front_matter:
        report.title = str(report.front_matter["title"])
    report.paragraphs = [*title_lines, *body]
    if not (source.format == "md" and any(body[i].heading is not None and body[i].heading.md_level for i in marked)):
        # Lines of their own first: the run-in heads of the blocks below them nest under them.
        kinds = {body[i].candidate[0] for i in marked if body[i].candidate is not None}
        if kinds - {"run-in"}:
            _accept_candidates(body, marked, md_title, ("line", "bare", "bracket"))
        if "run-in" in kinds:
            _accept_candidates(body, marked, md_title, ("run-in",))
    _build_tree(report)
    report.genre = announced(genre_of(report.title), "".join(p.text for p in report.lead)[:300])
    report.period = detect_period(report)
    if report.period.source == "text":
        report.genre = with_scope(report.genre, report.period.half, report.period.year is not None)
    return report


def find_notes(text: str, fmt: str, index: LineIndex | None = None) -> list[Span]:
    """The drafting notes of ``text``, in order: 【注：…】, and in Markdown also <!-- … -->."""
    index = index or LineIndex(text)
    found = [(m.start(), m.end()) for m in _NOTE.finditer(text)]
    if fmt == "md":
        comments = [(m.start(), m.end()) for m in _MD_COMMENT.finditer(text)]
        # A 【注：…】 written inside a comment is part of that comment.
        found = [n for n in found if not any(c[0] <= n[0] < c[1] for c in comments)] + comments
    return [Span.of(index, start, end) for start, end in sorted(found)]


def _blank_notes(text: str, notes: list[Span]) -> str:
    """``text`` with each note's characters replaced by spaces (line ends kept)."""
    if not notes:
        return text
    chars = list(text)
    for note in notes:
        for i in range(note.start, note.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _front_matter(report: Report, lines: list[str], starts: list[int]) -> int:
    """Read YAML front matter between ``---`` lines; return the index of the first body line."""
    # Only Markdown drafts with front matter pay for YAML. The safe located loader refuses
    # aliases (an alias bomb in a draft's front matter hung the check), unknown tags and
    # impossible dates, each as an error at its line instead of an exception.
    from ..errors import ChecklistError
    from ..files.yamlload import load_yaml

    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        report.front_matter_error = ("YAML 前言缺少结束行“---”", 1)
        return 0
    block = "\n".join(lines[1:end])
    report.front_matter_span = Span.of(report.index, 0, starts[end] + len(lines[end]))
    try:
        data = load_yaml(block, report.source.path)
    except ChecklistError as exc:
        line = exc.line + 1 if exc.line else 1   # the block starts on the file's line 2
        report.front_matter_error = (f"YAML 前言格式错误：{exc.message}", line)
        return end + 1
    if isinstance(data, dict):
        report.front_matter = {str(k): v for k, v in data.items()}
    elif data is not None:
        report.front_matter_error = ("YAML 前言应为“键: 值”形式", 2)
    return end + 1


def _strip_md(text: str) -> tuple[int, int | None]:
    """Offset of the content after leading spaces and Markdown ``#`` marks, and the ``#`` count."""
    pos = len(text) - len(text.lstrip(_SPACE)) if text[:1] in _SPACE_CHARS else 0
    if text[pos:pos + 1] != "#":
        return pos, None
    m = _MD_HEADING.match(text, pos)
    if m:
        return m.end(), len(m.group(1))
    return pos, None


def _title_lines(lines: list[str], first: int, fmt: str) -> list[int]:
    """The indexes of the title's lines: the first block's short lines (from ``first``) with no
    numbering and no sentence end."""
    title_lines: list[int] = []
    for number in range(first, len(lines)):
        line_text = lines[number]
        if not line_text.strip(_SPACE):
            if title_lines:
                break
            continue
        pos, md_level = _strip_md(line_text)
        content = line_text[pos:].strip(_SPACE)
        if fmt == "md" and md_level not in (None, 1):
            break
        if (len(content) > _TITLE_MAX or match_marker(content) or any(c in content for c in "。！？；")
                or content.endswith(("：", ":"))   # the addressee (县委宣传部：), not the title
                or len(title_lines) == 3 or (title_lines and md_level == 1)):
            break
        title_lines.append(number)
        if md_level == 1:
            break
    return title_lines


def _read_paragraph(report: Report, paragraph: Paragraph, md_title: bool) -> None:
    """Find the paragraph's heading (numbered or Markdown) and its items."""
    # Every line of the text comes here: the common case (no leading space, no mark, no 是) is
    # decided by a few character tests before any function or pattern is called.
    text = paragraph.text
    first = text[:1]
    if first in _SPACE_CHARS or first == "#":
        pos, md_level = _strip_md(text)
    else:
        pos, md_level = 0, None
    base = paragraph.span.start
    paragraph.content_start = base + pos
    # Never before ``pos``: a bare "# " has its content start past its stripped end.
    content_end = len(text.rstrip(_SPACE))
    if content_end < pos:
        content_end = pos
    marker = match_marker(text, pos) if text[pos:pos + 1] in MARKER_OPENINGS else None
    items_from = pos
    if marker or md_level:
        after = pos + (len(marker.text) if marker else 0)
        end = _first_in(_SENTENCE_END_RE, text, after, content_end)
        run_in = end is not None and end + 1 < content_end
        head_end = end + 1 if run_in else content_end
        paragraph.heading = Heading(marker, text[after:head_end].strip(_SPACE),
                                    Span.in_line(paragraph.line, base, base + pos, base + head_end), run_in, md_level)
        paragraph.kind = "heading"
        items_from = head_end if run_in else content_end
    items = paragraph.items = _items(paragraph.line, text, base, items_from, content_end, pos) \
        if "是" in text else []
    if not (marker or md_level) and not (items and items[0].at_paragraph_start) and \
            (text.startswith("【", pos) or not _LONG_FIRST_SENTENCE.match(text, pos, content_end)):
        paragraph.candidate = _candidate(text, pos, content_end)


class ParagraphMemo:
    """How lines were read by :func:`_read_paragraph`, by their text, offsets relative to the
    line: what one parse read, the next reuses (a line's reading depends on its text alone)."""

    def __init__(self, previous: "ParagraphMemo | None" = None) -> None:
        self._before = previous._now if previous is not None else {}
        self._now: dict[tuple[str, bool], tuple] = {}

    def read(self, report: Report, paragraph: Paragraph, md_title: bool) -> None:
        """:func:`_read_paragraph`, from memory when the line was read before."""
        key = (paragraph.text, md_title)
        known = self._now.get(key) or self._before.get(key)
        base, line = paragraph.span.start, paragraph.line
        if known is None:
            _read_paragraph(report, paragraph, md_title)
            h = paragraph.heading
            known = (paragraph.content_start - base, paragraph.kind,
                     None if h is None else (h.marker, h.text, h.span.start - base, h.span.end - base, h.run_in,
                                             h.md_level),
                     tuple((i.number, i.marker, i.text, i.span.start - base, i.span.end - base, i.body.start - base,
                            i.body.end - base, i.at_paragraph_start) for i in paragraph.items),
                     paragraph.candidate)
            self._now[key] = known
            return
        self._now[key] = known
        content, paragraph.kind, heading, items, paragraph.candidate = known
        paragraph.content_start = base + content
        if heading is not None:
            marker, text, start, end, run_in, md_level = heading
            paragraph.heading = Heading(marker=marker, text=text, span=Span.in_line(line, base, base + start, base + end),
                                        run_in=run_in, md_level=md_level)
        paragraph.items = [Item(number=n, marker=m, text=t, span=Span.in_line(line, base, base + s, base + e),
                                body=Span.in_line(line, base, base + bs, base + be), at_paragraph_start=at)
                           for n, m, t, s, e, bs, be, at in items]


#: Openings of body sentences, never of a heading: time frames, connectives, the writer's “我”.
_BODY_WORDS = ("今年", "去年", "明年", "本年", "年初", "年内", "全年", "上半年", "下半年", "一年来", "半年来",
               "近年来", "近期", "目前", "当前", "截至", "截止", "同时", "此外", "另外", "其中", "通过", "按照",
               "根据", "为了", "在", "对", "经", "自", "由于", "但", "而", "并", "如", "据", "现将", "特此", "我",
               "各")
_BODY_START = re_compile("(?:" + "|".join(_BODY_WORDS) + r"|全[市县区镇乡]|[0-9０-９])")
#: The characters a match of :data:`_BODY_START` can open with (most paragraphs open otherwise).
_BODY_FIRST = frozenset(w[0] for w in _BODY_WORDS) | frozenset("全0123456789０１２３４５６７８９")
_LINE_MAX = 30        # a heading line of its own: up to 30 characters
_RUN_IN_MAX = 26      # a run-in heading sentence: up to 26 characters …
_RUN_IN_BODY = 15     # … followed by at least this much body text
_BODY_MIN = 40        # a paragraph of body text under a lone heading line
#: No sentence end in a paragraph's first _LINE_MAX + 2 characters and more text after them: no
#: heading candidate (what _candidate decides after its bracket test, in one match).
_LONG_FIRST_SENTENCE = re_compile(f"[^{_SENTENCE_END}]{{{_LINE_MAX + 2}}}[\\s\\S]")


def _candidate(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """Whether an unnumbered paragraph may be a heading by its form: ("line" | "run-in", the
    heading's end offset in the line), or None. Looks at the paragraph's first 32 characters
    only (this runs on every paragraph): a few ``find`` calls and one anchored match."""
    if text.startswith("【", pos):
        close = text.find("】", pos, pos + _LINE_MAX)
        if close > pos + 2:
            return "bracket", close + 1
    if end - pos < 4 or text[pos] in _BODY_FIRST and _BODY_START.match(text, pos):
        return None
    stop = _first_in(_SENTENCE_END_RE, text, pos, min(end, pos + _LINE_MAX + 2))
    if stop is None and end - pos > _LINE_MAX + 2:
        return None   # no sentence end in reach: a long first sentence is body text
    head_end = end if stop is None else stop + 1
    sentence = text[pos:head_end].rstrip("。！？!? " + _SPACE)
    if len(sentence) < 4 or sentence.count("，") > 2 or _CLAUSE_MARK_RE.search(sentence):
        return None
    if head_end >= end or not text[head_end:end].strip(_SPACE):
        if len(sentence) > _LINE_MAX:
            return None
        return ("line", end) if stop is not None else ("bare", end)
    if len(sentence) <= _RUN_IN_MAX and end - head_end >= _RUN_IN_BODY:
        return "run-in", head_end
    return None


def _accept_candidates(paragraphs: list[Paragraph], marked: list[int], md_title: bool,
                       kinds: tuple[str, ...]) -> None:
    """Turn runs of heading candidates of ``kinds`` into headings: two or more of one form under
    one parent, where no numbered heading of their level already heads that parent's sections.
    ``paragraphs``: the report's paragraphs but the title's; ``marked``: the indexes of those that
    are headings, candidates or open with an item (the others change nothing here)."""
    stack: list[tuple[int, int]] = []          # (level, index) of the numbered headings open
    numbered_children: dict[tuple[int, int], None] = {}   # (parent index, level) with numbered heads
    groups: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
    opened: set[tuple[int, int]] = set()
    in_items = False      # inside a run of paragraphs that open with items 一是…
    for i in marked:
        paragraph = paragraphs[i]
        heading = paragraph.heading
        if heading is not None:
            level = heading.marker.level if heading.marker is not None else _heading_level(heading, md_title)
            while stack and stack[-1][0] >= level:
                stack.pop()
            numbered_children[(stack[-1][1] if stack else -1, level)] = None
            stack.append((level, i))
            in_items = False
            continue
        if paragraph.items and paragraph.items[0].at_paragraph_start:
            in_items = True
        if paragraph.candidate is None or paragraph.candidate[0] not in kinds:
            continue
        kind = paragraph.candidate[0]
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if kind in ("line", "bare") and (following is None or following.candidate is not None
                                         and following.candidate[0] in ("line", "bare")):
            continue   # a short last line, or two in a row: a signature, a date, a title, a list
        top = stack[-1][0] if stack else 0
        level = top + 1
        if kind == "bare" and following.heading is None and len(following.text) >= _BODY_MIN \
                and (following.candidate is None or following.candidate[0] == "run-in") and not in_items:
            # (never inside a run of items 一是…: a lone line there would cut the run in two)
            kind = "single"    # a title-like line above body text: a heading on its own
        elif kind == "bare":
            kind = "line"
        opening = kind == "run-in" and bool(stack) and stack[-1] == (1, i - 1)
        if kind == "line" and following is not None and following.heading is not None:
            # A heading line above numbered sub-headings (1、…) sits one level above them.
            level = _heading_level(following.heading, md_title) - 1
            if level < 1 or any(lv == level for lv, _ in stack):
                continue   # no level between its parent and the numbered heads below it
        if level > 4:
            continue
        parent = next((j for lv, j in reversed(stack) if lv < level), -1)
        groups.setdefault((parent, level, kind), []).append((i, level))
        if opening:
            opened.add((parent, level))   # the first block under a level-1 heading (一、2022年工作总结)
    for (parent, level, kind), members in groups.items():
        if (parent, level) in numbered_children:
            continue
        if len(members) < 2 and kind not in ("bracket", "single") and (parent, level) not in opened:
            continue
        for i, lvl in members:
            _make_heading(paragraphs[i], lvl)


def _make_heading(paragraph: Paragraph, level: int) -> None:
    """Make an accepted candidate a heading (its items, if any, start after the heading)."""
    kind, head_end = paragraph.candidate
    text, base = paragraph.text, paragraph.span.start
    pos = paragraph.content_start - base
    end = max(len(text.rstrip(_SPACE)), pos)
    paragraph.heading = Heading(marker=None, text=text[pos:head_end].strip(_SPACE),
                                span=Span.in_line(paragraph.line, base, base + pos, base + head_end),
                                run_in=head_end < end, inferred_level=level)
    paragraph.kind = "heading"
    paragraph.items = _items(paragraph.line, text, base, head_end, end, pos)


_NUMERAL_CHARS = frozenset(CN_NUMERAL[1:-2])
_NOT_AFTER_ITEM = frozenset("，。；、")


def _items(line: int, text: str, base: int, start: int, end: int, content_pos: int) -> list[Item]:
    """The items 一是… of one paragraph, between offsets ``start`` and ``end`` of its line.

    The marks are what ``numbering.ITEM_RE.finditer(text, start, end)`` finds, kept where the
    mark opens the paragraph or the range or follows a character of ``ITEM_BEFORE``; they are
    found from each 是 (a ``find``) rather than by trying the pattern at every character."""
    find = text.find
    k = find("是", start, end)
    marks: list[tuple[int, int]] = []
    while k != -1:
        if k > start and text[k - 1] in _NUMERAL_CHARS:
            j = k - 1
            while j > start and text[j - 1] in _NUMERAL_CHARS:
                j -= 1
            # the pattern's lookahead: a character follows 是 (within ``end``), no pause or space
            if k + 1 < end and text[k + 1] not in _NOT_AFTER_ITEM and not text[k + 1].isspace() \
                    and (j == content_pos or j == start or text[j - 1] in ITEM_BEFORE):
                marks.append((j, k + 1))
        k = find("是", k + 1, end)
    if not marks:
        return []
    items: list[Item] = []
    last = len(marks) - 1
    in_line, search = Span.in_line, _ITEM_END_RE.search
    for i, (m_start, m_end) in enumerate(marks):
        marker = text[m_start:m_end]
        number = item_number(marker)
        if number is None:
            continue
        body_end = marks[i + 1][0] if i < last else end
        stop = search(text, m_end, body_end)
        head_end = stop.start() + 1 if stop else body_end
        items.append(Item(number, marker, text[m_end:head_end], in_line(line, base, base + m_start, base + head_end),
                          in_line(line, base, base + m_start, base + body_end), m_start == content_pos))
    return items


def _first_in(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Index of the first match of the one-character class ``pattern`` in ``text[start:end]``,
    or None."""
    m = pattern.search(text, start, end)
    return m.start() if m else None


def _heading_level(heading: Heading, md_title: bool) -> int:
    """The level of a heading: from its numbering mark, else from its ``#`` count."""
    if heading.marker is not None:
        return heading.marker.level
    if heading.inferred_level is not None:
        return heading.inferred_level
    level = (heading.md_level or 1) - (1 if md_title else 0)
    return min(max(level, 1), 4)


def _build_tree(report: Report) -> None:
    """Nest divisions by level; paragraphs before the first heading form the lead."""
    stack: list[Division] = []
    md_title = any(p.text.lstrip(_SPACE).startswith("# ") for p in report.title_lines)
    own: list[Paragraph] | None = None    # the paragraphs of the innermost open division
    for paragraph in report.paragraphs:
        heading = paragraph.heading
        if heading is None:
            if own is not None:
                own.append(paragraph)
            elif paragraph.kind != "title":   # (the title lines come first, before any heading)
                paragraph.kind = "lead"
                report.lead.append(paragraph)
            continue
        if paragraph.kind == "title":
            continue
        level = heading.marker.level if heading.marker is not None else _heading_level(heading, md_title)
        while stack and stack[-1].level >= level:
            stack.pop()
        own = [paragraph]
        division = Division(level, heading, own, [], stack[-1] if stack else None)
        (stack[-1].children if stack else report.divisions).append(division)
        stack.append(division)
    for division in report.divisions:
        _set_end(division)


def _set_end(division: Division) -> int:
    end = division.paragraphs[-1].span.end if division.paragraphs else division.heading.span.end
    for child in division.children:
        end = max(end, _set_end(child))
    division.end = end
    return end
