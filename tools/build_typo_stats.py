#!/usr/bin/env python3
"""Build the typo detector's statistics (src/drafter/typos/data/) from ../shared and pinned packages.

Reproducible byte for byte from a fresh clone with ../shared beside it:

    pip install -e '.[build]'                      # numpy, pypinyin==0.55.0 (pinned)
    python tools/build_typo_stats.py               # downloads pycorrector==1.1.4's wheel and
                                                   # jieba==0.42.1's sdist (data files only)
    python tools/build_typo_stats.py --only-words  # just the word table (the rest unchanged)
    python tools/train_typo_model.py               # the scoring weights (needs the tables above)

Inputs:
- ``../shared/corpus/*.txt.gz`` — 25M characters of public-domain official text: character 1–5-gram
  counts. Paragraphs that contain a clause of the typo dev set (``../shared/csc``) are left out, so
  the dev-set figures measure text the statistics have not seen.
- pypinyin 0.55.0 (MIT) — readings of every CJK character: same-sound and IME-slip candidates
  (a candidate by its common reading only, the character it replaces by any of its readings).
- pycorrector 1.1.4's wheel (Apache-2.0; data files only, never imported): ``same_pinyin.txt``,
  ``same_stroke.txt`` (similar shape) and ``stroke.txt`` (stroke sequences: one stroke apart, or a
  radical added, as in 完/院).

- jieba 0.42.1's sdist (MIT; ``jieba/dict.txt`` only, never imported): the words of 2–4 CJK
  characters with their frequencies — word-level evidence for the scorer (机制 is a word, 机智 in
  发展机智 is not what the window makes; 央视 is a frequent word, 音视 a rare one).

Outputs (no timestamps, fixed order): ``ngram_keys.npy`` (sorted uint32 hashes), ``ngram_logc.npy``
(uint8, ln(count)·12), ``word_keys.npy``/``word_logf.npy`` (sorted uint32 hashes of jieba's
words, uint8 ln(frequency)·12), ``confusion_*.npy`` (candidates per character, CSR), ``stats.json``.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src" / "drafter" / "typos"))
import hashing  # noqa: E402  (the runtime's own hashing, loaded without importing drafter)

PYPINYIN_VERSION = "0.55.0"
PYCORRECTOR_VERSION = "1.1.4"
JIEBA_VERSION = "0.42.1"
#: sha256 of jieba-0.42.1.tar.gz on PyPI: the word table is built from exactly this file.
JIEBA_SHA256 = "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2"
#: Word lengths in the word table (the detector looks at words covering a changed character).
WORD_LENGTHS = (2, 3, 4)
#: Keep an n-gram when it was seen at least this often (pruning keeps the tables ≈ 20 MB).
MIN_COUNT = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
#: ln(count) is stored in a byte with this many steps per unit (≈ 4 % resolution).
LOG_SCALE = 12
#: A candidate character must be this frequent in the corpus (rarer ones are never suggested).
MIN_CANDIDATE = 20
MIN_SHAPE_CANDIDATE = 300
CJK = range(0x4E00, 0xA000)
INITIAL_SLIPS = [("z", "zh"), ("c", "ch"), ("s", "sh"), ("n", "l"), ("f", "h"), ("r", "l")]
FINAL_SLIPS = [("in", "ing"), ("en", "eng"), ("an", "ang"), ("ian", "iang"), ("uan", "uang"), ("un", "ong")]
#: Candidate kinds (the scorer learns a weight for each).
SAME_TONE, OTHER_TONE, IME_SLIP, SHAPE, RADICAL = 0, 1, 2, 3, 4


def read_corpus(shared: Path) -> list[str]:
    """Every paragraph of the corpus, files in name order, dev-set clauses held out."""
    held = set()
    for line in (shared / "csc" / "ecspell_odw_dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for side in (row["src"], row["tgt"]):
            held.update(c for c in re.split(r"[，。；：、！？,;:（）()“”]", side) if len(c) >= 10)
    paragraphs, dropped = [], 0
    for path in sorted((shared / "corpus").glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                if any(c in line for c in _clauses_of(line, held)):
                    dropped += 1
                    continue
                paragraphs.append(line)
    print(f"corpus: {len(paragraphs)} paragraphs kept, {dropped} held out (dev-set clauses)")
    return paragraphs


def _clauses_of(line: str, held: set[str]) -> list[str]:
    # A paragraph is held out when one of its own clauses contains a dev clause: split the same way.
    return [c for c in re.split(r"[，。；：、！？,;:（）()“”]", line) if len(c) >= 10
            and any(h in c for h in _near(c, held))]


def _near(clause: str, held: set[str]):
    # Exact clause matches cover almost every overlap; a substring search over all held clauses
    # would be 10^9 comparisons.
    return (clause,) if clause in held else ()


def count_ngrams(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted hashes of the kept n-grams (orders 1–5) and their quantised log counts."""
    keys, logc = [], []
    for n in range(1, 6):
        uniq, counts = np.unique(hashing.ngram_hashes(codes, n), return_counts=True)
        keep = counts >= MIN_COUNT[n]
        keys.append(uniq[keep])
        logc.append(counts[keep])
        print(f"order {n}: {int(keep.sum())} of {len(uniq)} kept")
    k = np.concatenate(keys)
    c = np.concatenate(logc)
    order = np.argsort(k, kind="stable")
    k, c = k[order], c[order]
    # Two n-grams of different orders may share a hash: keep the larger count, once.
    first = np.r_[True, k[1:] != k[:-1]]
    c = np.maximum.reduceat(c, np.flatnonzero(first))
    k = k[first]
    q = np.clip(np.round(np.log(c) * LOG_SCALE), 0, 255).astype(np.uint8)
    return k.astype(np.uint32), q


def pycorrector_files(wheel: Path | None) -> dict[str, str]:
    """The data files of pycorrector's wheel (downloaded with pip when not given)."""
    if wheel is None:
        tmp = Path(tempfile.mkdtemp(prefix="drafter-pyc-"))
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(tmp),
                        f"pycorrector=={PYCORRECTOR_VERSION}"], check=True)
        wheel = next(tmp.glob("pycorrector-*.whl"))
    out = {}
    with zipfile.ZipFile(wheel) as z:
        for name in ("same_pinyin.txt", "same_stroke.txt", "stroke.txt"):
            out[name] = z.read(f"pycorrector/data/{name}").decode("utf-8")
    return out


def jieba_dict(sdist: Path | None) -> str:
    """``jieba/dict.txt`` of jieba's pinned sdist (downloaded with pip when not given, checked by
    sha256)."""
    import hashlib
    import tarfile

    if sdist is None:
        tmp = Path(tempfile.mkdtemp(prefix="drafter-jieba-"))
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "-d", str(tmp), f"jieba=={JIEBA_VERSION}"], check=True)
        sdist = next(tmp.glob("jieba-*.tar.gz"))
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != JIEBA_SHA256:
        sys.exit(f"{sdist}: sha256 {digest}, expected {JIEBA_SHA256} (jieba {JIEBA_VERSION})")
    with tarfile.open(sdist) as tar:
        member = tar.extractfile(f"jieba-{JIEBA_VERSION}/jieba/dict.txt")
        return member.read().decode("utf-8")


def word_table(dict_txt: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted hashes of jieba's words of :data:`WORD_LENGTHS` CJK characters and their quantised
    ln(frequency) (a hash shared by two words keeps the larger frequency)."""
    by_hash: dict[int, int] = {}
    for line in dict_txt.splitlines():
        parts = line.split(" ")
        if len(parts) < 2 or len(parts[0]) not in WORD_LENGTHS or not parts[1].isdigit():
            continue
        word = parts[0]
        if not all(0x4E00 <= ord(ch) < 0xA000 for ch in word):
            continue
        h = int(hashing.hash_rows(hashing.codes_of(word)[None, :])[0])
        by_hash[h] = max(by_hash.get(h, 0), int(parts[1]))
    keys = np.array(sorted(by_hash), np.uint32)
    freq = np.array([by_hash[int(k)] for k in keys], np.float64)
    logf = np.clip(np.round(np.log(np.maximum(freq, 1)) * LOG_SCALE), 0, 255).astype(np.uint8)
    return keys, logf


def write_words(out: Path, keys: np.ndarray, logf: np.ndarray) -> None:
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "word_keys.npy", keys, allow_pickle=False)
    np.save(out / "word_logf.npy", logf, allow_pickle=False)
    print(f"wrote {out}: {len(keys)} words")


def readings(chars) -> dict[str, set[str]]:
    """Toned pinyin syllables (``zhong1``) of each character, heteronyms included."""
    import pypinyin
    from pypinyin import Style, pinyin

    if pypinyin.__version__ != PYPINYIN_VERSION:
        sys.exit(f"pypinyin {PYPINYIN_VERSION} is required for a reproducible build "
                 f"(found {pypinyin.__version__}): pip install -e '.[build]'")
    out = {}
    for ch in chars:
        syl = pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
        out[ch] = {s for s in syl if len(s) > 1 and s[-1].isdigit() and s[:-1].isalpha()}
    return out


def primary_readings(chars) -> dict[str, str]:
    """The most common toned reading of each character (pypinyin without heteronyms): the
    syllable a writer types for it. 和 is he2, though it is also read huo4 (和药)."""
    from pypinyin import Style, pinyin

    out = {}
    for ch in chars:
        syl = pinyin(ch, style=Style.TONE3, heteronym=False, neutral_tone_with_five=True)[0][0]
        if len(syl) > 1 and syl[-1].isdigit() and syl[:-1].isalpha():
            out[ch] = syl
    return out


def _slips(base: str) -> set[str]:
    from pypinyin.style._utils import get_initials

    initial = get_initials(base, strict=False)
    final = base[len(initial):]
    initials, finals = {initial}, {final}
    for a, b in INITIAL_SLIPS:
        if initial in (a, b):
            initials |= {a, b}
    for a, b in FINAL_SLIPS:
        if final in (a, b):
            finals |= {a, b}
    return {i + f for i in initials for f in finals} - {base}


def confusion(freq: dict[str, int], pyc: dict[str, str]) -> dict[str, dict[str, int]]:
    """For every CJK character: its candidate corrections and their kind."""
    chars = [chr(c) for c in CJK]
    ok = {c for c in chars if freq.get(c, 0) >= MIN_CANDIDATE}
    read = readings(chars)
    primary = primary_readings(chars)
    # A candidate is indexed by its common reading only: a writer who meant 和 typed "he", so 和
    # is no same-sound candidate of 或 (huo4) for all that 和 can be read huo4.
    by_tone, by_base = collections.defaultdict(set), collections.defaultdict(set)
    for c in sorted(ok):
        if c in primary:
            by_tone[primary[c]].add(c)
            by_base[primary[c][:-1]].add(c)
    table: dict[str, dict[str, int]] = {}
    for c in chars:
        t: dict[str, int] = {}
        for s in sorted(read[c]):
            for b in by_tone[s]:
                t.setdefault(b, SAME_TONE)
        for s in sorted(read[c]):
            for b in by_base[s[:-1]]:
                t.setdefault(b, OTHER_TONE)
        for s in sorted(read[c]):
            for v in sorted(_slips(s[:-1])):
                for b in by_base[v]:
                    t.setdefault(b, IME_SLIP)
        table[c] = t
    for line in pyc["same_pinyin.txt"].splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[0] not in table:
            continue
        bases = {r[:-1] for r in read[cols[0]]}
        for b in "".join(cols[1:]):
            # The same rule for pycorrector's list (it has 或 → 和 through 和's rare reading).
            if b in ok and b in primary and primary[b][:-1] in bases:
                table[cols[0]].setdefault(b, OTHER_TONE)
    for line in pyc["same_stroke.txt"].splitlines():
        group = [x for x in line.strip().split("\t") if len(x) == 1]
        for a in group:
            for b in group:
                if a != b and a in table and b in ok:
                    table[a].setdefault(b, SHAPE)
    for a, near in _stroke_neighbours(pyc["stroke.txt"], {c for c in chars if freq.get(c, 0) >= MIN_SHAPE_CANDIDATE}).items():
        if a in table:
            for b, kind in near.items():
                table[a].setdefault(b, kind)
    for c in table:
        table[c].pop(c, None)
    return table


def _stroke_neighbours(stroke_txt: str, ok: set[str]) -> dict[str, dict[str, int]]:
    """Characters one stroke apart (木/术, 目/日), or one inside the other plus ≤ 3 strokes (完/院)."""
    strokes = {}
    for line in stroke_txt.splitlines():
        p = line.split("\t")
        if not line.startswith("#") and len(p) == 2 and len(p[0]) == 1:
            strokes[p[0]] = p[1]
    by_len = collections.defaultdict(list)
    for c in sorted(ok):
        if c in strokes:
            by_len[len(strokes[c])].append(c)

    def one_apart(a: str, b: str) -> bool:
        if len(a) == len(b):
            return sum(x != y for x, y in zip(a, b)) == 1
        if len(a) > len(b):
            a, b = b, a
        return any(b[:i] + b[i + 1:] == a for i in range(len(b)))

    out: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for c in sorted(strokes):
        if not 0x4E00 <= ord(c) < 0xA000:
            continue
        s = strokes[c]
        for length in range(max(1, len(s) - 3), len(s) + 4):
            for b in by_len.get(length, ()):
                t = strokes[b]
                if b == c:
                    continue
                if abs(len(t) - len(s)) <= 1 and len(s) >= 3 and one_apart(s, t):
                    out[c][b] = SHAPE
                elif min(len(s), len(t)) >= 2 and (t.endswith(s) or t.startswith(s) or s.endswith(t) or s.startswith(t)):
                    out[c][b] = RADICAL
    return out


def write(out: Path, keys, logc, table, total: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rows = sorted(table)
    offs, cands, kinds = [0], [], []
    for c in rows:
        for b, kind in sorted(table[c].items(), key=lambda x: (x[1], x[0])):
            cands.append(ord(b))
            kinds.append(kind)
        offs.append(len(cands))
    arrays = {
        "ngram_keys": keys, "ngram_logc": logc,
        "confusion_rows": np.array([ord(c) for c in rows], np.uint16),
        "confusion_offsets": np.array(offs, np.uint32),
        "confusion_candidates": np.array(cands, np.uint16),
        "confusion_kinds": np.array(kinds, np.uint8),
    }
    for name, arr in arrays.items():
        np.save(out / f"{name}.npy", arr, allow_pickle=False)
    meta = {"format": 1, "total": total, "log_scale": LOG_SCALE, "orders": 5,
            "min_count": MIN_COUNT, "pypinyin": PYPINYIN_VERSION, "pycorrector": PYCORRECTOR_VERSION,
            "jieba": JIEBA_VERSION,
            "entries": len(keys), "candidates": len(cands)}
    (out / "stats.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "drafter" / "typos" / "data")
    ap.add_argument("--pycorrector-wheel", type=Path, default=None)
    ap.add_argument("--jieba-sdist", type=Path, default=None)
    ap.add_argument("--only-words", action="store_true",
                    help="rebuild only word_keys.npy/word_logf.npy (no corpus pass)")
    args = ap.parse_args(argv)
    write_words(args.out, *word_table(jieba_dict(args.jieba_sdist)))
    if args.only_words:
        # stats.json as a full build writes it (same keys, same formatting): byte-identical.
        meta_path = args.out / "stats.json"
        if not meta_path.exists():
            return 0
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["jieba"] = JIEBA_VERSION
        meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    paragraphs = read_corpus(args.shared)
    codes = hashing.codes_of("\n" + "\n".join(paragraphs) + "\n")
    keys, logc = count_ngrams(codes)
    uniq, counts = np.unique(codes, return_counts=True)
    freq = {chr(int(u)): int(c) for u, c in zip(uniq, counts)}
    table = confusion(freq, pycorrector_files(args.pycorrector_wheel))
    write(args.out, keys, logc, table, int(len(codes)))
    print(f"wrote {args.out}: {len(keys)} n-grams")
    return 0


if __name__ == "__main__":
    sys.exit(main())
