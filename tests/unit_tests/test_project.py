"""The project's promises about itself: packaged data, README quick start and CI in step."""

from __future__ import annotations

import re

from conftest import ROOT
from drafter.outline import available_outlines, load_outline
from drafter.resources import checklists_dir, samples_dir


def test_installed_package_carries_outlines_and_samples():
    assert "propaganda-half-year" in available_outlines()
    assert (samples_dir() / "propaganda-dept-2020-h1-report.txt").is_file()
    assert (samples_dir() / "propaganda-dept-2020-h1-draft.md").is_file()
    outline = load_outline()
    assert [s.title for s in outline.parts[0].sections] == ["理论武装", "意识形态", "新闻舆论", "精神文明", "文化文艺"]
    assert checklists_dir().is_dir()


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
