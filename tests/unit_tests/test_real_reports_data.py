"""The real-report test set (tests/data/real-reports) stays consistent with its annotations.

Checks the data only — every case's file exists (where the texts are present) and is a clean UTF-8 text, the annotation uses
known keys and values, and every line number it gives lies inside its file — so that editing a
text or the YAML cannot silently break benchmarks/bench_structure.py. It does not score drafter.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "real-reports"
#: The texts are third-party pages kept out of the repository (README beside cases.yaml); the
#: checks that read them run where they are: $DRAFTER_REAL_REPORTS or ../shared/real-reports.
def _texts(variable: str, folder: str) -> Path | None:
    return next((Path(f) for f in (os.environ.get(variable), Path(__file__).resolve().parents[3] / "shared" / folder)
                 if f and any(Path(f).glob("[0-9][0-9]-*.txt"))), None)


TEXTS = _texts("DRAFTER_REAL_REPORTS", "real-reports")
#: The second, held-out set (cases-2.yaml): its own folder, its own variable.
TEXTS_2 = _texts("DRAFTER_REAL_REPORTS_2", "real-reports-2")
needs_texts = pytest.mark.skipif(TEXTS is None, reason="case texts not present (kept out of the repository)")
AREAS = {"theory", "ideology", "news", "civility", "culture"}
PARTS = {"summary", "problems", "plan"}
LEVELS = {"市", "区", "县", "镇", "乡", "街道", "社区", "企业"}
DEPARTMENTS = {"propaganda", "organization", "united-front", "political-legal", "education",
               "company-propaganda", "other"}
GENRES = {"h1", "h2", "annual", "summary-only", "plan-only", "other"}
REQUIRED = {"file", "source", "unit", "level", "department", "year", "genre", "partial",
            "title_line", "period", "outline", "parts", "notes"}
NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")


def _spec(name: str = "cases.yaml") -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


SPEC = _spec()
CASES = SPEC["cases"]
SPEC_2 = _spec("cases-2.yaml")
CASES_2 = SPEC_2["cases"]
#: Every case of both sets, each with the folder its text is in (None: not on this machine).
ALL = [(c, TEXTS) for c in CASES] + [(c, TEXTS_2) for c in CASES_2]


def _id(pair) -> str:
    return ("b" if pair[1] is TEXTS_2 and pair[0] in CASES_2 else "a") + pair[0]["file"][:2]


def _lines(name: str, folder: Path | None = None) -> list[str]:
    return ((folder or TEXTS) / name).read_text(encoding="utf-8").split("\n")[:-1]


def _as_list(value) -> list[int]:
    return list(value) if isinstance(value, list) else [value]


def test_the_area_list_is_the_outline_s_five_areas():
    assert set(SPEC["areas"]) == AREAS
    assert SPEC["version"] == 1


def test_case_names_are_unique():
    names = [case["file"] for case in CASES]
    assert len(names) == len(set(names))


@needs_texts
def test_every_text_has_exactly_one_case():
    on_disk = {p.name for p in TEXTS.glob("*.txt")}
    assert on_disk == {case["file"] for case in CASES}


def test_the_set_has_the_promised_spread():
    real = [c for c in CASES if "derived_from" not in c]
    propaganda = [c for c in real if c["department"] == "propaganda"]
    others = [c for c in real if c["department"] != "propaganda"]
    assert len(propaganda) >= 15 and len(others) >= 5
    assert 6 <= len(CASES) - len(real) <= 10


def test_the_second_set_is_held_out_and_annotated_alike():
    assert SPEC_2["version"] == 1 and set(SPEC_2["areas"]) == AREAS
    assert len({c["file"] for c in CASES_2}) == len(CASES_2) >= 20
    first = {c["source"]["url"] for c in CASES}
    assert not first & {c["source"]["url"] for c in CASES_2}, "a case of the second set is in the first"
    assert all("derived_from" not in c for c in CASES_2)


@pytest.mark.skipif(TEXTS_2 is None, reason="second-set texts not present (kept out of the repository)")
def test_every_second_set_text_has_exactly_one_case():
    assert {p.name for p in TEXTS_2.glob("*.txt")} == {c["file"] for c in CASES_2}


@pytest.mark.parametrize("case", CASES + CASES_2, ids=lambda c: c["file"][:2])
def test_case_keys_and_values(case):
    assert REQUIRED <= set(case), REQUIRED - set(case)
    assert NAME.match(case["file"]), case["file"]
    assert case["source"]["url"].startswith(("http://", "https://"))
    assert case["source"]["title"].strip()
    assert case["level"] in LEVELS
    assert case["department"] in DEPARTMENTS
    assert case["genre"] in GENRES
    assert case["outline"] in {"propaganda", "generic"}
    assert isinstance(case["partial"], bool)
    assert case["year"] is None or 2000 <= case["year"] <= 2030
    period = case["period"]
    assert set(period) == {"year", "half", "score"}
    assert period["half"] in (None, 1, 2)
    assert set(case["parts"]) == PARTS
    assert case["notes"].strip()


@pytest.mark.parametrize("pair", ALL, ids=_id)
def test_text_is_clean_utf8_one_paragraph_per_line(pair):
    case, folder = pair
    if folder is None:
        pytest.skip("case texts not present (kept out of the repository)")
    raw = (folder / case["file"]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw.decode("utf-8")
    assert text.endswith("\n")
    for number, line in enumerate(_lines(case["file"], folder), 1):
        assert line.strip(), f"line {number} is empty"
        assert line == line.strip(), f"line {number} has outer whitespace"


@pytest.mark.parametrize("pair", ALL, ids=_id)
def test_line_numbers_lie_inside_the_text(pair):
    case, folder = pair
    if folder is None:
        pytest.skip("case texts not present (kept out of the repository)")
    count = len(_lines(case["file"], folder))
    if case["title_line"] is not None:
        assert 1 <= case["title_line"] <= count
    for part in case["parts"].values():
        if part is not None:
            assert 1 <= part["line"] <= count
    for areas in (case.get("areas") or {}).values():
        for lines in areas.values():
            assert all(isinstance(n, int) and 1 <= n <= count for n in _as_list(lines))
    for moved in case.get("misplaced") or []:
        assert 1 <= moved["line"] <= count


@pytest.mark.parametrize("case", CASES + CASES_2, ids=lambda c: c["file"][:2])
def test_areas_are_known_and_sit_in_annotated_parts(case):
    areas = case.get("areas") or {}
    absent = case.get("absent") or {}
    for part, found in {**areas, **absent}.items():
        assert part in PARTS and case["parts"][part] is not None, part
    for part, found in areas.items():
        assert set(found) <= AREAS
        assert not set(found) & set(absent.get(part) or []), part
    for part, missing in absent.items():
        assert set(missing) <= AREAS


@pytest.mark.parametrize("case", [c for c in CASES + CASES_2 if c["outline"] == "propaganda"],
                         ids=lambda c: c["file"][:2])
def test_propaganda_cases_say_for_each_part_found_what_is_there_and_what_is_not(case):
    areas = case.get("areas") or {}
    absent = case.get("absent") or {}
    for part, heading in case["parts"].items():
        if heading is None or part == "problems":
            continue
        covered = set(areas.get(part) or {}) | set(absent.get(part) or [])
        assert covered == AREAS, f"{part}: {AREAS - covered} neither present nor absent"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("misplaced")],
                         ids=lambda c: c["file"][:2])
def test_misplaced_areas_are_present_where_found_and_absent_where_they_belong(case):
    for moved in case["misplaced"]:
        assert moved["area"] in case["areas"][moved["found_in"]]
        assert moved["area"] in case["absent"][moved["belongs_to"]]


@pytest.mark.parametrize("case", [c for c in CASES if "derived_from" in c],
                         ids=lambda c: c["file"][:2])
def test_variants_name_a_real_text_and_the_change(case):
    origin = {c["file"]: c for c in CASES}[case["derived_from"]["file"]]
    assert "derived_from" not in origin
    assert case["derived_from"]["change"].strip()
