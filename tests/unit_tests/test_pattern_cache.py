"""The compiled-pattern cache (drafter.files.patterns.compile) gives re.compile's patterns.

A pattern built from the cache's stored code must behave as ``re.compile`` of the same text:
same flags, groups and group names, same matches. A corrupt or foreign cache file is ignored.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest

from drafter.files.resources import samples_dir

PATTERNS = [
    (r"(?<![0-9A-Za-z.\-/:#＃])(?P<ord>第)?(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<sep>[-－–~〜～—])", 0),
    (r"[\u3400-\u9fff]{2,4}同志", 0),
    (r"^\s*(?:#{1,6})[ \t]+(.+)$", re.M),
    (r"<!--.*?-->", re.S),
    (r"[a-z]+ing\b", re.I),
    (r"(自治州|自治县|街道|社区|[省市县区镇乡村旗盟])", 0),
]


def _fresh(monkeypatch, cache_dir):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    import drafter.files.patterns as patterns

    return importlib.reload(patterns)


def _same(a: re.Pattern, b: re.Pattern, text: str) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [(m.span(), m.groups()) for m in a.finditer(text)] == [(m.span(), m.groups()) for m in b.finditer(text)]


def test_patterns_from_the_cache_match_as_re_does(monkeypatch, tmp_path):
    text = "\n".join(p.read_text(encoding="utf-8") for p in samples_dir().glob("*.*"))
    text += "\n第3-5批 张宏扬同志 流水镇 <!-- x\ny --> Testing 12～15"
    patterns = _fresh(monkeypatch, tmp_path)
    for pattern, flags in PATTERNS:
        _same(patterns.compile(pattern, flags), re.compile(pattern, flags), text)
    patterns._save()
    assert list((tmp_path / "patterns").glob("re-*.marshal"))
    patterns = _fresh(monkeypatch, tmp_path)          # a new run: every pattern read from the file
    assert all(key in patterns._load() for key in ((p, int(f)) for p, f in PATTERNS))
    for pattern, flags in PATTERNS:
        _same(patterns.compile(pattern, flags), re.compile(pattern, flags), text)
    assert not patterns._new


def test_regex_patterns_from_the_cache_match_as_compiled(monkeypatch, tmp_path):
    import regex

    text = (samples_dir() / "propaganda-dept-2020-h1-report.txt").read_text(encoding="utf-8") + "第3-5批 张宏扬同志"
    patterns = _fresh(monkeypatch, tmp_path)
    made = [patterns.FastPattern(p, f) for p, f in PATTERNS]
    fresh = [m.regex_pattern() for m in made]
    patterns._save()
    assert list((tmp_path / "patterns").glob("regex-*.pickle"))
    patterns = _fresh(monkeypatch, tmp_path)
    for (pattern, flags), compiled in zip(PATTERNS, fresh):
        cached = patterns.FastPattern(pattern, flags).regex_pattern()
        assert cached is not compiled and (cached.pattern, cached.flags) == (compiled.pattern, compiled.flags)
        assert cached.flags & regex.V1 == 0 and not patterns._regex_new   # re-compatible mode
        assert [m.span() for m in cached.finditer(text)] == [m.span() for m in re.compile(pattern, flags).finditer(text)]


def test_a_corrupt_cache_file_is_ignored(monkeypatch, tmp_path):
    patterns = _fresh(monkeypatch, tmp_path)
    path = patterns._cache_file()
    (tmp_path / "patterns").mkdir()
    with open(path, "wb") as handle:
        handle.write(b"\x00not marshal")
    patterns = _fresh(monkeypatch, tmp_path)
    _same(patterns.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]), "第3-5批")


def test_a_wrong_entry_is_compiled_afresh(monkeypatch, tmp_path):
    patterns = _fresh(monkeypatch, tmp_path)
    patterns._load()[("[0-9]+", 0)] = (0, [999999], 0, {}, (None,))   # code _sre rejects
    _same(patterns.compile("[0-9]+"), re.compile("[0-9]+"), "a12b3")


def test_syntax_errors_raise_as_in_re(monkeypatch, tmp_path):
    patterns = _fresh(monkeypatch, tmp_path)
    with pytest.raises(re.error):
        patterns.compile("(unclosed")


def test_a_warm_check_compiles_no_pattern(tmp_path):
    """After one run, a second `drafter check` of the seed builds every pattern from the cache."""
    seed = str(samples_dir() / "propaganda-dept-2020-h1-report.txt")
    code = ("import io, contextlib, drafter.files.patterns as p\nfrom drafter.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main(['check', %r])\n    except SystemExit:\n        pass\n"
            "print(len(p._new))" % seed)
    env = {"DRAFTER_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert int(first.stdout.split()[-1]) > 50
    assert int(second.stdout.split()[-1]) == 0
