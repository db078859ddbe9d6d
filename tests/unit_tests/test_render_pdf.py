"""Where LibreOffice and poppler are installed: the rendered seed, converted to PDF, has an
official document's first page (A4, 22 lines at a fixed pitch, 28 characters a line, “— 1 —”
at the foot on the right). Skipped elsewhere."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from drafter import check_path
from drafter.render import build_final, write_final
from render_helpers import SEED_NAME

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MM = 72 / 25.4

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice (soffice) and poppler (pdftotext) not installed")


@pytest.fixture(scope="module")
def first_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    source = check_path(SAMPLES / SEED_NAME)
    write_final(build_final(source.report, source.match), folder / "seed.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "seed.docx")],
                   check=True, capture_output=True, timeout=240)
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(folder / "seed.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    words = [(float(x0), float(y0), float(x1), text, float(y1)) for x0, y0, x1, y1, text in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                        html)]
    return float(page.group(1)), float(page.group(2)), words


def test_first_page_is_a4_with_22_lines_and_a_dash_page_number(first_page):
    width, height, words = first_page
    assert abs(width - 210 * MM) < 1 and abs(height - 297 * MM) < 1
    text_bottom = height - 35 * MM
    body = [w for w in words if w[1] < text_bottom]
    foot = [w for w in words if w[1] >= text_bottom]
    tops = sorted({round(w[1], 1) for w in body})
    pitch = min(b - a for a, b in zip(tops, tops[1:]))
    assert abs(pitch - 28.95) < 0.2                      # fixed line spacing
    assert tops[0] >= 37 * MM - 1                         # the text starts at the top margin
    slots = round((tops[-1] - tops[0]) / pitch) + 1      # title, blank line, text
    assert slots == 22
    # 28 characters a line (lines with Latin letters hold more: XX is half-width)
    full_width = [len(w[3]) for w in body if w[1] > tops[1] and w[3].isascii() is False
                  and not any(c.isascii() for c in w[3])]
    assert max(full_width) == 28 and full_width.count(28) >= 10
    assert [w[3] for w in foot] == ["—", "1", "—"]
    assert min(w[0] for w in foot) > width / 2            # odd page: on the right
    dash_middle = (foot[0][1] + foot[0][4]) / 2
    assert 5 * MM < dash_middle - text_bottom < 9 * MM    # the 一字线 about 7 mm below the text
