"""The standard sentence-level metrics of Chinese spelling check, and the dev set's fixed halves.

Used by ``tools/train_typo_model.py`` (tunes on the even lines) and ``benchmarks/bench_typo.py``
(reports the odd lines and the whole set). Metrics as in ``../shared/csc/README.md``: detection is
right when the flagged positions equal the true ones, correction when every suggested character is
right too; precision over sentences with a flag, recall over erroneous sentences; the false-alarm
rate over correct sentences; character precision over flagged characters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence


def load_dev(shared: Path) -> list[dict]:
    """The rows of ``shared/csc/ecspell_odw_dev.jsonl`` in file order."""
    path = Path(shared) / "csc" / "ecspell_odw_dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def tune_half(rows: Sequence[dict]) -> list[dict]:
    """The even lines (0, 2, …): the only rows that weights and thresholds are fitted on."""
    return list(rows[0::2])


def held_out_half(rows: Sequence[dict]) -> list[dict]:
    """The odd lines: never used for fitting."""
    return list(rows[1::2])


def metrics(rows: Sequence[dict], predictions: Sequence[dict[int, str]]) -> dict:
    """Sentence-level detection/correction (P, R, F1), false-alarm rate and character precision.

    ``predictions[i]`` maps a position of ``rows[i]["src"]`` to the suggested character.
    """
    det_ok = cor_ok = flagged = erroneous = false_alarms = correct = 0
    chars = chars_ok = 0
    for row, pred in zip(rows, predictions):
        gold = {i: b for i, (a, b) in enumerate(zip(row["src"], row["tgt"])) if a != b}
        erroneous += bool(gold)
        correct += not gold
        if pred:
            flagged += 1
            false_alarms += not gold
            if set(pred) == set(gold):
                det_ok += 1
                cor_ok += all(pred[i] == gold[i] for i in pred)
        chars += len(pred)
        chars_ok += sum(gold.get(i) == c for i, c in pred.items())

    def prf(tp: int) -> tuple[float, float, float]:
        p = tp / flagged if flagged else 0.0
        r = tp / erroneous if erroneous else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    return {"sentences": len(rows), "erroneous": erroneous, "detection": prf(det_ok),
            "correction": prf(cor_ok), "false_alarm_rate": false_alarms / correct if correct else 0.0,
            "char_precision": chars_ok / chars if chars else 0.0, "flagged_sentences": flagged,
            "flagged_chars": chars}
