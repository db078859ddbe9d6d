"""The project's promises about itself: packaged data, README quick start and CI in step."""

from __future__ import annotations

import re

from conftest import ROOT
from drafter.outlines.definition import available_outlines, load_outline
from drafter.files.resources import checklists_dir, samples_dir


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


def test_standard_input_uses_the_project_file_of_the_current_folder(tmp_path, seed_text):
    # `cat draft.txt | drafter check -` in a project folder judged the 2020 seed as of today
    # (nine term.outdated warnings) where `drafter check draft.txt` used the folder's drafter.yaml.
    import json
    import subprocess
    import sys

    (tmp_path / "drafter.yaml").write_text("date: 2020-07-10\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "drafter", "check", "--format", "json", "-"],
                          input=seed_text.encode("utf-8"), capture_output=True, cwd=tmp_path, timeout=120)
    data = json.loads(done.stdout)
    assert data["files"][0]["period"] == {"year": 2020, "half": 1, "source": "config"}
    assert not [d for d in data["files"][0]["diagnostics"] if d["code"] == "term.outdated"]
    done = subprocess.run([sys.executable, "-m", "drafter", "check", "--no-config", "--format", "json", "-"],
                          input=seed_text.encode("utf-8"), capture_output=True, cwd=tmp_path, timeout=120)
    assert json.loads(done.stdout)["files"][0]["period"]["year"] is None
