"""typo.suspect: a character that is improbable where it stands and has a far likelier look-alike.

No checklist names these typos: the statistical detector of :mod:`drafter.typos` finds them from
character n-gram counts of public official text and from same-sound/similar-shape candidates
(机智 → 机制, 帜旗 → 旗帜). Each finding carries a confidence (``data.confidence`` in JSON); only
findings at or above ``safe_confidence`` are safe fixes that ``--fix`` applies. People's names
and the user's protected words are never looked into, nor short quoted names (“XX有礼”) and media
names (央视, XX日报); a finding inside a quoted title, a place or an organisation is reported
without a fix (see :mod:`drafter.report.protected` and ``drafter.typos.findings``).
Thresholds come from drafter.yaml (``typo: {min_confidence: …, safe_confidence: …}``). Findings
come through :mod:`drafter.typos.results`, which remembers them per paragraph (in memory and in the
user cache folder), so an unchanged paragraph costs neither numpy nor the statistics.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..typos import results
from ..report.protected import detector_only_offsets, overlaps
from ..typos.findings import NOT_LOOKED_INTO, REPORTED_WITHOUT_FIX
from . import CheckContext, Rule
from ._support import body_start, replace_fix

#: Its findings on a line depend on that line alone (drafter.incremental).
SCOPE = "paragraph"

RULES = [
    Rule("typo.suspect", Severity.WARNING, "疑似错字（统计发现，未列入检查清单）",
         "根据公文语料中的字词搭配统计，某字在上下文中极不常见，而与之同音、近音或形近的另一字（或相邻两字互换）"
         "在此处常见得多，疑为输入错误。每条给出置信度；置信度高于 safe_confidence 的可由 --fix 自动修复，"
         "其余只作提示。人名不检查；地名、机构名和书名号内的疑似错字只提示，不自动修复。",
         bad="完善农产品上行发展机智。", good="完善农产品上行发展机制。", fixable=True),
]

_KIND_LABEL = {"same-sound": "同音字", "near-sound": "近音字", "ime-slip": "拼音输入误选", "shape": "形近字",
               "two-chars": "同音词", "swap": "相邻两字颠倒"}


def check(ctx: CheckContext):
    """Flag every suspect character the detector finds, paragraph by paragraph."""
    try:
        model = results.model()
    except results.StatsMissing:
        return
    settings = getattr(ctx.options, "typo", None) or {}
    low = float(settings.get("min_confidence", model["threshold"]))
    safe = float(settings.get("safe_confidence", model["safe_threshold"]))
    text = ctx.report.text
    at = body_start(ctx)
    body = text[at:] if at else text
    # The spans the detector must not look into, sorted by start; lines come in order, so one
    # pointer walks them (a 20 MB report has hundreds of thousands of lines and spans).
    protected = ctx.cache.get("protected", [])
    frozen = [(p.start, p.end) for p in protected if p.kind in NOT_LOOKED_INTO]
    # Names only the detector leaves alone (“XX有礼”, 央视): other checks may still fix them. None
    # crosses a line end, so one pass over the body finds every line's (offsets in ``body``).
    names = detector_only_offsets(body)
    starts, paragraphs = [], []   # each non-blank line's offset; its text and protected spans
    first = next_name = 0
    n_frozen, n_names = len(frozen), len(names)
    start = at
    for line in body.split("\n"):
        end = start + len(line)
        if not line or line.isspace():   # (what ``not line.strip()`` says, without a copy)
            start = end + 1
            continue
        while first < n_frozen and frozen[first][0] < start and frozen[first][1] <= start:
            first += 1
        spans = []
        i = first
        while i < n_frozen and frozen[i][0] < end:
            s, e = frozen[i]
            if e > start:
                spans.append(((s if s > start else start) - start, (e if e < end else end) - start))
            i += 1
        body_end = end - at
        while next_name < n_names and names[next_name][0] < body_end:
            s, e = names[next_name]
            spans.append((s + at - start, e + at - start))
            next_name += 1
        if len(spans) > 1:
            spans.sort()
        starts.append(start)
        paragraphs.append((line, tuple(spans)))
        start = end + 1
    try:
        found = results.find(paragraphs, low)
    except results.StatsMissing:
        return
    for start, (line, _), suspects in zip(starts, paragraphs, found):
        for s in suspects:
            a, b = start + s.start, start + s.end
            left = line[max(0, s.start - 1):s.start]
            right = line[s.end:s.end + 1]
            shown = left + s.original + right
            fixed = left + s.suggestion + right
            label = _KIND_LABEL.get(s.kind, "疑似错字")
            data = {"confidence": s.confidence, "kind": s.kind}
            fix = replace_fix(a, b, s.suggestion, safe=s.confidence >= safe)
            inside = overlaps(protected, a, b) if protected else None
            if inside is not None and inside.kind in REPORTED_WITHOUT_FIX:
                # Shown for the writer to judge, never applied: it may be a real name.
                fix, data["protected"] = None, inside.kind
            yield ctx.diagnostic(
                "typo.suspect",
                f"疑似错字：“{shown}”可能应为“{fixed}”（{label}，置信度 {s.confidence:.2f}）",
                a, b, suggestion=s.suggestion, fix=fix, data=data)
