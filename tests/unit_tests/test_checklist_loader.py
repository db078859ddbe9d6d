"""The checklist loader: validation errors name file:line, examples are tests, matching rules."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from drafter.checklists.format import parse_checklist, read_checklist
from drafter.checklists.cache import load_checklists
from drafter.checklists.matching import ChecklistSet, entry_hits
from drafter.errors import ChecklistError

DATE = dt.date(2020, 7, 10)


def _yaml(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


GOOD = _yaml("""
    version: 1
    name: test-typos
    source: 《现代汉语词典》第7版
    defaults:
      type: substitution
      code: typo.word
      severity: warning
    entries:
      - id: xuan-zuo
        wrong: 宣作
        right: 宣传
        examples:
          - bad: 推进公益广告宣作
            good: 推进公益广告宣传
""")


def _error(text: str, path: str = "list.yaml") -> ChecklistError:
    with pytest.raises(ChecklistError) as info:
        parse_checklist(text, path)
    return info.value


def test_a_valid_checklist_loads_and_its_example_passes():
    checklist = parse_checklist(GOOD, "list.yaml")
    assert [e.id for e in checklist.entries] == ["xuan-zuo"]
    assert checklist.entries[0].source == "《现代汉语词典》第7版"


def test_unknown_key_names_its_line():
    err = _error(GOOD.replace("    right: 宣传\n", "    right: 宣传\n    rigth: 宣传\n"))
    assert err.line == 12 and "rigth" in err.message
    assert str(err).startswith("list.yaml:12:")


def test_wrong_type_names_its_line():
    err = _error(GOOD.replace("    right: 宣传", "    right: [宣传]"))
    assert err.line == 11 and "right" in err.message


def test_invalid_regex_names_its_line():
    err = _error(GOOD.replace("    wrong: 宣作", "    pattern: \"宣(作\""))
    assert err.line == 10 and "正则" in err.message


def test_a_bad_example_that_is_not_caught_fails_at_its_line():
    err = _error(GOOD.replace("bad: 推进公益广告宣作", "bad: 推进公益广告宣传工作"))
    assert err.line == 13 and "没有被查出" in err.message


def test_a_good_example_that_is_flagged_fails():
    text = GOOD + "      - good: 公益广告宣作品\n"
    err = _error(text)
    assert err.line == 15 and "误报" in err.message


def test_a_fix_that_does_not_give_good_fails():
    err = _error(GOOD.replace("good: 推进公益广告宣传", "good: 推进公益广告宣讲"))
    assert err.line == 13 and "改正后" in err.message


def test_missing_source_duplicate_id_bad_code_bad_severity():
    assert "source" in _error(GOOD.replace("source: 《现代汉语词典》第7版\n", "")).message
    dup = GOOD + "  - id: xuan-zuo\n    wrong: 宣作\n    right: 宣传\n"
    assert "重复" in _error(dup).message
    assert "代码" in _error(GOOD.replace("code: typo.word", "code: typo")).message
    assert _error(GOOD.replace("severity: warning", "severity: fatal")).line == 7
    assert "版本" in _error(GOOD.replace("version: 1", "version: 2")).message


def test_yaml_syntax_error_names_its_line():
    err = _error(GOOD.replace("    right: 宣传", "    right: [宣传"))
    assert err.path == "list.yaml" and err.line is not None


def test_context_and_unless_decide():
    checklist = parse_checklist(_yaml("""
        version: 1
        name: ctx
        source: test
        entries:
          - id: shu-hua
            type: substitution
            code: typo.word
            severity: warning
            wrong: 舒华
            right: 书画
            context: 文学|曲艺
            unless: [舒华同志]
    """), "ctx.yaml")
    entry = checklist.entries[0]
    assert [h.suggestion for h in entry_hits(entry, "创作文学、曲艺、舒华等作品", DATE)] == ["书画"]
    assert entry_hits(entry, "舒华带队走访慰问", DATE) == []
    assert entry_hits(entry, "文学组由舒华同志带队", DATE) == []


def test_the_longest_overlapping_match_wins(tmp_path):
    path = tmp_path / "overlap.yaml"
    path.write_text(_yaml("""
        version: 1
        name: overlap
        source: test
        defaults: {type: substitution, code: typo.word, severity: warning}
        entries:
          - id: short
            wrong: 做后一公里
            right: 最后一公里
          - id: long
            wrong: 战役做后一公里
            right: 战疫最后一公里
    """), encoding="utf-8")
    loaded = ChecklistSet([read_checklist(path)])
    hits, _ = loaded.match("打通“战役做后一公里”，打通做后一公里", DATE)
    assert [(h.entry.id, h.suggestion) for h in hits] == [("long", "战疫最后一公里"), ("short", "最后一公里")]


def test_formulation_validity_is_judged_against_the_date():
    checklist = parse_checklist(_yaml("""
        version: 1
        name: dates
        source: 国家卫生健康委员会公告2022年第7号
        entries:
          - id: covid
            type: formulation
            code: term.outdated
            severity: warning
            right: 新冠肺炎
            valid_until: 2022-12-25
            replaced_by: 新冠病毒感染
    """), "dates.yaml")
    entry = checklist.entries[0]
    assert entry_hits(entry, "做好新冠肺炎疫情防控", DATE) == []
    hits = entry_hits(entry, "做好新冠肺炎疫情防控", dt.date(2023, 1, 5))
    assert [h.suggestion for h in hits] == ["新冠病毒感染"]


def test_catastrophic_regex_times_out_with_one_message_naming_file_and_line(tmp_path):
    path = tmp_path / "slow.yaml"
    path.write_text(_yaml("""
        version: 1
        name: slow
        source: test
        entries:
          - id: slow
            type: existence
            code: custom.slow
            severity: warning
            pattern: "(年|年年)+$"
    """), encoding="utf-8")
    from drafter.api import CheckOptions, check_text

    text = "市委宣传部上半年工作总结\n" + "年" * 60 + "月\n"
    result = check_text(text, options=CheckOptions(checklists=(str(path),), project=False))
    timeouts = [d for d in result.diagnostics if d.code == "checklist.timeout"]
    assert len(timeouts) == 1
    assert f"{path}:9" in timeouts[0].message


def test_compiled_checklists_are_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "typos.yaml"
    path.write_text(GOOD, encoding="utf-8")
    first = load_checklists([path], bundled=False)
    assert list((tmp_path / "cache" / "checklists").glob("*.pickle"))
    from drafter.checklists import cache as module

    module._load_set.cache_clear()
    second = load_checklists([path], bundled=False)
    assert second is not first
    assert [e.id for e in second.entries] == ["xuan-zuo"]
    hits, _ = second.match("公益广告宣作", DATE)
    assert [h.suggestion for h in hits] == ["宣传"]
    # Editing the file invalidates the cache: the entry whose example now fails is left out,
    # named in the set's problems (file:line and the entry), and the file itself still loads.
    path.write_text(GOOD.replace("good: 推进公益广告宣传", "good: 推进公益广告宣讲"), encoding="utf-8")
    third = load_checklists([path], bundled=False)
    assert third.entries == []
    assert len(third.problems) == 1 and "xuan-zuo" in third.problems[0].message
    assert third.problems[0].path == str(path) and third.problems[0].line
    with pytest.raises(ChecklistError):  # strict loading (drafter checklists test) still refuses it
        read_checklist(path)


def test_shipped_checklists_load_and_self_test():
    loaded = load_checklists()
    codes = loaded.codes()
    assert {"typo.word", "term.order", "term.outdated", "placeholder.todo"} <= set(codes)


@pytest.mark.parametrize("pattern, literals", [
    (r"截止(?=(?:到|至)?\s*(?:目前|[0-9]{1,4}[年月]))", {"截止"}),
    ("(?<=和)文化(?:产业事业|事业产业)", {"产业事业", "事业产业"}),
    ("待补充?|待定|TODO", {"待补", "待定", "TODO"}),
    ("(?i)todo", None),
    (r"\p{Han}+待", None),
    ("宣作{e<=1}", None),         # regex's fuzzy matching: 宣传 matches too, no literal is required
    ("(?:部暑){e<=1}工作", None),
    ("[[:alpha:]]待", None),      # a POSIX class the stdlib parser only warns about
])
def test_required_literals(pattern, literals):
    from drafter.checklists.matching import required_literals

    found = required_literals(pattern)
    assert (set(found) if found else None) == literals


def test_a_fuzzy_regex_entry_is_searched(tmp_path):
    """``regex``'s fuzzy syntax is not literal text: the entry finds the slips it names."""
    from datetime import date

    from drafter.checklists.cache import load_checklists

    path = tmp_path / "fuzzy.yaml"
    path.write_text("version: 1\nname: fuzzy\nsource: test\nentries:\n  - id: bushu\n    type: existence\n"
                    "    code: typo.word\n    severity: warning\n    pattern: \"(?:部暑){e<=1}工作\"\n"
                    "    message: 疑为“部署工作”\n", encoding="utf-8")
    loaded = load_checklists((str(path),))
    hits, _ = loaded.match("认真落实部暑工作要求，做好部属工作。", date(2020, 7, 10))
    spans = [(h.start, h.end) for h in hits if h.entry.id == "bushu"]
    assert any(start <= 4 and end >= 8 for start, end in spans)      # 部暑工作 (fuzzy: ±1 character)
    assert any(start <= 13 and end >= 17 for start, end in spans)    # 部属工作


def test_prefiltered_matching_equals_a_full_scan(seed_text):
    """The one-pass matcher (automaton + regexes run only where their literals occur) finds
    exactly what running every entry on its own over the whole text finds."""
    from drafter.checklists.matching import select_longest

    loaded = load_checklists()
    text = seed_text + "\n截止6月底，组织开展专题研讨（待补）次。召开发布会【】场。累计发稿？？条。\n"
    for date in (DATE, dt.date(2026, 7, 1)):
        fast, _ = loaded.match(text, date)
        slow = select_longest([h for e in loaded.entries if e.type != "consistency" for h in entry_hits(e, text, date)])
        key = lambda h: (h.start, h.end, h.suggestion)  # noqa: E731
        assert sorted(map(key, fast)) == sorted(map(key, slow))
        assert len(fast) >= 10


def test_context_regex_timeout_is_reported_not_raised(tmp_path):
    path = tmp_path / "slowctx.yaml"
    path.write_text(_yaml("""
        version: 1
        name: slowctx
        source: test
        entries:
          - id: slow-context
            type: substitution
            code: typo.word
            severity: warning
            wrong: 宣作
            right: 宣传
            context: "(年|年年)+$"
    """), encoding="utf-8")
    loaded = ChecklistSet([read_checklist(path)])
    hits, timed_out = loaded.match("推进公益广告宣作" + "年" * 60 + "月", DATE)
    assert hits == [] and [e.id for e in timed_out] == ["slow-context"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = GOOD.splitlines()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_LINES) - 1), st.sampled_from(["drop", "dup", "insert", "indent"]),
                          st.sampled_from([":", "-", "[", "{", "“", "宣作", "*x", "&a", "'", "\t", " ", "null", "12"])),
                max_size=4))
def test_mutated_checklists_load_or_fail_with_a_located_error(mutations):
    """Whatever is done to a checklist, loading it either works or raises ChecklistError."""
    lines = list(_LINES)
    for index, action, token in mutations:
        index %= len(lines)
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines[index] = lines[index][: len(lines[index]) // 2] + token + lines[index][len(lines[index]) // 2:]
        else:
            lines[index] = "  " + lines[index]
        if not lines:
            lines = ["version: 1"]
    try:
        parse_checklist("\n".join(lines) + "\n", "fuzz.yaml")
    except ChecklistError as exc:
        assert exc.path == "fuzz.yaml"


def test_right_referring_to_a_missing_group_is_refused():
    text = GOOD.replace("    wrong: 宣作\n    right: 宣传", "    pattern: 宣(作)\n    right: 宣\\\\2")
    err = _error(text)
    assert err.line == 11 and "分组" in err.message


def test_matching_is_exact_around_astral_characters(tmp_path):
    """The automaton runs over UTF-16 code units; astral characters must not shift offsets."""
    path = tmp_path / "astral.yaml"
    path.write_text("version: 1\nname: astral\nsource: test\nentries:\n"
                    "  - id: a\n    type: existence\n    code: custom.a\n    severity: info\n    wrong: [𠀀宣, 宣作]\n",
                    encoding="utf-8")
    loaded = ChecklistSet([read_checklist(path)])
    text = "𠀀推进公益广告宣作，𡀀宣作"
    hits, _ = loaded.match(text, DATE)
    assert [(text[h.start:h.end], h.start) for h in hits] == [("宣作", 7), ("宣作", 11)]
    text = "𠀀宣作"
    assert [text[h.start:h.end] for h in loaded.match(text, DATE)[0]] == ["𠀀宣"]
