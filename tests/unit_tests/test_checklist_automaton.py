"""The automaton over only the keys that can occur in a text finds what the one over every key
finds (drafter.checklists.automaton).

For a short text the checklist set builds its Aho-Corasick automaton over the keys whose first
and last pairs of code units occur in the text; the matches, mapped back to the keys, must be
those of the automaton over every key: on generated text with astral characters, one-character
keys and keys at the very ends of the text, on the samples and on slices of the shared corpus
with the bundled checklists' keys and real wrong forms (the shared typo set's).
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import random
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checklists import automaton as automaton_module
from drafter.checklists.automaton import KeyAutomata, code_units, pair_at, unit_pairs
from drafter.checklists.cache import load_checklists
from drafter.checklists.format import parse_checklist
from drafter.checklists.matching import ChecklistSet
from drafter.files.resources import samples_dir

SHARED = Path(os.environ.get("DRAFTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
CORPUS = sorted((SHARED / "corpus").glob("*.txt.gz")) if (SHARED / "corpus").is_dir() else []
CSC = SHARED / "csc" / "ecspell_odw_dev.jsonl"


def _every_key(keys: list[str], text: str) -> list[tuple[int, int, int]]:
    automata = KeyAutomata(keys)
    return automata.full().find_matches_as_indexes(code_units(text)[0], overlapping=True)


def _filtered(keys: list[str], text: str) -> tuple[list[tuple[int, int, int]], list[int]]:
    automata = KeyAutomata(keys)
    limit = automaton_module.CHARACTERS_PER_KEY
    automaton_module.CHARACTERS_PER_KEY = 10 ** 9  # filter whatever the length (the policy is tested below)
    try:
        automaton, chosen = automata.for_text(code_units(text)[0])
    finally:
        automaton_module.CHARACTERS_PER_KEY = limit
    assert chosen is not None, "the automaton must be the filtered one"
    if automaton is None:
        return [], chosen
    found = automaton.find_matches_as_indexes(code_units(text)[0], overlapping=True)
    return [(chosen[k], start, end) for k, start, end in found], chosen


def _assert_same(keys: list[str], text: str) -> list[int]:
    keys = list(dict.fromkeys(k for k in keys if k))
    found, chosen = _filtered(keys, text)
    assert found == _every_key(keys, text)
    return chosen


# --------------------------------------------------------------------------- the text's pairs

@pytest.mark.parametrize("text", ["", "甲", "甲乙", "甲乙丙", "甲乙丙丁", "甲乙丙丁戊", "a𠀀b", "𠀀", "\r\n"])
def test_the_pairs_are_every_two_adjacent_units(text):
    units = code_units(text)[0]
    naive = {pair_at(units, 2 * i) for i in range(len(units) // 2 - 1)}
    assert unit_pairs(units) == naive
    assert len(naive) == len({(units[i:i + 4]) for i in range(0, len(units) - 2, 2)})


# --------------------------------------------------------------------------- generated text

_ALPHABET = "宣传作战役做后一公里广告第二三、，。\n𠀀𡀀aA"


@settings(max_examples=300, deadline=None)
@given(keys=st.lists(st.text(_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=40),
       text=st.text(_ALPHABET, max_size=80))
def test_filtered_equals_every_key_on_generated_text(keys, text):
    _assert_same(keys, text)


def test_keys_at_the_ends_of_the_text_and_of_one_character():
    keys = ["甲", "乙丙", "丁", "戊己庚", "𠀀", "己庚", "甲乙", "庚辛"]
    for text in ["甲乙丙丁戊己庚", "乙丙", "丁", "𠀀", "x𠀀", "戊己庚", "丙丁戊己庚\n", "\ufeff甲乙"]:
        chosen = _assert_same(keys, text)
        assert [keys[k] for k in chosen if len(keys[k]) == 1] == ["甲", "丁", "𠀀"]  # always kept
    # A key that does not occur is left out; one that ends the text is kept.
    assert [keys[k] for k in _filtered(keys, "丙丁戊己庚")[1]] == ["甲", "丁", "戊己庚", "𠀀", "己庚"]


def test_a_key_over_an_astral_character_is_kept_for_any_astral_character():
    # Astral characters are U+FFFD in the code units (matches over them are verified later):
    # the filter must keep what the automaton over every key would report.
    keys = ["宣𠀀", "𡀀作", "宣传"]
    assert [keys[k] for k in _filtered(keys, "宣𡀀作")[1]] == ["宣𠀀", "𡀀作"]
    _assert_same(keys, "宣𡀀作")


def test_random_keys_over_random_chinese_text():
    rng = random.Random(7)
    common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    keys = ["".join(rng.choice(common) for _ in range(rng.randint(1, 4))) for _ in range(600)]
    for _ in range(20):
        text = "".join(rng.choice(common + "，。\n𠀀") for _ in range(rng.randint(0, 3000)))
        _assert_same(keys, text)


# --------------------------------------------------------------------------- real keys, real text

def _real_wrong_forms() -> list[str]:
    """Windows of two to four characters around each typo of the shared typo set."""
    out = []
    with open(CSC, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            src, tgt = row["src"], row["tgt"]
            if len(src) != len(tgt):
                continue
            for i, (a, b) in enumerate(zip(src, tgt)):
                if a != b:
                    out += [src[max(0, i - 1):i + 1], src[i:i + 2], src[max(0, i - 1):i + 2], src[max(0, i - 2):i + 2]]
    return out


def _real_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt"))]
    for path in CORPUS:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            whole = handle.read(400_000)
        texts += [whole[at:at + size] for at, size in ((0, 3000), (150_000, 12_000), (390_000, 10_000))]
    return texts


def test_filtered_equals_every_key_on_real_text_with_the_bundled_keys():
    keys = load_checklists([]).keys
    for text in _real_texts():
        _assert_same(keys, text)


@pytest.mark.skipif(not CSC.is_file() or not CORPUS, reason="needs ../shared (csc, corpus)")
def test_filtered_equals_every_key_on_real_text_with_real_wrong_forms():
    keys = load_checklists([]).keys + _real_wrong_forms()
    kept = []
    for text in _real_texts():
        kept.append(len(_assert_same(keys, text)))
    assert max(kept) < len(set(keys)) / 4  # the filter leaves out most keys on real text


# --------------------------------------------------------------------------- the checklist set

_DICTIONARY = """\
    version: 1
    name: words
    source: test
    defaults: {type: substitution, code: typo.word, severity: warning}
    entries:
"""


def _dictionary(forms: list[str]) -> ChecklistSet:
    lines = [_DICTIONARY]
    for n, wrong in enumerate(dict.fromkeys(forms)):
        lines.append(f"  - id: w{n}\n    wrong: '{wrong}'\n    right: '{wrong}正'\n")
    checklist = parse_checklist(textwrap.dedent(lines[0]) + "".join(lines[1:]), "words.yaml", verify=False)
    return ChecklistSet([checklist])


def _hits(loaded: ChecklistSet, text: str) -> list[tuple]:
    hits, _ = loaded.match(text, __import__("datetime").date(2020, 7, 10))
    return [(h.start, h.end, h.entry.id, h.message, h.suggestion) for h in hits]


@pytest.mark.skipif(not CSC.is_file(), reason="needs ../shared/csc")
def test_a_set_matches_alike_with_the_filtered_and_the_whole_automaton(monkeypatch):
    forms = [f for f in _real_wrong_forms() if "'" not in f and "\\" not in f][:1500]
    texts = _real_texts()
    text = texts[0].replace("\n", "\r\n")  # a CR before each line feed: pairs across it count
    texts += [text, "\ufeff" + texts[0], forms[0], forms[-1] + "。" + forms[1]]
    filtered = _dictionary(forms)
    whole = pickle.loads(pickle.dumps(filtered))
    whole.automata.full()  # built: every later match uses it
    for text in texts:
        assert whole.automata.for_text(code_units(text)[0])[1] is None
        before = filtered.automata._spent
        found = _hits(filtered, text)
        assert filtered.automata._spent == before + len(text)  # the filtered automaton ran
        filtered.automata._spent = 0
        assert found == _hits(whole, text)


def test_the_whole_automaton_is_built_once_filtering_has_cost_as_much():
    automata = KeyAutomata(["宣作", "做后", "战役", "甲"])
    text = code_units("打通战役做后一公里，宣作")[0]
    budget = automaton_module.CHARACTERS_PER_KEY * len(automata)
    runs = 0
    while automata.for_text(text)[1] is not None:
        runs += 1
        assert runs <= budget
    assert runs == budget // (len(text) // 2)
    assert automata._full is not None and automata.for_text(code_units("宣")[0])[1] is None
    # A pickled copy starts over: each process pays for its own.
    again = pickle.loads(pickle.dumps(automata))
    assert again._full is None and again._spent == 0 and again.for_text(text)[1] is not None


def test_a_long_text_uses_the_whole_automaton():
    automata = KeyAutomata(["宣作", "做后"])
    long_text = "宣作" * (automaton_module.CHARACTERS_PER_KEY * 2)
    assert automata.for_text(code_units(long_text)[0])[1] is None
