"""Reading what a student typed: names reduced for comparison, and free text told from filler.

Free text is scored by a person, so the only automatic judgement is whether it is *work*: the
untouched template, the question copied back, the same word or letter over and over, lorem
ipsum or a keyboard run is filler, and :func:`filler_reason` says so kindly, in one sentence.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter

MAX_ANSWER_CHARS = 2_000  # for answers that should be a word, a date or a number

_LOREM = frozenset(
    "lorem ipsum dolor sit amet consectetur adipiscing adipisicing elit sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation "
    "ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure reprehenderit "
    "voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non "
    "proident sunt culpa qui officia deserunt mollit anim id est laborum".split()
)
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
_FILLER_WORDS = frozenset(
    "blah bla etc test testing asdf xxx yyy zzz hmm um uh lol idk dunno whatever something "
    "stuff things text answer here todo tbd foo bar baz qwerty".split()
)


def normalise_name(text: object) -> str:
    """A name reduced for comparison: no accents, no punctuation, any case, single spaces."""
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", str.__str__(text)[:MAX_ANSWER_CHARS])
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def words(text: str) -> list[str]:
    """The words of a text, lower case (letters and digits; apostrophes kept inside words)."""
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", text.casefold())


def is_blank_text(text: str) -> bool:
    """True for nothing but whitespace, dots or the ellipsis of an untouched template."""
    return not re.sub(r"[\s.\u2026\"']+", "", text)


def _junk(word: str) -> bool:
    """A token no one writes on purpose: one repeated character, or a keyboard run."""
    if len(word) >= 3 and len(set(word)) == 1:
        return True
    if len(word) >= 3 and any(word in row or word[::-1] in row for row in _KEYBOARD_ROWS):
        return True
    return word in _FILLER_WORDS or word in _LOREM


def own_words(text: str, given: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` that are not copied from the given texts (prompt, template).

    Word runs of three or more that also occur in a given text are taken out, so that a
    question pasted back, or a template left as it was, does not count as writing.
    """
    mine = words(text)
    for other in given:
        theirs = words(other)
        for _ in range(10):  # again, for a text pasted more than once
            if not theirs or not mine:
                break
            matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
            keep = [True] * len(mine)
            for block in matcher.get_matching_blocks():
                if block.size >= 3:
                    for i in range(block.a, block.a + block.size):
                        keep[i] = False
            if all(keep):
                break
            mine = [w for w, k in zip(mine, keep, strict=True) if k]
    return mine


def filler_reason(
    text: str, min_words: int, given: tuple[str, ...] = (), min_distinct: int | None = None
) -> str:
    """Why a free-text answer is not yet work a person can score, or "" when it is.

    ``given`` holds the texts a student could paste without writing anything (the prompt,
    the template); ``min_words`` is how many words of their own the task needs.
    """
    everything = words(text)
    placeholders = re.findall(r"(?:^|[\s:(])(?:\.\.\.|\u2026)(?=$|[\s,;)])", text)
    if len(placeholders) >= 3:
        return f"{len(placeholders)} places still hold ... : replace each one with your own words."
    if not everything:
        return "There are no words here yet: write your answer in sentences between the quotes."
    mine = own_words(text, given)
    copied = len(mine) < len(everything)  # some runs of words come from the prompt or template
    if given and copied and len(mine) < max(3, len(everything) // 4):
        return (
            "That is the question or the template as given: replace it with your own words, "
            "in a few sentences."
        )
    counts = Counter(mine)
    junk = sum(n for w, n in counts.items() if _junk(w))
    if mine and junk / len(mine) > 0.3:
        if sum(counts[w] for w in _LOREM if w in counts) / len(mine) > 0.3:
            return "That is placeholder text (lorem ipsum): write your own answer instead."
        return (
            "That looks like filler (repeated letters or placeholder words): write your own "
            "answer in a few sentences."
        )
    if mine and counts.most_common(1)[0][1] / len(mine) > 0.25 and len(mine) >= 8:
        word = counts.most_common(1)[0][0]
        return f"The word {word!r} makes up most of this: write sentences that answer the question."
    distinct = len(counts)
    needed = min_distinct if min_distinct is not None else max(8, min_words // 2)
    if len(mine) < min_words or distinct < needed:
        return (
            f"Write a little more in your own words: at least {min_words} words and "
            f"{needed} different ones, two or three sentences (you have {len(mine)} words, "
            f"{distinct} different)."
        )
    return ""


def evidence_missing(
    text: str, ids: frozenset[str], names: frozenset[str], example_id: str = ""
) -> str:
    """What a brief or an empathy map still lacks from the course's evidence, or "".

    ``ids`` are the ids of the data (sources, quotes, events), written as they are; ``names``
    are people's names reduced by :func:`normalise_name`. The answer needs at least one id and
    the name of the leader it is about.
    """
    pattern = r"[a-z0-9]+(?:[-_.][a-z0-9]+)*"
    tokens = set(re.findall(pattern, text.casefold()))
    has_id = bool(tokens & ids)
    # A name inside an id (q-khrushchev-...) does not count as naming the leader.
    prose = re.sub(pattern, lambda m: " " if m[0] in ids else m[0], text.casefold())
    plain = f" {normalise_name(prose)} "
    has_name = any(f" {name} " in plain for name in names)
    example = f" (such as {example_id})" if example_id else ""
    if has_id and has_name:
        return ""
    if not has_id and not has_name:
        return (
            "This is a start, but it does not yet speak about the crisis: name the leader you "
            "write about and cite at least one source, "
            f"quote or event id from the course's data{example}."
        )
    if not has_id:
        return (
            "Good: you name your leader. Now cite at least one source, quote or event id from "
            f"the course's data{example}, so a reader can check your evidence."
        )
    return (
        "Good: you cite the course's data. Now name the leader you write about, so a reader "
        "knows whose view this is."
    )
