"""Chinese soft-wrap rules (避头尾) of the editor's rows: ``drafter_tui.widgets.line_breaking``.

The module imports no Textual (only Rich's cell widths), so these tests start no UI.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from drafter_tui.widgets.line_breaking import NO_END, NO_START, break_offsets, can_break_before

SEED = Path(__file__).resolve().parents[2] / "samples" / "propaganda-dept-2020-h1-report.txt"


def rows(line: str, width: int) -> list[str]:
    offsets = break_offsets(line, width)
    return [line[a:b] for a, b in zip([0, *offsets], [*offsets, len(line)])]


def test_no_row_starts_with_a_closing_mark_or_ends_with_an_opening_one_in_the_seed():
    """Every paragraph of the seed at every width from 8 to 120 cells."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line]
    checked = 0
    for width in range(8, 121):
        for line in lines:
            parts = rows(line, width)
            assert "".join(parts) == line
            for row in parts[:-1]:
                assert cell_len(row) <= width, (width, row)
                assert row[-1] not in NO_END, (width, row)
            for row in parts[1:]:
                assert row[0] not in NO_START, (width, row)
                checked += 1
    assert checked > 5000


def test_the_issue_paragraph_at_a_width_that_used_to_start_rows_with_commas():
    line = "一是开展“百姓百团 百人百讲”活动，深入基层宣讲X次、覆盖群众X万人次；二是推送“战疫最后一公里”专栏。"
    for width in (10, 12, 14, 17, 20, 23, 30):
        parts = rows(line, width)
        assert all(row[0] not in "，、。；”" for row in parts[1:]), (width, parts)
        assert all(row[-1] != "“" for row in parts[:-1]), (width, parts)


def test_a_quoted_name_never_breaks_at_its_space():
    line = "全年开展“百姓百团 百人百讲”活动。"
    name_space = line.index(" ") + 1
    for width in range(6, 40):
        assert name_space not in break_offsets(line, width), width
    # Outside a quotation a space is an ordinary break.
    plain = "read the manual carefully before using it"
    assert rows(plain, 12) == ["read the ", "manual ", "carefully ", "before ", "using it"]


def test_numbers_and_latin_words_stay_whole():
    line = "完成率达到12.5%，做好COVID-19防控宣传工作"
    for width in range(10, 30):
        parts = rows(line, width)
        joined_breaks = {len("".join(parts[:i])) for i in range(1, len(parts))}
        for word in ("12.5%", "COVID-19"):
            start = line.index(word)
            assert not any(start < b < start + len(word) for b in joined_breaks), (width, parts)


def test_doubled_dashes_and_ellipses_stay_together():
    line = "推送专栏……同时——做好宣传" * 3
    for width in range(4, 30):
        for b in break_offsets(line, width):
            assert not (line[b - 1] == line[b] and line[b] in "—…"), (width, b)


def test_short_lines_and_no_width_give_no_breaks():
    assert break_offsets("", 10) == []
    assert break_offsets("一二三四五", 10) == []
    assert break_offsets("一二三四五六", 0) == []


# Text made of the characters that matter: ideographs, closing and opening marks, quotes,
# spaces, Latin letters and digits.
_ALPHABET = st.sampled_from(list("宣传工作百姓团讲") + list("，、。；：！？）》”’…—") + list("（《“‘")
                            + [" ", "a", "b", "1", "2", "."])


@given(st.text(_ALPHABET, max_size=120), st.integers(min_value=1, max_value=60))
def test_rows_fit_join_up_and_break_only_where_allowed(line, width):
    """Rows rebuild the line, fit the width (a lone wide character in a 1-cell row excepted),
    and every break is an allowed one unless the row before it had no allowed break at all."""
    offsets = break_offsets(line, width)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(line) for o in offsets)
    parts = rows(line, width)
    assert "".join(parts) == line
    starts = [0, *offsets]
    for start, end in zip(starts, offsets):
        row = line[start:end]
        assert cell_len(row) <= width or len(row) == 1, (row, width)
        if not can_break_before(line, end):
            assert not any(can_break_before(line, k) for k in range(start + 1, end)), (line, width, row)
