"""The noisy-channel typo detector: improbable characters whose likely correction is far more probable.

For a paragraph:

1. Score every character with a 5-gram character model (stupid backoff over the shipped counts)
   and keep the *suspects*: characters not covered by a seen bigram ending at them, or whose next
   character is not covered by a seen trigram.
2. Generate candidates for each suspect: same or near pinyin (tones, IME slips such as n/l, zh/z,
   in/ing), similar shape, and for two neighbouring suspects a two-character replacement (淡味 →
   单位); a swap (帜旗 → 旗帜) where the pair is unseen and its reverse frequent. A cheap first
   stage ranks each suspect's single-character candidates by the bigram model (fit with the left
   and the right neighbour) and keeps the best few; pairs must fit their outer neighbours.
3. Score each candidate in context: the gain in log-probability of the window it changes (only
   the n-grams that contain a changed character are looked up; the window before the change is the
   text's own log-probabilities), plus the candidate's kind, the characters' frequencies and how
   well the original was covered; a logistic model (``model.json``, trained by
   ``tools/train_typo_model.py`` on one half of the dev set) turns that into a confidence.
4. Keep the most confident non-overlapping corrections above a threshold; apply them and look
   once more, in the paragraphs that changed (a second typo is easier to see once its neighbour
   is fixed).

Speed (findings unchanged by each of these; ``tools/typo_identical.py`` checks it): the text's 4-
and 5-grams are looked up only near an unseen trigram; a candidate's bigrams with its neighbours are
looked up once and reused; candidates that cannot reach the threshold whatever their word evidence
never look it up; the second round packs only the paragraphs that changed.

Paragraphs are packed with boundaries between them, so a paragraph's findings depend on its text
alone; :mod:`drafter.typos.results` remembers them per paragraph (in memory and on disk), so a
re-check (the editor's live check, a second run) only scores the paragraphs that changed.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Iterable, Sequence

import numpy as np

from .hashing import BOUNDARY, codes_of, hash_columns, ngram_hashes
from .findings import Suspect
from .stats import TypoStats, load_stats

ORDER = 5
LEFT = ORDER - 1
RIGHT = ORDER - 1
_BACKOFF = float(np.log(0.4))
#: Candidate kinds beyond the single-character ones of the build script.
PAIR_BASE, SWAP = 10, 20
#: A paragraph batch's size in characters: bounds memory whatever the document's size.
BATCH_CHARS = 20_000
#: Paragraphs remembered with their findings (the editor re-checks on every pause in typing).
CACHE_SIZE = 20_000
_MIN_PAIR_BIGRAM = float(np.log(20))
#: Candidates per suspect character that the cheap bigram stage passes on to the 5-gram scoring.
FIRST_STAGE_KEEP = 4
#: Lengths of the dictionary words looked for around a changed character (word evidence).
WORD_LENGTHS = (2, 3, 4)
#: Placeholder marks of drafts and masked copies (XX有礼, 居*各县, ××镇; Latin letters are folded to
#: ``a`` by :func:`codes_of`): a character beside one has no real context, so it is no suspect.
PLACEHOLDER_CODES = np.array([ord(c) for c in "a*＊×_＿#＃"], np.uint32)


_KIND_NAMES = {0: "same-sound", 1: "same-sound", 2: "ime-slip", 3: "shape", 4: "shape"}


def kind_name(kind: int) -> str:
    """The public name of a candidate kind."""
    if kind == SWAP:
        return "swap"
    if kind >= PAIR_BASE:
        return "two-chars"
    return _KIND_NAMES.get(kind, "near-sound")


def _is_cjk(c: np.ndarray) -> np.ndarray:
    return (c >= 0x4E00) & (c <= 0x9FFF)


def forward_logprob(stats: TypoStats, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
    """log P(codes[j] | previous 4) for every j, the order of the longest seen n-gram ending at j,
    and ln(count) of the n-gram ending at each j for n = 1…5 (``-inf`` where unseen)."""
    counts = {1: stats.unigram(codes)}
    for n in range(2, ORDER + 1):
        counts[n] = np.full(len(codes), -np.inf, np.float32)
        counts[n][n - 1:] = stats.lookup(ngram_hashes(codes, n))
    lp, order = _backoff(stats, counts)
    return lp, order, counts


def _backoff(stats: TypoStats, counts: dict[int, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Stupid backoff over per-position counts: log P at each position and the order it used."""
    size = len(counts[1])
    lp = np.full(size, -stats.log_total + ORDER * _BACKOFF, np.float32)
    order = np.zeros(size, np.int8)
    done = np.zeros(size, bool)
    with np.errstate(invalid="ignore"):     # -inf - -inf where unseen: never copied
        for n in range(max(counts), 0, -1):
            prefix = np.full(size, stats.log_total, np.float32) if n == 1 else np.r_[np.float32(-np.inf), counts[n - 1][:-1]]
            ok = ~done & np.isfinite(counts[n]) & np.isfinite(prefix)
            np.copyto(lp, counts[n] - prefix + (ORDER - n) * _BACKOFF, where=ok)
            order[ok] = n
            done |= ok
    return lp, order


#: Orders looked up at every position; the higher ones only near an open suspect test (_Context).
EVERYWHERE = 3


def _near(mask: np.ndarray, before: int, after: int) -> np.ndarray:
    """Positions within ``before`` before to ``after`` after a true position of ``mask``."""
    run = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])
    size = len(mask)
    at = np.arange(size)
    return run[np.minimum(at + before + 1, size)] > run[np.maximum(at - after, 0)]


class _Context:
    """One padded text's codes with its per-position n-gram counts and log-probabilities: scoring
    a candidate looks up only the n-grams its change touches and reuses the text's own for the rest
    (the window before the change is the text's own log-probabilities).

    As :func:`forward_logprob`, except that 4- and 5-grams are looked up only near a position whose
    trigram (with its bigram prefix) is unseen: elsewhere the lower orders settle the suspect test
    alone (order ≥ 3 either way), and no suspect, hence no candidate window, is near. Wherever
    ``lp``, ``order`` or ``counts`` are read they are those of :func:`forward_logprob`."""

    def __init__(self, stats: TypoStats, codes: np.ndarray):
        self.stats = stats
        self.codes = codes
        size = len(codes)
        counts = {1: stats.unigram(codes)}
        for n in range(2, EVERYWHERE + 1):
            counts[n] = np.full(size, -np.inf, np.float32)
            counts[n][n - 1:] = stats.lookup(ngram_hashes(codes, n))
        # Order < 3 at q unless the trigram ending at q and its bigram prefix are both seen.
        low = ~(np.isfinite(counts[3]) & np.isfinite(np.r_[np.float32(-np.inf), counts[2][:-1]]))
        # A suspect j has order < 2 at j or < 3 at j + 1 (so low there); its candidates' windows
        # read counts from j - 3 (a swap starts at j - 1; prefixes one before) to j + RIGHT + 2.
        need = _near(low, before=4, after=RIGHT + 3)
        at = np.flatnonzero(need)
        for n in range(EVERYWHERE + 1, ORDER + 1):
            counts[n] = np.full(size, -np.inf, np.float32)
            here = at[at >= n - 1]
            counts[n][here] = stats.lookup(_hashes_ending_at(codes, here, n))
        self.counts = counts
        self.lp, self.order = _backoff(stats, counts)

    def gain(self, pos: np.ndarray, span: int, new: np.ndarray,
             known: dict[tuple[int, int], np.ndarray] | None = None) -> np.ndarray:
        """Change in the summed log P of the characters whose history includes the ``span``
        characters at ``pos`` when those are replaced by the rows of ``new`` (K, span).
        ``known``: counts of some changed n-grams, (n, end column) → one value per row, already
        looked up by the caller (a candidate's bigrams with its neighbours)."""
        known = known or {}
        stats, rows = self.stats, len(pos)
        width = LEFT + span + RIGHT
        last_changed = LEFT + span - 1
        win = _windows(self.codes, pos, span)
        win[:, LEFT:LEFT + span] = new
        # The n-grams (n, end column) that contain a changed character, looked up in one batch.
        touched = [(n, e) for e in range(LEFT, width) for n in range(2, ORDER + 1)
                   if e - n + 1 <= last_changed and (n, e) not in known]
        cols = np.ascontiguousarray(win.T)     # one row per column: contiguous n-gram columns
        values = stats.lookup(np.concatenate([hash_columns(cols[e - n + 1:e + 1]) for n, e in touched]))
        looked = {key: values[k * rows:(k + 1) * rows] for k, key in enumerate(touched)}
        looked.update(known)
        for e in range(LEFT, last_changed + 1):
            looked[1, e] = stats.unigram(win[:, e])
        unigram_total = np.full(rows, stats.log_total, np.float32)

        def count(n: int, e: int) -> np.ndarray:
            if n == 0:
                return unigram_total
            hit = looked.get((n, e))
            return hit if hit is not None else self.counts[n][pos - LEFT + e]

        after = np.zeros(rows, np.float32)
        before = np.zeros(rows, np.float32)
        finite = {key: np.isfinite(v) for key, v in looked.items()}
        with np.errstate(invalid="ignore"):     # -inf - -inf where unseen: never copied
            for e in range(LEFT, width):
                val = np.full(rows, -stats.log_total + ORDER * _BACKOFF, np.float32)
                done = np.zeros(rows, bool)
                for n in range(ORDER, 0, -1):
                    c = count(n, e)
                    prefix = count(n - 1, e - 1)
                    ok = ~done & (finite[n, e] if (n, e) in finite else np.isfinite(c))
                    ok &= finite[n - 1, e - 1] if (n - 1, e - 1) in finite else np.isfinite(prefix)
                    np.copyto(val, c - prefix + (ORDER - n) * _BACKOFF, where=ok)
                    done |= ok
                after += val
                before += self.lp[pos - LEFT + e]
        return after - before


def _hashes_ending_at(codes: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """The hashes of the n-grams of ``codes`` that end at ``ends`` (each ≥ n - 1)."""
    return hash_columns([codes[ends - n + 1 + k] for k in range(n)])


def _windows(codes: np.ndarray, pos: np.ndarray, span: int) -> np.ndarray:
    return codes[pos[:, None] + np.arange(-LEFT, span + RIGHT)[None, :]]


def _bigram(stats: TypoStats, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return stats.lookup(hash_columns((a, b)))


def candidates(stats: TypoStats, codes: np.ndarray, frozen: np.ndarray,
               threshold: float | None = None) -> dict[str, np.ndarray] | None:
    """Every scored candidate of ``codes`` (padded with LEFT/RIGHT boundaries): arrays of position,
    span, first and second character, kind, log-probability gain and the features' inputs.
    Positions where ``frozen`` is true (protected text, earlier corrections) get none. With a
    ``threshold``, candidates whose confidence cannot reach it whatever their word evidence are
    left out before that evidence is looked up (:func:`_may_reach`)."""
    ctx = _Context(stats, codes)
    order = ctx.order
    j = np.arange(LEFT, len(codes) - RIGHT)
    mark = np.isin(codes, PLACEHOLDER_CODES)
    cjk = _is_cjk(codes[j]) & ~frozen[j] & ~mark[j - 1] & ~mark[j + 1]
    suspect = cjk & ((order[j] < 2) | (order[j + 1] < 3))
    pos = j[suspect]
    parts = []
    which, cand, kind = stats.candidates_of(codes[pos])
    p = pos[which]
    left, right = _bigram(stats, codes[p - 1], cand), _bigram(stats, cand, codes[p + 1])
    stage = (which, cand, kind, left, right)
    keep = np.isfinite(left) | np.isfinite(right)
    p, cand, kind, left, right = p[keep], cand[keep], kind[keep], left[keep], right[keep]
    keep = _top_per_position(stats, ctx, p, cand, left, right)
    p, cand, kind, left, right = p[keep], cand[keep], kind[keep], left[keep], right[keep]
    if len(p):
        parts.append(dict(pos=p, span=np.ones(len(p), np.int64), c1=cand, c2=np.zeros(len(p), np.uint32),
                          kind=kind.astype(np.int64),
                          gain=ctx.gain(p, 1, cand[:, None], {(2, LEFT): left, (2, LEFT + 1): right})))
    is_suspect = np.zeros(len(codes), bool)
    is_suspect[pos] = True
    at = np.flatnonzero(is_suspect[pos + 1])      # suspects followed by one: pos[at + 1] == pos[at] + 1
    if len(at):
        parts.append(_pairs(ctx, pos, at, stage))
    swap = j[cjk]
    swap = swap[_is_cjk(codes[swap + 1]) & ~frozen[swap + 1] & ~mark[swap + 2] & (codes[swap] != codes[swap + 1])
                & (is_suspect[swap] | is_suspect[swap + 1]) & (order[swap + 1] < 2)]
    # A transposition is a candidate only when the two characters, never seen in this order,
    # form a frequent pair the other way round (帜旗 → 旗帜; not 网红 → 红网, both rare).
    reverse = _bigram(stats, codes[swap + 1], codes[swap])
    frequent = reverse >= _MIN_PAIR_BIGRAM
    swap, reverse = swap[frequent], reverse[frequent]
    if len(swap):
        parts.append(dict(pos=swap, span=np.full(len(swap), 2), c1=codes[swap + 1], c2=codes[swap],
                          kind=np.full(len(swap), SWAP),
                          gain=ctx.gain(swap, 2, np.stack([codes[swap + 1], codes[swap]], 1), {(2, LEFT + 1): reverse})))
    parts = [part for part in parts if len(part["pos"])]
    if not parts:
        return None
    out = {k: np.concatenate([part[k] for part in parts]) for k in parts[0]}
    out["u_orig"] = ctx.counts[1][out["pos"]]
    out["u_cand"] = stats.unigram(out["c1"])
    out["ord0"] = order[out["pos"]]
    out["ord1"] = order[out["pos"] + 1]
    if threshold is not None:
        keep = _may_reach(stats, out, threshold)
        out = {k: v[keep] for k, v in out.items()}
    out["w_orig"], out["w_cand"], out["l_orig"], out["l_cand"] = _word_evidence(
        stats, codes, out["pos"], out["span"], out["c1"], out["c2"])
    return out


#: The scorer's word-evidence inputs, for the text and for the candidate (see :func:`features`).
_WORD_FEATURES = (("word_original", "word_length_original", "word_of_3_original", "idiom_original"),
                  ("word_candidate", "word_length_candidate", "word_of_3_candidate", "idiom_candidate"))


def _may_reach(stats: TypoStats, c: dict[str, np.ndarray], threshold: float) -> np.ndarray:
    """Which candidates may reach ``threshold``: their logit with the word evidence of both sides
    at its most favourable value (any word length, the largest or no frequency) is not below the
    threshold's. The others can never be accepted (nor stop another from being), so leaving them
    out changes no finding; on corpus text ≈ 94 % of the candidates go, and with them most of the
    word lookups. A margin of 1e-3 in the logit keeps rounding on the safe side."""
    if not 0.0 < threshold < 1.0:
        return np.ones(len(c["pos"]), bool)
    m = stats.model
    weights, mean, scale = (np.asarray(m[k], np.float64) for k in ("weights", "mean", "scale"))
    top = float(stats.word_logf.max()) / stats.log_scale if len(stats.word_logf) else 0.0
    zero = np.zeros(len(c["pos"]))
    feats = features({**c, "w_orig": zero, "w_cand": zero, "l_orig": zero, "l_cand": zero})
    logit = m["bias"] + ((feats - mean) / scale) @ weights
    for names in _WORD_FEATURES:
        idx = [FEATURES.index(name) for name in names]

        def part(freq: float, length: int) -> float:
            f = np.array([freq, length, length == 3, length == 4], np.float64)
            return float(((f - mean[idx]) / scale[idx]) @ weights[idx])

        best = max(part(freq, length) for length in (0, 2, 3, 4) for freq in ((0.0,) if length == 0 else (0.0, top)))
        logit += best - part(0.0, 0)
    return logit >= np.log(threshold / (1.0 - threshold)) - 1e-3


def _word_evidence(stats: TypoStats, codes: np.ndarray, pos: np.ndarray, span: np.ndarray,
                   c1: np.ndarray, c2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Dictionary words around a change, before and after it: for the text and for the candidate,
    the largest ln(frequency) of a word of :data:`WORD_LENGTHS` characters that covers a changed
    character (0 if none) and the length of the longest such word (0 if none). A typo usually
    breaks a frequent word and its correction makes one (暂新 → 崭新, 既往开来 → 继往开来); a name
    the text means is the other way round (央视 → 影视)."""
    rows = len(pos)
    out = [np.zeros(rows) for _ in range(4)]
    for width in (1, 2):
        rows_here = np.flatnonzero(span == width)
        if not len(rows_here):
            continue
        p = pos[rows_here]
        # The text's side is the same for every candidate at a position: looked up once per position.
        uniq, back = np.unique(p, return_inverse=True)
        best_o, long_o = _words_covering(stats, _windows(codes, uniq, width), width)
        cand = _windows(codes, p, width)
        cand[:, LEFT] = c1[rows_here]
        if width == 2:
            cand[:, LEFT + 1] = c2[rows_here]
        best_c, long_c = _words_covering(stats, cand, width)
        for arr, val in zip(out, (best_o[back], best_c, long_o[back], long_c)):
            arr[rows_here] = val
    return out[0], out[1], out[2], out[3]


def _words_covering(stats: TypoStats, win: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """For windows from :func:`_windows` (``span`` characters at column LEFT): the largest word
    ln(frequency) and the longest word length among the dictionary words that cover one of them."""
    starts = [(n, s) for n in WORD_LENGTHS for s in range(LEFT - n + 1, LEFT + span)]
    cols = np.ascontiguousarray(win.T)
    values = stats.word_lookup(np.concatenate([hash_columns(cols[s:s + n]) for n, s in starts]))
    values = values.reshape(len(starts), len(win))
    found = np.isfinite(values)
    best = np.where(found, values, 0).max(0)
    longest = (found * np.array([n for n, _ in starts])[:, None]).max(0)
    return best.astype(np.float64), longest.astype(np.float64)


def _top_per_position(stats: TypoStats, ctx: _Context, p: np.ndarray, cand: np.ndarray,
                      left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The cheap first stage: rank each position's candidates by the bigram model's
    log P(c | left) + log P(right | c) and keep the best :data:`FIRST_STAGE_KEEP` for the
    5-gram window scoring (most of a suspect's candidates fit neither neighbour)."""
    if not len(p):
        return np.zeros(0, bool)
    u_cand = stats.unigram(cand)
    u_left, u_right = ctx.counts[1][p - 1], ctx.counts[1][p + 1]
    unseen_left = _BACKOFF + u_cand - stats.log_total
    unseen_right = _BACKOFF + u_right - stats.log_total
    with np.errstate(invalid="ignore"):    # unseen bigrams (-inf) are replaced by the backoff
        score = (np.where(np.isfinite(left), left - u_left, unseen_left)
                 + np.where(np.isfinite(right), right - u_cand, unseen_right))
    score = np.nan_to_num(score, nan=-1e9, neginf=-1e9)
    order = np.lexsort((-score, p))
    first = np.r_[True, p[order][1:] != p[order][:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(p)), 0))
    keep = np.zeros(len(p), bool)
    keep[order[np.arange(len(p)) - group_start < FIRST_STAGE_KEEP]] = True
    return keep


def _pairs(ctx: _Context, pos: np.ndarray, at: np.ndarray, stage: tuple) -> dict[str, np.ndarray]:
    """Two neighbouring suspects ``pos[at]`` and ``pos[at] + 1`` replaced together by a seen
    two-character word (淡味 → 单位). ``stage``: the single-character candidates of every suspect
    of ``pos`` with their bigrams (row → index into pos, candidate, kind, left bigram, right
    bigram), from which each pair's halves and their outer bigrams are taken."""
    stats = ctx.stats
    first = pos[at]
    which, cand, kinds, left, right = stage
    halves = []
    for members, outer in ((at, left), (at + 1, right)):
        mine = np.zeros(len(pos), bool)
        mine[members] = True
        rows = np.flatnonzero(mine[which])
        halves.append((np.searchsorted(members, which[rows]), cand[rows], kinds[rows], outer[rows]))
    (w1, c1, k1, out1), (w2, c2, k2, out2) = halves
    # Word-level slips are the pinyin IME's: same-sound candidates only (bounds the cross product).
    # A first character never seen after its left neighbour, or a second never seen before its
    # right one, cannot make the window probable: dropped before the cross product.
    s1 = (k1 <= 1) & np.isfinite(out1)
    s2 = (k2 <= 1) & np.isfinite(out2)
    w1, c1, k1, out1 = w1[s1], c1[s1], k1[s1], out1[s1]
    w2, c2, k2, out2 = w2[s2], c2[s2], k2[s2], out2[s2]
    n1 = np.bincount(w1, minlength=len(first))
    n2 = np.bincount(w2, minlength=len(first))
    o1 = np.r_[0, np.cumsum(n1)]
    o2 = np.r_[0, np.cumsum(n2)]
    combos = n1 * n2
    pid = np.repeat(np.arange(len(first)), combos)
    within = np.arange(int(combos.sum())) - np.repeat(np.cumsum(combos) - combos, combos)
    width = np.maximum(n2[pid], 1)
    i1 = o1[pid] + within // width
    i2 = o2[pid] + within % width
    a, b = c1[i1], c2[i2]
    inner = _bigram(stats, a, b)
    good = inner >= _MIN_PAIR_BIGRAM
    pid, a, b, i1, i2 = pid[good], a[good], b[good], i1[good], i2[good]
    kind = PAIR_BASE + np.maximum(k1[i1], k2[i2]).astype(np.int64)
    p = first[pid]
    if not len(p):
        return dict(pos=p, span=p, c1=a, c2=b, kind=kind, gain=np.zeros(0, np.float32))
    known = {(2, LEFT): out1[i1], (2, LEFT + 1): inner[good], (2, LEFT + 2): out2[i2]}
    return dict(pos=p, span=np.full(len(p), 2), c1=a, c2=b, kind=kind,
                gain=ctx.gain(p, 2, np.stack([a, b], 1), known))


FEATURES = ("gain", "gain_capped", "other_tone", "ime_slip", "shape", "radical", "two_chars", "swap",
            "freq_original", "freq_candidate", "order_here", "order_next", "gain_two_chars",
            "word_original", "word_candidate", "word_length_original", "word_length_candidate",
            "word_of_3_original", "idiom_original", "word_of_3_candidate", "idiom_candidate")


def features(c: dict[str, np.ndarray]) -> np.ndarray:
    """The scorer's inputs for every candidate (columns in :data:`FEATURES` order)."""
    k = c["kind"]
    gain = np.clip(np.nan_to_num(c["gain"], nan=-30.0, posinf=40.0, neginf=-30.0), -30, 40)
    uo = np.where(np.isfinite(c["u_orig"]), c["u_orig"], 0)
    uc = np.where(np.isfinite(c["u_cand"]), c["u_cand"], 0)
    pair = (k >= PAIR_BASE) & (k < SWAP)
    # The dev set has no transpositions: the swap weight is fitted on synthetic ones made from
    # the tune half's corrected sentences (tools/train_typo_model.py).
    return np.stack([gain, np.minimum(gain, 10), k == 1, k == 2, k == 3, k == 4, pair, k == SWAP,
                     uo, uc, c["ord0"], c["ord1"], gain * pair,
                     c["w_orig"], c["w_cand"], c["l_orig"], c["l_cand"],
                     # Lengths one-hot as well: breaking a four-character word (原汁原味) is not
                     # twice as telling as breaking a two-character one, it is nearly decisive.
                     c["l_orig"] == 3, c["l_orig"] == 4, c["l_cand"] == 3, c["l_cand"] == 4], 1).astype(np.float64)


def confidence(stats: TypoStats, feats: np.ndarray) -> np.ndarray:
    """The logistic model's probability that each candidate is the right correction."""
    m = stats.model
    z = (feats - np.asarray(m["mean"])) / np.asarray(m["scale"])
    logit = m["bias"] + z @ np.asarray(m["weights"])
    return 1.0 / (1.0 + np.exp(-logit))


def pack(texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
    """The texts' codes one after another, each with :data:`LEFT` boundaries before it and
    :data:`RIGHT` after, and where each text starts: no n-gram spans two texts, so a paragraph's
    findings depend on its own text only (what the caches assume)."""
    pad = "\n" * LEFT
    codes = codes_of(pad + pad.join(texts) + "\n" * RIGHT)
    starts, at = [], LEFT
    for text in texts:
        starts.append(at)
        at += len(text) + LEFT
    return codes, starts


def _detect_codes(stats: TypoStats, codes: np.ndarray, frozen: np.ndarray, threshold: float,
                  starts: Sequence[int] = (0,), rounds: int = 2) -> list[tuple[int, int, int, int, float, int]]:
    """Accepted corrections in packed ``codes`` (texts beginning at ``starts``):
    (pos, span, c1, c2, confidence, kind). Each round after the first looks again only into the
    texts that changed in the round before (the others would score exactly as they did): they are
    cut out with their boundaries and packed anew, so a round costs what its texts cost."""
    codes = codes.copy()
    frozen = frozen.copy()
    ends = np.r_[np.asarray(starts[1:], np.int64) - LEFT, len(codes) - RIGHT]
    bounds = np.asarray(starts, np.int64)
    at = np.arange(len(codes))        # where each position of the round's codes is in ``codes``
    accepted = []
    for _ in range(rounds):
        c = candidates(stats, codes[at], frozen[at], threshold)
        if c is None:
            break
        conf = confidence(stats, features(c))
        picked = []
        for k in np.argsort(-conf, kind="stable"):
            if conf[k] < threshold:
                break
            p, span = int(at[c["pos"][k]]), int(c["span"][k])
            if frozen[p:p + span].any():
                continue
            frozen[p:p + span] = True
            picked.append((p, span, int(c["c1"][k]), int(c["c2"][k]), float(conf[k]), int(c["kind"][k])))
        if not picked:
            break
        for p, span, c1, c2, _, _ in picked:
            codes[p] = c1
            if span == 2:
                codes[p + 1] = c2
        accepted += picked
        changed = np.unique(np.searchsorted(bounds, [p for p, *_ in picked], side="right") - 1)
        # Each changed text with the LEFT boundaries before it, then RIGHT boundaries at the end.
        pieces = [np.arange(bounds[t] - LEFT, ends[t]) for t in changed]
        pieces.append(np.arange(ends[changed[-1]], ends[changed[-1]] + RIGHT))
        at = np.concatenate(pieces)
    return accepted


class Detector:
    """Finds suspects paragraph by paragraph, remembering each paragraph's findings."""

    def __init__(self, stats: TypoStats | None = None, threshold: float | None = None):
        self.stats = stats or load_stats()
        self.threshold = float(threshold if threshold is not None else self.stats.model["threshold"])
        self._cache: OrderedDict[tuple[str, tuple], list[Suspect]] = OrderedDict()

    def paragraph(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Suspect]:
        """Suspects of one paragraph (offsets into it); no suspect touches a protected span."""
        return self.paragraphs([(text, tuple(protected))])[0]

    def paragraphs(self, items: Iterable[tuple[str, tuple[tuple[int, int], ...]]]) -> list[list[Suspect]]:
        """Suspects of many paragraphs; unchanged paragraphs come from the cache, the others are
        scored together in batches of about :data:`BATCH_CHARS` characters."""
        items = list(items)
        results: list[list[Suspect] | None] = [None] * len(items)
        todo: dict[tuple[str, tuple], list[int]] = {}
        for i, (text, protected) in enumerate(items):
            key = (text, tuple(protected))
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                results[i] = hit
            elif not any("\u4e00" <= ch <= "\u9fff" for ch in text[:2000]) and len(text) < 2000:
                results[i] = []
            else:
                todo.setdefault(key, []).append(i)
        # At least ≈ 10 n-gram lookups a character: a long text builds the index before it starts.
        self.stats.expect(10 * sum(len(key[0]) for key in todo))
        batch: list[tuple[str, tuple]] = []
        size = 0
        for key in todo:
            batch.append(key)
            size += len(key[0]) + 1
            if size >= BATCH_CHARS:
                self._run(batch, todo, results)
                batch, size = [], 0
        if batch:
            self._run(batch, todo, results)
        return [r or [] for r in results]

    def _run(self, batch, todo, results) -> None:
        texts = [key[0] for key in batch]
        codes, starts = pack(texts)
        frozen = np.zeros(len(codes), bool)
        for at, (text, protected) in zip(starts, batch):
            for s, e in protected:
                frozen[at + max(s, 0):at + min(e, len(text))] = True
        found = _detect_codes(self.stats, codes, frozen, self.threshold, starts)
        per: list[list[Suspect]] = [[] for _ in batch]
        starts_arr = np.asarray(starts)
        for p, span, c1, c2, conf, kind in found:
            b = int(np.searchsorted(starts_arr, p, side="right") - 1)
            text = texts[b]
            off = p - starts[b]
            if off + span > len(text):
                continue
            suggestion = chr(c1) + (chr(c2) if span == 2 else "")
            original = text[off:off + span]
            if suggestion == original:
                continue
            per[b].append(Suspect(off, off + span, original, suggestion, round(conf, 3), kind_name(kind)))
        for key, suspects in zip(batch, per):
            suspects.sort(key=lambda s: s.start)
            self._cache[key] = suspects
            for i in todo[key]:
                results[i] = suspects
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)


_DETECTORS: dict[float, Detector] = {}


def detector_for(threshold: float) -> Detector:
    """The process-wide detector at ``threshold`` (statistics loaded on first call)."""
    if threshold not in _DETECTORS:
        _DETECTORS[threshold] = Detector(threshold=threshold)
    return _DETECTORS[threshold]
