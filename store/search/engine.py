"""Matching and ranking: what a query finds, best first.

Scores, highest first (ties go by the board's order: Q1..Q4, then the tray,
and inside a place as the board sorts; for pinyin of names (70-80) the more
common surname comes first, as ``zs`` more likely means 张 than 邹):

====  ==========================================================
100   the name is exactly the text typed
 90   the name starts with it
 80   the pinyin of the name, full or initials, is exactly it
 75   the whole pinyin of the name starts with it (``zhangs``, ``zhang s``)
 70   it abbreviates the name's syllables from the first (``zhs``, ``zsan``)
 60   found inside name, company, region, notes, tags or a phone;
      the pinyin of the company or region starts with it
 55   the pinyin of the given name or of a later word of the company
 40-50 a near miss (typo) on the pinyin of a name or a place
  0   no words typed: the filters alone choose
====  ==========================================================

Pinyin of companies and places, and pinyin inside a name, count from three
letters on: a letter or two fits too many of them to mean anything.

Several words must each be found in the same lead; a lead scores its weakest
word. Spaces inside pinyin do not matter (``zhang san`` is ``zhangsan``).

Near misses are looked for only when exact matches are few, so a typo finds
its lead and a correct query is not buried under look-alikes; and only for
words with a letter, as bare digits (a phone) are never pinyin gone wrong.

A Chinese word found nowhere is looked for by its pinyin, as if typed in
letters: an input method's wrong character of the same sound (谢凯健 for
谢凯建) still finds the lead. Only then: a word that is found costs nothing more.

Large sets of matches are never sorted whole: each score's group is ordered
only as far as the first few places reach (see ``SearchIndex.first``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from store.search.index import SearchIndex, phone_digits
from store.search.lines import LATER_NAME
from store.search.pinyin import COMPANY, NAME, REGION, is_han, name_reading, reading
from store.projects import leads_on
from store.search.owners import owners
from store.search.query import Choice, Compare, Flag, Fleet, ProjectName, Query, Region

EXACT_NAME, NAME_PREFIX, PINYIN_EXACT, PINYIN_START, PINYIN_PREFIX = 100, 90, 80, 75, 70
FOUND, PINYIN_INSIDE = 60, 55
# Near misses score 40-50 from a Jaro-Winkler similarity of 0.9-1: it favours a
# shared beginning, so wangwie is nearer 王伟 (wangwei) than 王杰 (wangjie).
FUZZY_TOP, FUZZY_CUTOFF = 50, 0.9
# Near misses kept: those this close to the nearest. A typo means one reading;
# ``wangwie`` is 王伟 (0.97), not every wang?ei name above the cutoff (0.91).
FUZZY_MARGIN = 0.03
FUZZY_WHEN_FEWER = 10  # look for near misses only below this many exact matches
FUZZY_MIN_LENGTH = 4

_LATIN = re.compile(r"[a-z0-9]+")
_FUZZY = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")  # a near miss of bare digits means nothing
_PHONE = re.compile(r"\+?[\d\- ]{3,}")
_COMPARE = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, "=": lambda a, b: a == b,
    ">=": lambda a, b: a >= b, ">": lambda a, b: a > b,
}


Groups = list[tuple[int, set[int]]]  # (score, slots), best score first


@dataclass(frozen=True, slots=True)
class Hit:
    lead_id: int
    score: int


@dataclass(frozen=True, slots=True)
class Result:
    hits: list[Hit]  # best first, at most the limit asked for
    lead_ids: frozenset[int]  # every lead that matched, for filtering the board
    # Every lead found is active (the query named no status), as the board's are.
    active_only: bool = True

    @property
    def total(self) -> int:
        return len(self.lead_ids)


class Cancelled(Exception):
    """The caller asked to stop: the rep typed on."""


def _never() -> bool:
    return False


def search(index: SearchIndex, query: Query, limit: int | None = 50,
           now: datetime | None = None, stop: Callable[[], bool] = _never) -> Result:
    """Run ``query`` over ``index`` (built on first use); slow at 100k the first time.

    ``stop`` is asked between the steps; when it says yes, :class:`Cancelled`
    is raised and the index is free for the next search at once.
    """
    with index.guard:
        index.ready().catch_up()
        return _search(index, query, limit, now or index.store.now(), stop)


def _search(index: SearchIndex, query: Query, limit: int | None, now: datetime,
            stop: Callable[[], bool]) -> Result:
    allowed = _filtered(index, query, now)
    if query.words:
        groups = _text_groups(index, query.words, stop)
        if allowed is not None:
            groups = [(score, slots & allowed) for score, slots in groups]
    else:
        groups = [(0, allowed if allowed is not None else index.live_slots())]
    hidden = () if query.statuses_given else index.inactive_slots()
    if hidden:
        # Only active leads, as on the board: the few others are taken out,
        # rather than each match looked up among the many active ones.
        groups = [(score, slots - hidden) for score, slots in groups]
    if stop():
        raise Cancelled
    found = frozenset().union(*(g for _, g in groups))
    lead_id = index.lead_id
    return Result(
        hits=[Hit(lead_id(slot), score) for slot, score in _best(index, groups, limit)],
        lead_ids=found if index.slots_are_ids else frozenset(map(lead_id, found)),
        active_only=not query.statuses_given,
    )


def _best(index: SearchIndex, groups: Groups, limit: int | None) -> list[tuple[int, int]]:
    """(slot, score) in ranking order, best first, up to ``limit``; only the
    score groups that reach into the top are ordered."""
    best: list[tuple[int, int]] = []
    for score, group in groups:
        # Among names that share pinyin, the common surname first (see above).
        by = "commons" if PINYIN_PREFIX <= score <= PINYIN_EXACT else "ranks"
        wanted = None if limit is None else limit - len(best)
        best += [(slot, score) for slot in index.first(by, group, wanted)]
        if limit is not None and len(best) >= limit:
            break
    return best


def _groups(tiers: Iterable[tuple[int, Iterable[int]]]) -> Groups:
    """Tiers of matches laid over each other: each slot in the group of the
    best score it has, best group first, empty groups left out.

    A tier's set is the caller's to give away (the index hands out new sets,
    and lists of its own): a tier of thousands becomes its group as it is,
    rather than copied into a union of every slot taken so far."""
    by_score: dict[int, list[Iterable[int]]] = {}
    for score, slots in tiers:
        if slots:
            by_score.setdefault(score, []).append(slots)
    groups: Groups = []
    for score in sorted(by_score, reverse=True):
        parts = by_score[score]
        group = parts[0] if len(parts) == 1 and isinstance(parts[0], set) else set().union(*parts)
        for _better, taken in groups:
            group = group - taken  # each way round as it is cheaper, in C
        if group:
            groups.append((score, group))
    return groups


def _grouped(scores: dict[int, int]) -> Groups:
    """Each slot's score, the other way round: the slots of each score."""
    by_score: dict[int, set[int]] = {}
    for slot, score in scores.items():
        by_score.setdefault(score, set()).add(slot)
    return sorted(by_score.items(), reverse=True)


def _scores(groups: Groups) -> dict[int, int]:
    scores: dict[int, int] = {}
    for score, group in groups:
        scores.update(dict.fromkeys(group, score))
    return scores


# ---------------------------------------------------------------- filters
def _filtered(index: SearchIndex, query: Query, now: datetime) -> set[int] | None:
    """The slots every filter lets through; None when there is no filter at all.
    (Without a status filter, the leads that are not active are taken out by
    the caller.)"""
    sets: list[set[int]] = []
    for f in query.filters:
        sets.append(_filter_slots(index, f, now))
    if not sets:
        return None
    sets.sort(key=len)
    return sets[0] if len(sets) == 1 else sets[0].intersection(*sets[1:])


def _filter_slots(index: SearchIndex, f: object, now: datetime) -> set[int]:
    if isinstance(f, Choice):
        return index.slots_where(f.field, f.allowed)
    if isinstance(f, Compare):
        test = _COMPARE[f.op]
        return index.slots_where(f.field, [g for g in range(1, 6) if test(g, f.value)])
    if isinstance(f, Region):
        return _region_slots(index, f.text)
    if isinstance(f, Fleet):
        return _owner_slots(index, f, now)
    if isinstance(f, ProjectName):
        slot_of = index.slot_of
        return {slot_of[i] for i in leads_on(index.store, f.text) if i in slot_of}
    assert isinstance(f, Flag)
    store, slot_of = index.store, index.slot_of
    planned = {lead_id: at for lead_id in slot_of if (at := store.next_contact(lead_id))}
    if f.name == "overdue":
        return {slot_of[i] for i, at in planned.items() if at < now}
    return {slot for lead_id, slot in slot_of.items() if lead_id not in planned}


def _owner_slots(index: SearchIndex, f: Fleet, now: datetime) -> set[int]:
    lead_ids, all_but = owners(index.store, f, _COMPARE[f.op], now.date())
    slot_of = index.slot_of
    if all_but:
        return index.live_slots() - {slot_of[i] for i in lead_ids if i in slot_of}
    return {slot_of[i] for i in lead_ids if i in slot_of}


def _region_slots(index: SearchIndex, text: str) -> set[int]:
    slots = index.lines("place").slots(_literal(text))
    if _LATIN.fullmatch(text):
        slots |= index.lines(REGION).slots(_pinyin_pattern(text, at_start=True))
    return slots


# ---------------------------------------------------------------- text
def _text_groups(index: SearchIndex, words: tuple[str, ...],
                 stop: Callable[[], bool]) -> Groups:
    if len(words) == 1:
        return _word_groups(index, words[0])
    per_word = []
    for word in words:
        if stop():
            raise Cancelled
        per_word.append(_scores(_word_groups(index, word)))
    scores = per_word[0]
    for other in per_word[1:]:
        scores = {slot: min(s, other[slot]) for slot, s in scores.items() if slot in other}
    if all(_LATIN.fullmatch(w) for w in words):
        # "zhang san" may also be one name typed with a space.
        for slot, s in _scores(_word_groups(index, "".join(words))).items():
            scores[slot] = max(s, scores.get(slot, 0))
    return _grouped(scores)


def _word_groups(index: SearchIndex, word: str) -> Groups:
    """Every lead the word is found in, grouped by its best score.

    Each kind of match is one regular-expression pass giving a set of slots
    (a tier); the tiers are laid over each other.
    """
    tiers = _found_tiers(index, word)
    digits = phone_digits(word) if _PHONE.fullmatch(word) else ""
    if digits:
        tiers.append((FOUND, index.lines("phone").slots(_literal(digits))))
    if _LATIN.fullmatch(word):
        tiers += _pinyin_tiers(index, word)
    groups = _groups(tiers)
    if not groups and any(map(is_han, word)):
        return _sounds_like(index, word)
    found = sum(len(group) for _, group in groups)
    if _FUZZY.fullmatch(word) and found < FUZZY_WHEN_FEWER and len(word) >= FUZZY_MIN_LENGTH:
        # Near misses score below every exact match, so they go after them.
        near = _fuzzy_scores(index, word)
        for _, group in groups:
            for slot in group:
                near.pop(slot, None)
        groups += _grouped(near)
    return groups


def _sounds_like(index: SearchIndex, word: str) -> Groups:
    """A Chinese word that is found nowhere, looked for by its pinyin: read
    character by character as names are, then as a phrase where that differs."""
    groups: Groups = []
    for spoken in dict.fromkeys((name_reading(word), reading(word))):
        letters = spoken.replace(" ", "")
        if not groups and _LATIN.fullmatch(letters):
            groups = _word_groups(index, letters)
    return groups


def _found_tiers(index: SearchIndex, word: str) -> list[tuple[int, Iterable[int]]]:
    """Name, company, region, notes or tags holding the word; the name's own
    tiers are looked for among the names alone, a much shorter text."""
    names = index.lines("names")
    text = index.lines("latin text" if _LATIN.search(word) else "text")
    return [
        (FOUND, text.slots(_literal(word))),
        (NAME_PREFIX, names.slots_starting(word)),
        (EXACT_NAME, names.slots_equal(word)),
    ]


def _pinyin_pattern(word: str, at_start: bool = False) -> re.Pattern[str]:
    """Each letter either goes on in the same syllable or starts the next one,
    so ``zs``, ``zhangs`` and ``zhangsan`` all match `` zhang san``. Readings
    start with a space; ``at_start`` matches from a line's first syllable only.
    (Both begin with a literal, which the regular-expression engine skips to fast.)"""
    parts = "(?:[^ \n]* )?".join(re.escape(c) for c in word)
    return re.compile(("\n( " if at_start else "( ") + parts + ")")


def _literal(text: str) -> re.Pattern[str]:
    return re.compile("(" + re.escape(text) + ")")


def _pinyin_tiers(index: SearchIndex, word: str) -> list[tuple[int, Iterable[int]]]:
    tiers: list[tuple[int, Iterable[int]]] = [
        (PINYIN_START, index.lines("whole").slots_starting(word)),
        (PINYIN_EXACT, index.exact_names().get(word, ())),
    ]
    if len(word) < 3:
        # A letter or two fits too many companies, places and given names to
        # mean anything: short words match names from the first syllable only.
        if len(word) > 1:  # one letter starting a name is already the tier above
            # Two letters: starting the first two syllables. (In the first
            # syllable, a name's whole pinyin starts with them: the tier above.)
            names, first, second = index.lines(NAME), word[0], re.escape(word[1])
            apart = re.compile(f"\n( {re.escape(first)}[^ \n]* {second})")
            tiers.append((PINYIN_PREFIX, names.slots_at_start(apart, " " + first, " " + word,
                                                              known=True)))
        return tiers
    # Names from their first syllable, and from a later one: every match starts
    # a syllable, so only the lines that start with its letter are searched.
    # A line that starts with the word itself matches: no need to run the
    # pattern on it; and for a name's first syllable, its whole pinyin starts
    # with the word, so it is in the tier above already.
    anchored, first, whole = _pinyin_pattern(word, at_start=True), " " + word[0], " " + word
    tiers += [(PINYIN_INSIDE, index.lines(LATER_NAME).slots_at_start(anchored, first, whole)),
              (PINYIN_PREFIX, index.lines(NAME).slots_at_start(anchored, first, whole,
                                                                known=True))]
    pattern = _pinyin_pattern(word)
    for kind in (COMPANY, REGION):
        # Found anywhere, and the better score of those found from the first syllable.
        anywhere, at_start = index.lines(kind).slots_and_starts(pattern)
        tiers += [(PINYIN_INSIDE, anywhere), (FOUND, at_start)]
    return tiers


def _fuzzy_scores(index: SearchIndex, word: str) -> dict[int, int]:
    """Near misses on the whole pinyin of names and places (``wangwie``, ``lingyi``)."""
    owners = index.whole_readings()
    scores: dict[int, int] = {}
    found = process.extract(word, owners.keys(), scorer=JaroWinkler.normalized_similarity,
                            score_cutoff=FUZZY_CUTOFF, limit=None)
    nearest = max((similarity for _, similarity, _ in found), default=1.0)
    for choice, similarity, _ in found:
        if similarity < nearest - FUZZY_MARGIN:
            continue
        score = 40 + round((similarity - FUZZY_CUTOFF) / (1 - FUZZY_CUTOFF) * (FUZZY_TOP - 40))
        for slot in owners.get(choice):
            scores[slot] = max(score, scores.get(slot, 0))
    return scores

