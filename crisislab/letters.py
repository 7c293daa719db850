"""The October letters as data: read them, count their words, and draw what the counts show.

The texts are in ``data/letters/<id>.txt`` (UTF-8, the full text of each letter as printed in
*Foreign Relations of the United States*, 1961-63 vol. VI, without the telegram framing; the
Soviet letters in the translations printed there), indexed by ``data/letters.csv``.
Counting is deliberately simple and transparent, so that a student can redo it by hand:

* :func:`tokenize` lower-cases the text and keeps runs of letters and digits (an apostrophe
  inside a word keeps it whole: ``don't``); punctuation and dashes are not words.
* :data:`STOP_WORDS` is a short list of function words left out of "content words".
* :data:`THEMES` groups words that speak of war, of peace, and of the other side.

    >>> from crisislab import letters
    >>> letters.word_count("The knot of war, the knot.")
    6
    >>> letters.top_words("The knot of war, the knot.", 2)
    [('knot', 2), ('war', 1)]

:func:`find` lists the paragraphs where a word occurs, so that counting leads back to reading,
and :func:`passage` shows one paragraph verbatim with its FRUS reference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from . import data, style
from .data import DataError
from .paths import data_dir

FOLDER = "letters"

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)*")

#: Function words left out of the content-word counts (kept short, so it can be read).
STOP_WORDS = frozenset(
    """
    a an and are as at be been being but by can could do does for from had has have he her
    his i if in into is it its me mr my no not of on or our ours so such than that the their
    them then there these they this those to too us was we were what when which who will
    with would you your yours all any also more most only other same very shall should may
    must just even upon own out up because among between already about after
    before however now how one both each where why while again here
    """.split()
)

#: Words that speak of war, of peace, and of the other side (the reader, "you").
THEMES: dict[str, frozenset[str]] = {
    "war": frozenset(
        "war wars military attack attacks weapons weapon conflict destruction threat "
        "missile missiles offensive invasion force".split()
    ),
    "peace": frozenset(
        "peace peaceful agreement settlement solution understanding reason security "
        "negotiations cooperation".split()
    ),
    "the other side": frozenset("you your yours yourself".split()),
}


def tokenize(text: str) -> list[str]:
    """The words of a text, lower-cased, in order (punctuation and dashes dropped)."""
    return _WORD.findall(str(text).lower())


def word_count(text: str) -> int:
    """How many words a text has, counted by :func:`tokenize`."""
    return len(tokenize(text))


def count_word(text: str, word: str) -> int:
    """How often one word occurs (case-insensitive, whole words only: 'war' is not 'wars')."""
    target = str(word).strip().lower()
    return sum(1 for token in tokenize(text) if token == target)


def content_words(tokens: Iterable[str], stop_words: Iterable[str] = STOP_WORDS) -> list[str]:
    """The tokens that are not stop words (and not bare numbers)."""
    stop = frozenset(stop_words)
    return [t for t in tokens if t not in stop and not t.isdigit()]


def top_words(text: str, n: int = 10, stop_words: Iterable[str] = STOP_WORDS) -> list[tuple]:
    """The n most frequent content words, ties broken alphabetically (so always the same)."""
    counts = Counter(content_words(tokenize(text), stop_words))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: max(0, int(n))]


def theme_counts(text: str, themes: dict[str, Iterable[str]] | None = None) -> dict[str, int]:
    """How many words of each theme (war, peace, the other side) a text uses."""
    themes = THEMES if themes is None else themes
    counts = Counter(tokenize(text))
    return {name: sum(counts[w] for w in words) for name, words in themes.items()}


# ---------------------------------------------------------------- the stored letters


def index(folder: Path | str | None = None) -> pd.DataFrame:
    """The letters table (``letters.csv``), validated like every course table."""
    return data.load("letters", folder)


def text(letter_id: str, folder: Path | str | None = None) -> str:
    """The stored text of a letter; a DataError names the file when it is missing or bad."""
    folder = Path(folder) if folder is not None else data_dir()
    known = set(index(folder)["id"])
    if letter_id not in known:
        raise DataError(
            "letters.csv",
            None,
            "id",
            "the id of a stored letter: " + ", ".join(sorted(known)),
            letter_id,
        )
    name = f"{FOLDER}/{letter_id}.txt"
    try:
        raw = (folder / FOLDER / f"{letter_id}.txt").read_bytes()
    except FileNotFoundError:
        raise DataError(name, None, None, "the letter's text file to exist") from None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            name, None, None, "UTF-8 text", f"undecodable byte at {exc.start}"
        ) from None
    if not content.strip():
        raise DataError(name, None, None, "the letter's text", "an empty file")
    if re.search(r"<\s*[a-zA-Z!/?]", content):
        raise DataError(name, None, None, "plain text without HTML markup")
    return content


def summary(folder: Path | str | None = None) -> pd.DataFrame:
    """One row per letter: date, sender, words stored, theme counts and rates per 1,000 words."""
    folder = Path(folder) if folder is not None else data_dir()
    people = data.load("people", folder).set_index("id")
    rows = []
    for row in index(folder).sort_values(["date", "id"]).to_dict("records"):
        content = text(row["id"], folder)
        words = word_count(content)
        themes = theme_counts(content)
        sender = people.loc[row["sender_id"]] if row["sender_id"] in people.index else None
        item = {
            "id": row["id"],
            "date": row["date"],
            "sender": sender["name"] if sender is not None else row["sender_id"],
            "actor": sender["actor"] if sender is not None else "Other",
            "words": words,
        }
        for name, count in themes.items():
            item[name] = count
            item[f"{name} per 1000"] = round(1000 * count / words, 1) if words else 0.0
        rows.append(item)
    return pd.DataFrame(rows)


_HATCHES = ("", "//", "..", "xx")


def theme_figure(table: pd.DataFrame) -> Figure:
    """Grouped bars: each letter's theme words per 1,000 words, labelled with the rate.

    Colour follows the sender's side (course palette); the hatch and the x labels name the
    letter, so colour is never the only cue.
    """
    fig = style.new_figure(8.0, 4.2)
    ax = fig.add_subplot()
    names = list(THEMES)
    width = 0.8 / max(1, len(table))
    for number, row in enumerate(table.to_dict("records")):
        xs = [i + (number - (len(table) - 1) / 2) * width for i in range(len(names))]
        values = [row[f"{n} per 1000"] for n in names]
        label = f"{row['sender'].split()[-1]}, {row['date']:%d %b}"
        bars = ax.bar(
            xs,
            values,
            width * 0.95,
            label=label,
            color=style.actor_colour(row["actor"]),
            hatch=_HATCHES[number % len(_HATCHES)],
            edgecolor="white",
        )
        ax.bar_label(bars, fmt="%.0f", fontsize=style.FONT_SIZES["annotation"], padding=2)
    ax.set_xticks(range(len(names)), [n.capitalize() for n in names])
    ax.set_ylabel("Theme words per 1,000 words")
    ax.set_title("How the October letters speak of war, peace and the other side")
    ax.legend(title="Letter", frameon=False)
    return fig


def theme_alt(table: pd.DataFrame) -> str:
    """Alt text for :func:`theme_figure`, built from the same numbers."""
    parts = []
    for row in table.to_dict("records"):
        rates = ", ".join(f"{n} {row[f'{n} per 1000']:.0f}" for n in THEMES)
        parts.append(f"{row['sender']} ({row['date']:%d %B}): {rates}")
    return "Bar chart of theme words per 1,000 words in each letter. " + "; ".join(parts) + "."


# ---------------------------------------------------------------- quoting the letters


def paragraphs(letter_id: str, folder: Path | str | None = None) -> list[str]:
    """The paragraphs of a letter, in order (blank lines separate them in the text file)."""
    content = text(letter_id, folder)
    parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n", content)]
    return [p for p in parts if p]


def find(letter_id: str, word: str, folder: Path | str | None = None) -> list[int]:
    """The numbers (1-based) of the paragraphs where a whole word occurs, in any case.

    Counting says how often; this says where, so that a count leads back to the passage.
    """
    target = str(word).strip().lower()
    return [
        number
        for number, paragraph in enumerate(paragraphs(letter_id, folder), start=1)
        if target in tokenize(paragraph)
    ]


class Passage:
    """A verbatim paragraph of a stored letter, shown as a blockquote with sender, date, source."""

    def __init__(self, letter_id: str, number: int, folder: Path | str | None = None) -> None:
        found = paragraphs(letter_id, folder)
        if not 1 <= int(number) <= len(found):
            raise IndexError(f"{letter_id} has paragraphs 1 to {len(found)}, not {number}.")
        row = index(folder).set_index("id").loc[letter_id]
        people = data.load("people", folder).set_index("id")
        sender = row["sender_id"]
        self.letter_id, self.number = letter_id, int(number)
        self.text = found[self.number - 1]
        self.sender = people.loc[sender, "name"] if sender in people.index else sender
        self.date = row["date"]
        frus = f"FRUS {row['frus_volume']}, doc. {row['frus_document']}; "
        self.reference = (frus if row["frus_volume"] else "") + f"[{row['source_ids']}]"

    def caption(self) -> str:
        """Who wrote it, when, and where it comes from."""
        return (
            f"{self.sender}, letter of {self.date.day} {self.date:%B %Y} "
            f"(paragraph {self.number}; {self.reference})"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        import html as _html

        block = (
            f"<blockquote class='crisislab-letter'><p>{_html.escape(self.text)}</p>"
            f"<footer>&mdash; {_html.escape(self.caption())}</footer></blockquote>"
        )
        return {"text/html": block, "text/plain": f"> {self.text}\n-- {self.caption()}"}


def passage(letter_id: str, number: int) -> Passage:
    """Show paragraph ``number`` (1-based) of a stored letter, verbatim."""
    return Passage(letter_id, number)
