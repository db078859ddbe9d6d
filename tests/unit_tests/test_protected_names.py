"""No fix, from any check, changes a person's or a place's name (issue 9)."""

from __future__ import annotations

from pathlib import Path

from drafter.api import check_text
from drafter.cli import main
from drafter.report.protected import protected_spans

DATA = Path(__file__).resolve().parent.parent / "data"
NAMES = ("张宏扬", "余辉", "李贤慧", "王精采", "赵思惟", "流水镇", "松南村", "新华社区", "杨柳青集团有限公司")


def test_fix_leaves_a_paragraph_of_names_byte_identical(tmp_path, capsys):
    path = tmp_path / "report.txt"
    original = (DATA / "names-paragraph.txt").read_bytes()
    path.write_bytes(original)
    main(["check", str(path), "--fix", "--no-outline"])
    fixed = path.read_bytes().decode("utf-8")
    for name in NAMES:
        assert fixed.count(name) == original.decode("utf-8").count(name), name
    # Nothing else in this paragraph needed a fix either: the whole file is unchanged.
    assert path.read_bytes() == original


def test_no_diagnostic_offers_a_fix_inside_a_name():
    text = (DATA / "names-paragraph.txt").read_text(encoding="utf-8")
    result = check_text(text)
    spans = [(text.index(n), text.index(n) + len(n)) for n in NAMES]
    for d in result.diagnostics:
        for e in (d.fix.edits if d.fix else ()):
            assert not any(e.start < b and e.end > a for a, b in spans), (d.code, d.message)


def test_names_and_places_found_by_context_not_by_list():
    text = "副部长刘思远、陈晓光出席，主席孙德胜讲话，周建华同志主持。在青石镇柳河村、东城街道开展活动。"
    found = {text[s.start:s.end] for s in protected_spans(text)}
    assert {"刘思远", "陈晓光", "孙德胜", "周建华", "青石镇", "柳河村", "东城街道"} <= found
    # Ordinary words with the same suffixes are not places.
    assert not any(w in found for w in ("城市", "地区", "农村"))


def test_banners_and_leagues_only_where_the_text_says_administrative_unit():
    text = "达拉特旗委宣传部、土默特左旗人民政府、锡林郭勒盟行署联合开展活动，高举伟大旗帜，举行升旗仪式，加入联盟。"
    found = {text[s.start:s.end] for s in protected_spans(text)}
    assert {"拉特旗", "特左旗", "郭勒盟"} <= found
    # 旗 and 盟 in everyday words are not place suffixes: a typo beside them stays findable.
    assert not any(w.endswith(("旗", "盟")) for w in found - {"拉特旗", "特左旗", "郭勒盟"}), found
    swapped = "牢牢把握举帜旗、聚民心的使命任务。"
    assert not protected_spans(swapped)


def test_a_suffix_opening_an_ordinary_word_is_no_place():
    text = "完善社会主义市场经济体制，优化合理区域布局，在青石镇柳河村建设美丽村庄。"
    found = {text[s.start:s.end] for s in protected_spans(text)}
    assert {"青石镇", "柳河村"} <= found
    assert not {"主义市", "合理区", "美丽村"} & found, found


def test_user_protected_words_block_fixes(tmp_path, capsys):
    (tmp_path / "drafter.yaml").write_text("protected: [余辉]\n", encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text("一、工作总结\n余辉在工作中发挥作用。\n", encoding="utf-8")
    main(["check", str(path), "--fix", "--no-outline"])
    assert "余辉" in path.read_text(encoding="utf-8")


def test_protected_words_of_a_checklist_block_fixes(tmp_path):
    # A checklist of the writer's own: its protected: words hold for every check, like drafter.yaml's.
    checklist = tmp_path / "own.yaml"
    checklist.write_text(
        "version: 1\nname: own-names\nprotected: [余辉]\nentries:\n"
        "  - {id: yu-hui, type: substitution, code: typo.word, severity: warning, source: 测试, wrong: 余辉, right: 余晖, safe: true}\n",
        encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text("一、工作总结\n余辉在工作中发挥作用。\n", encoding="utf-8")
    main(["check", str(path), "--fix", "--no-outline", "--checklist", str(checklist)])
    assert "余辉" in path.read_text(encoding="utf-8")
    # The same entry without the protected word does apply: the test above can fail.
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("protected: [余辉]\n", ""), encoding="utf-8")
    main(["check", str(path), "--fix", "--no-outline", "--checklist", str(checklist)])
    assert "余晖" in path.read_text(encoding="utf-8")
