"""The dataclass code cache (drafter.files.dataclass_code) makes the same classes as dataclasses.

Each case runs in a fresh interpreter (installing patches the ``dataclasses`` module for the whole
process): classes made with the cache installed, first compiling and then reading every method
from the file, behave exactly as classes made without it; a corrupt file is ignored.
"""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r'''
import json, sys
from drafter.files import dataclass_code
if sys.argv[1] == "install":
    dataclass_code.install("test")
from dataclasses import dataclass, field, fields, replace, FrozenInstanceError

@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int = 0

@dataclass
class Finding:
    code: str
    spans: list = field(default_factory=list)
    note: str = field(default="说明", repr=False)

@dataclass(slots=True, eq=False)
class Slotted:
    x: int

out = {}
a, b = Span(1, 2), Span(1)
out["repr"] = [repr(a), repr(b), repr(Finding("typo", [a]))]
out["eq"] = [a == Span(1, 2), a == b, Finding("x") == Finding("x"), Slotted(1) == Slotted(1)]
out["order"] = [a < b, b < a, sorted([a, b]) == [b, a]]
out["hash"] = hash(a) == hash(Span(1, 2))
try:
    a.start = 3
    out["frozen"] = False
except FrozenInstanceError:
    out["frozen"] = True
out["fields"] = [f.name for f in fields(Finding)]
out["replace"] = repr(replace(a, end=9))
# Types, not strings: the cache compiles without the __future__ flags of its own module.
out["init_annotations"] = {k: repr(v) for k, v in Span.__init__.__annotations__.items()}
out["filename"] = Span.__init__.__code__.co_filename
out["shared_default"] = Finding("x").spans is not Finding("y").spans
out["new"] = len(dataclass_code._new)
out["patched"] = "exec" in vars(__import__("dataclasses"))
print(json.dumps(out, ensure_ascii=False))
'''


def _run(mode: str, cache) -> dict:
    env = {"DRAFTER_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def _behaviour(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("new", "patched")}


def test_classes_made_through_the_cache_behave_as_dataclasses_makes_them(tmp_path):
    plain = _run("plain", tmp_path)
    assert not plain["patched"] and not list(tmp_path.rglob("*.marshal"))
    first = _run("install", tmp_path)                  # compiles each method and keeps it
    assert first["patched"] and first["new"] > 10
    assert list((tmp_path / "code").glob("dataclasses-test-*.marshal"))
    second = _run("install", tmp_path)                 # reads every method from the file
    assert second["patched"] and second["new"] == 0
    assert _behaviour(first) == _behaviour(plain) == _behaviour(second)
    assert plain["frozen"] and plain["eq"] == [True, False, True, False]


def test_a_corrupt_cache_file_is_ignored(tmp_path):
    _run("install", tmp_path)
    [path] = (tmp_path / "code").glob("dataclasses-test-*.marshal")
    path.write_bytes(b"\x00not marshal")
    again = _run("install", tmp_path)
    assert again["new"] > 10 and _behaviour(again) == _behaviour(_run("plain", tmp_path))


def test_nothing_is_installed_with_caching_off(tmp_path):
    env = {"DRAFTER_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", SCRIPT, "install"], capture_output=True, text=True, env=env,
                         check=True)
    assert not json.loads(out.stdout)["patched"]
