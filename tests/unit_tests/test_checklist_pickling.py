"""A cached checklist set reads back only the entries a run needs, and reads them back whole.

``ChecklistSet`` pickles its entries in blocks (drafter.checklists.matching._BLOCK) and each
checklist without its entries; a run that hits one entry of a big checklist reads back one
block. Whatever the order entries are asked for in, they must equal the compiled ones and be the
same objects through ``entry``, ``entries`` and ``checklists``.
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
import textwrap

from drafter.checklists import matching
from drafter.checklists.cache import load_checklists
from drafter.checklists.format import parse_checklist
from drafter.checklists.matching import ChecklistSet

DATE = dt.date(2020, 7, 10)


def _words(name: str, count: int) -> ChecklistSet:
    rng = random.Random(count)
    common = "宣传思想文化工作理论学习新闻舆论精神文明建设志愿服务"
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen["".join(rng.choice(common) for _ in range(3)) + "误"] = None
    body = "".join(f"  - id: w{n}\n    wrong: {w}\n    right: {w[:-1]}正\n" for n, w in enumerate(seen))
    text = textwrap.dedent(f"""\
        version: 1
        name: {name}
        source: test
        defaults: {{type: substitution, code: typo.word, severity: warning}}
        entries:
        """) + body
    return parse_checklist(text, f"{name}.yaml", verify=False)


def _set() -> ChecklistSet:
    return ChecklistSet([_words("first", 37), _words("second", 90), _words("third", 5)])


def test_entries_read_back_in_any_order_equal_the_compiled_ones():
    compiled = _set()
    expected = list(compiled.entries)
    again = pickle.loads(pickle.dumps(compiled))
    order = list(range(len(expected)))
    random.Random(3).shuffle(order)
    for index in order[:40]:
        assert again.entry(index) == expected[index]
    for number, checklist in enumerate(again.checklists):
        assert checklist.entries == compiled.checklists[number].entries
        assert checklist.name == compiled.checklists[number].name
    # One object per entry, however it was reached.
    by_list = [e for c in again.checklists for e in c.entries]
    assert all(a is b for a, b in zip(by_list, again.entries))
    assert all(again.entry(i) is by_list[i] for i in range(len(by_list)))


def test_a_hit_reads_back_its_block_only():
    compiled = _set()
    again = pickle.loads(pickle.dumps(compiled))
    wrong = compiled.entries[50].wrong[0]
    hits, _ = again.match(f"我们要把{wrong}改掉。", DATE)
    assert [(h.entry.id, h.suggestion) for h in hits] == [("w13", wrong[:-1] + "正")]
    assert hits[0].entry == compiled.entries[50]
    # The block of entry 50, nothing else (no checklist was read back whole).
    first = 50 - 50 % matching._BLOCK
    assert sorted(again._found) == list(range(first, first + matching._BLOCK))
    assert again._checklists == [None, None, None]


def test_a_set_pickled_twice_reads_back_the_same():
    once = pickle.loads(pickle.dumps(_set()))
    twice = pickle.loads(pickle.dumps(once))
    assert twice.entries == _set().entries


def test_the_bundled_set_read_back_matches_alike():
    loaded = load_checklists([])
    again = pickle.loads(pickle.dumps(loaded))
    text = "打通“战役做后一公里”，截止6月底，这是惟一的办法。开展专题研讨（待补）。"
    first, _ = loaded.match(text, DATE)
    second, _ = again.match(text, DATE)
    assert [(h.start, h.end, h.entry.id, h.message) for h in first] == \
        [(h.start, h.end, h.entry.id, h.message) for h in second]
    assert len(first) >= 3
