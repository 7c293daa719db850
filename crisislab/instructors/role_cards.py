"""Role cards for the role-play *Black Saturday, 27 October 1962*, rendered from ``data/roles.csv``.

A card is what one role knows on the morning of 27 October 1962: position, private knowledge,
quotations said before that day, a timeline of what the role's capital knew, and a decision to
make in each round. What the role did not know, and what was said or learned later, goes on the
sealed strip. Printed, each card is exactly one page on A4 and on US Letter, its sealed strip cut
off along a line at the same height on every card. The student's card names its documents in one
short line; the full references go on the Control sheet (:mod:`.roleplay`).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .. import data, sources
from ..paths import data_dir
from .printing import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, SANS, E, page

ROLEPLAY_DAY = date(1962, 10, 27)
ROUNDS = 4
SIDES = ("ExComm", "Presidium", "Havana", "Embassy")
SIDE_LABELS = {
    "ExComm": "ExComm, Washington",
    "Presidium": "Presidium, Moscow",
    "Havana": "Havana: Cuban leaders and the Soviet command",
    "Embassy": "Go-betweens: the Soviet embassy, the UN and the press",
}
# The extra columns of roles.csv read here (the loader in crisislab.data checks the others).
EXTRA_COLUMNS = ("documents", *(f"decision_{n}" for n in range(1, ROUNDS + 1)))
DOCUMENTS_MAX_CHARS = 170  # "one short line" on the card
# Which capital's knowledge a side shares (events_1962's washington_learned / moscow_learned).
_LEARNED_COLUMN = {
    "ExComm": "washington_learned",
    "Presidium": "moscow_learned",
    "Embassy": "moscow_learned",
}


@dataclass(frozen=True)
class CardQuote:
    """A quotation printed on a card, with its speaker, date and sources."""

    id: str
    speaker: str
    date: str
    text: str
    source_ids: str


@dataclass(frozen=True)
class CardEvent:
    """An event on a card's timeline."""

    id: str
    when: str
    title: str


@dataclass(frozen=True)
class Card:
    """One role card: what the role stands for, knows and does not know on 27 October 1962."""

    id: str
    person_id: str
    name: str
    office: str
    side: str
    position: str
    private_knowledge: str
    does_not_know: str
    quotes: tuple[CardQuote, ...]
    timeline: tuple[CardEvent, ...]  # events the role's capital knew of by that morning
    sealed_quotes: tuple[CardQuote, ...]  # said later: read only at the debrief
    sealed_events: tuple[CardEvent, ...]  # later, or unknown to the role's side that morning
    source_ids: tuple[str, ...]
    decisions: tuple[str, ...] = ()  # one a round
    documents: str = ""  # the card's one line naming its documents (document and date)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


_CITY = {"America/New_York": "Washington", "Europe/Moscow": "Moscow", "America/Havana": "Havana"}


def when(row) -> str:
    """An event's day and, when known, its local time and city: "27 October 1962, 16:00 ..."."""
    day = row["date"]
    text = f"{day.day} {day:%B %Y}"
    if row["time_local"]:
        city = _CITY.get(row["tz"], row["tz"].split("/")[-1].replace("_", " "))
        text += f", {row['time_local']} {city} time"
    return text


def _known_that_morning(side: str, event) -> bool:
    """True when the role's side knew of an event before 27 October (so it goes on the card).

    What a side learned on the 27th itself reaches it during the game, as an inject.
    """
    if event["date"] >= ROLEPLAY_DAY:
        return False
    if side == "Havana":  # no Havana column: Cuba's own events, and Soviet ones Moscow knew
        actors = _split(event["actors"])
        if "Cuba" in actors:
            return True
        if "Soviet Union" not in actors:
            return False
        learned = data.parse_learned(event["moscow_learned"])
        return learned is not None and learned < ROLEPLAY_DAY
    learned = data.parse_learned(event[_LEARNED_COLUMN[side]])
    return learned is not None and learned < ROLEPLAY_DAY


def _lookup(frame: pd.DataFrame, key: str, value: str, number: int, column: str, rid: str):
    match = frame[frame[key] == value]
    if match.empty:
        table = {"people": "people.csv", "quotes": "quotes.csv"}.get(key, "events_1962.csv")
        raise data.DataError(
            "roles.csv", number, column, f"an id that exists in {table}", value, rid
        )
    return match.iloc[0]


def _said_before(q: dict, day: date) -> bool:
    """Whether a quotation's words existed before ``day`` (a later recollection never did)."""
    if q["kind"] in ("recollection", "reported_later"):
        return False
    try:
        return date.fromisoformat(str(q["said_on"])) < day
    except ValueError:  # a bare year: only a year before 1962's crisis counts
        return int(str(q["said_on"])[:4]) < day.year


def extra_columns(folder: Path | str | None = None) -> dict[str, dict[str, str]]:
    """The kit's own columns of ``roles.csv`` (documents, decision_1..4), by role id."""
    path = Path(folder if folder is not None else data_dir()) / "roles.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row.get("id", ""): {c: (row.get(c) or "").strip() for c in EXTRA_COLUMNS} for row in rows
    }


def cards(folder: Path | str | None = None) -> list[Card]:
    """Every role card from ``roles.csv``, in room order (ExComm, Presidium, Havana, Embassy)."""
    roles = data.load("roles", folder)
    people = data.load("people", folder)
    quotes = data.load("quotes", folder)
    events = data.events(1962, folder)
    extras = extra_columns(folder)
    names = dict(zip(people["id"], people["name"], strict=True))
    result = []
    for number, row in enumerate(roles.to_dict("records"), start=1):
        person = _lookup(people, "id", row["person_id"], number, "person_id", row["id"])
        open_quotes, sealed_quotes, cited = [], [], list(_split(row["source_ids"]))
        for qid in _split(row["quote_ids"]):
            q = _lookup(quotes, "id", qid, number, "quote_ids", row["id"])
            quote_row = CardQuote(
                qid,
                names.get(q["speaker_id"], q["speaker_id"]),
                sources.quote_when(q),
                q["text"],
                q["source_ids"],
            )
            (open_quotes if _said_before(q, ROLEPLAY_DAY) else sealed_quotes).append(quote_row)
            cited.extend(i for i in _split(q["source_ids"]) if i not in cited)
        timeline, sealed_events = [], []
        wanted = _split(row["event_ids"])
        for eid in wanted:
            _lookup(events, "id", eid, number, "event_ids", row["id"])  # names a missing id
        for event in events[events["id"].isin(wanted)].to_dict("records"):  # in time order
            item = CardEvent(event["id"], when(event), event["title"])
            (timeline if _known_that_morning(row["side"], event) else sealed_events).append(item)
        extra = extras.get(row["id"], {})
        decisions = tuple(extra.get(f"decision_{n}", "") for n in range(1, ROUNDS + 1))
        result.append(
            Card(
                id=row["id"],
                person_id=row["person_id"],
                name=person["name"],
                office=person["role"],
                side=row["side"],
                position=row["position"],
                private_knowledge=row["private_knowledge"],
                does_not_know=row["does_not_know"],
                quotes=tuple(open_quotes),
                timeline=tuple(timeline),
                sealed_quotes=tuple(sealed_quotes),
                sealed_events=tuple(sealed_events),
                source_ids=tuple(dict.fromkeys(cited)),
                decisions=decisions if any(decisions) else (),
                documents=extra.get("documents", ""),
            )
        )
    order = {side: i for i, side in enumerate(SIDES)}
    return sorted(result, key=lambda card: order[card.side])  # stable: file order within a room


# ---------------------------------------------------------------- Markdown (instructor's copy)

_INTRO = (
    "Role cards for the role-play *Black Saturday, 27 October 1962* (see "
    "`instructors/roleplay/README.md`), the instructor's copy with every source. Each card is as "
    "of the **morning of Saturday 27 October 1962**. Print the students' cards from `cards.html` "
    "(one page each, A4 or Letter, single-sided). Source ids in square brackets resolve in the "
    "Sources list on each card and in `data/sources.csv`. Generated from `data/roles.csv` by "
    "`python -m crisislab.instructors cards`: correct the data, not this file."
)


def _quote_md(q: CardQuote) -> str:
    when_said = q.date or "undated"
    return f'> "{q.text}"\n>\n> {q.speaker}, {when_said} [{q.source_ids.replace(";", "; ")}]'


def card_markdown(card: Card, number: int = 1, total: int = 1) -> str:
    """One card as Markdown (the sealed part after a cut line), with its sources."""
    lines = [
        f"## Card {number} of {total}: {card.name}",
        "",
        f"*{card.office}*. Room: **{SIDE_LABELS[card.side]}**. Card id `{card.id}`.",
        "",
        "**Your position, as of the morning of Saturday 27 October 1962.** " + card.position,
        "",
        "**What you know that the other rooms may not.** " + card.private_knowledge,
        "",
    ]
    if card.quotes:
        lines += ["**In their words**", ""]
        for q in card.quotes:
            lines += [_quote_md(q), ""]
    if card.timeline:
        lines += ["**Your timeline so far**", ""]
        lines += [f"- {e.when}: {e.title} (`{e.id}`)" for e in card.timeline]
        lines.append("")
    if card.decisions:
        lines += ["**Your decision in each round**", ""]
        lines += [f"{n}. {d}" for n, d in enumerate(card.decisions, start=1)]
        lines.append("")
    if card.documents:
        lines += [f"*Documents:* {card.documents}", ""]
    lines += [
        "* * *",
        "",
        "**Cut here: sealed until the debrief.**",
        "",
        "**What you do not know.** " + card.does_not_know,
        "",
    ]
    if card.sealed_events:
        lines += ["**What happened, or what you learned only later**", ""]
        lines += [f"- {e.when}: {e.title} (`{e.id}`)" for e in card.sealed_events]
        lines.append("")
    for q in card.sealed_quotes:
        lines += [_quote_md(q), ""]
    lines += ["**Sources**", ""]
    lines += [f"- {sources.reference_text(i)}" for i in card.source_ids]
    return "\n".join(lines) + "\n"


def cards_markdown(all_cards: list[Card]) -> str:
    """Every card as one Markdown document, with a list of roles by room."""
    lines = ["# Role cards: Black Saturday, 27 October 1962", "", _INTRO, ""]
    for side in SIDES:
        members = [c for c in all_cards if c.side == side]
        if members:
            lines.append(f"- **{SIDE_LABELS[side]}:** " + ", ".join(c.name for c in members))
    lines.append("")
    for number, card in enumerate(all_cards, start=1):
        lines += [card_markdown(card, number, len(all_cards)), ""]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- printable cards (students)

_CITATION = re.compile(r"\s*\[[a-z0-9][a-z0-9.\-_; ]*\]")
CARD_HEIGHT_MM = 252  # fits the printable height of Letter (255.4 mm) and of A4
SEALED_MM = 54  # the sealed strip: the cut line sits at the same height on every card
OPEN_MM = CARD_HEIGHT_MM - SEALED_MM - 2
# Font sizes tried from the largest; a card takes the largest its text fits (see _fit_size).
FONT_STEPS_PT = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5)

CARD_CSS = f"""
.card {{ width: {PAGE_WIDTH_MM}mm; height: {CARD_HEIGHT_MM}mm; position: relative;
         overflow: hidden; break-after: page; page-break-after: always;
         break-inside: avoid; page-break-inside: avoid; }}
.card:last-child {{ break-after: auto; page-break-after: auto; }}
.card .open {{ position: absolute; top: 0; left: 0; right: 0;
               height: {OPEN_MM}mm; overflow: hidden; }}
.card .sealed {{ position: absolute; left: 0; right: 0; bottom: 0; height: {SEALED_MM}mm;
                 overflow: hidden; border-top: 0.6mm dashed #111; padding-top: 1mm; }}
.card .cut {{ font-family: {SANS}; font-size: 7.5pt; text-align: center; margin: 0 0 1mm 0; }}
.card h2 {{ font-size: 1.45em; margin: 0.6mm 0 0.4mm 0; }}
.card h3 {{ font-size: 1.05em; margin: 1.6mm 0 0.5mm 0; }}
.card .head {{ font-family: {SANS}; font-size: 0.8em; text-transform: uppercase;
               letter-spacing: .04em; border-bottom: 0.4mm solid #111; padding-bottom: 0.6mm; }}
.card p, .card li {{ margin: 0 0 0.8mm 0; }}
.card ul, .card ol {{ margin: 0 0 0.8mm 0; padding-left: 5mm; }}
.card blockquote {{ margin: 0.6mm 0 0.8mm 2mm; padding-left: 2mm; border-left: 0.6mm solid #555; }}
.card .docs {{ font-size: 0.82em; border-top: 0.3mm solid #777; padding-top: 0.5mm; }}
.card ol.decisions li {{ margin-bottom: 0.6mm; }}
.card ol.decisions .write {{ display: block; border-bottom: 0.3mm dotted #555; height: 4mm; }}
""" + "".join(
    f".card.fs{int(s * 10)} {{ font-size: {s}pt; line-height: 1.28; }}\n" for s in FONT_STEPS_PT
)


def plain(text: str) -> str:
    """A text without its bracketed source ids (the student's card names documents once)."""
    return re.sub(r"\s+([.,;:])", r"\1", _CITATION.sub("", text)).strip()


# Line model of a card, calibrated on DejaVu Serif in Chromium: a line of body text holds about
# CHARS_PER_MM / size characters per millimetre of width; line height is LINE_FACTOR x size.
CHARS_PER_MM = 5.45  # characters per mm of width at 1 pt (so about 101 a line at 10 pt)
LINE_FACTOR = 0.375  # mm of line height per pt (line-height 1.28, with paragraph margins)
HEADING_MM = 1.3  # a heading (1.05 em, with its margins) in mm per pt


def _lines(chars: int, size: float, indent_mm: float = 0) -> int:
    per_line = (PAGE_WIDTH_MM - indent_mm) * CHARS_PER_MM / size
    return max(1, math.ceil(chars / per_line))


def _open_blocks(card: Card) -> tuple[list[tuple[int, float]], int]:
    """The open half as (characters, indent) paragraphs, and its number of headings."""
    blocks = [(len(plain(card.position)), 0), (len(plain(card.private_knowledge)), 0)]
    blocks += [(len(q.text) + len(q.speaker) + len(q.date) + 8, 5) for q in card.quotes]
    blocks += [(len(e.when) + len(e.title) + 2, 5) for e in card.timeline]
    blocks += [(len(d), 5) for d in card.decisions]
    blocks.append((len(card.documents) + 11, 0))
    headings = 3 + bool(card.quotes) + bool(card.timeline) + bool(card.decisions)
    return blocks, headings


def _sealed_blocks(card: Card) -> tuple[list[tuple[int, float]], int]:
    blocks = [(len(plain(card.does_not_know)) + len(card.name) + 40, 0)]
    blocks += [(len(e.when) + len(e.title) + 2, 5) for e in card.sealed_events]
    blocks += [(len(q.text) + len(q.speaker) + len(q.date) + 8, 5) for q in card.sealed_quotes]
    return blocks, 1 + bool(card.sealed_events)


def _height_mm(blocks: list[tuple[int, float]], headings: int, size: float, extra: float) -> float:
    lines = sum(_lines(chars, size, indent) for chars, indent in blocks)
    return lines * LINE_FACTOR * size + headings * HEADING_MM * size + extra


def open_height_mm(card: Card, size: float) -> float:
    """The estimated height of a card's open half at a font size (writing lines included)."""
    blocks, headings = _open_blocks(card)
    return _height_mm(blocks, headings, size, 4.2 * len(card.decisions) + 0.85 * size + 2)


def sealed_height_mm(card: Card, size: float) -> float:
    """The estimated height of a card's sealed strip at a font size."""
    blocks, headings = _sealed_blocks(card)
    return _height_mm(blocks, headings, size, 3)


def _fit_size(card: Card) -> float:
    """The largest font size at which a card's open half and sealed strip both fit, with room
    to spare (tests/browser/test_print.py prints every card and checks nothing overflows)."""
    for size in FONT_STEPS_PT:
        if open_height_mm(card, size) <= 0.93 * OPEN_MM and sealed_height_mm(card, size) <= (
            0.93 * SEALED_MM
        ):
            return size
    return FONT_STEPS_PT[-1]


def _quote_html(q: CardQuote) -> str:
    return (
        f"<blockquote>&ldquo;{E(q.text)}&rdquo; &mdash; {E(q.speaker)}, "
        f"{E(q.date or 'undated')}</blockquote>"
    )


def _events_html(events: Iterable[CardEvent]) -> str:
    return "<ul>" + "".join(f"<li>{E(e.when)}: {E(e.title)}</li>" for e in events) + "</ul>"


def card_html(card: Card, number: int = 1, total: int = 1) -> str:
    """One card as a one-page HTML section (every text from data is escaped)."""
    size = _fit_size(card)
    room = E(SIDE_LABELS[card.side])
    opened = [
        f'<div class="head">Role card {number} of {total} &middot; {room} &middot; '
        "morning of Saturday 27 October 1962</div>",
        f"<h2>{E(card.name)}</h2>",
        f"<p><em>{E(card.office)}</em></p>",
        f"<h3>Your position</h3><p>{E(plain(card.position))}</p>",
        f"<h3>What you know that the other rooms may not</h3>"
        f"<p>{E(plain(card.private_knowledge))}</p>",
    ]
    if card.quotes:
        opened.append("<h3>In their words</h3>" + "".join(_quote_html(q) for q in card.quotes))
    if card.timeline:
        opened.append("<h3>Your timeline so far</h3>" + _events_html(card.timeline))
    if card.decisions:
        items = "".join(f'<li>{E(d)}<span class="write"></span></li>' for d in card.decisions)
        opened.append(f'<h3>Your decision in each round</h3><ol class="decisions">{items}</ol>')
    if card.documents:
        opened.append(f'<p class="docs"><strong>Documents:</strong> {E(card.documents)}</p>')
    sealed = [
        '<p class="cut">&#9986; cut along the dashed line: Control keeps this strip until the '
        "debrief</p>",
        f"<p><strong>Sealed: {E(card.name)}.</strong> <strong>What you do not know.</strong> "
        f"{E(plain(card.does_not_know))}</p>",
    ]
    if card.sealed_events:
        sealed.append(
            "<p><strong>What happened, or what you learned only later</strong></p>"
            + _events_html(card.sealed_events)
        )
    sealed.extend(_quote_html(q) for q in card.sealed_quotes)
    return (
        f'<section class="card fs{int(size * 10)}" id="{E(card.id, quote=True)}">\n'
        f'<div class="open">{"".join(opened)}</div>\n'
        f'<div class="sealed">{"".join(sealed)}</div>\n</section>'
    )


def cards_html(all_cards: list[Card]) -> str:
    """Every card, one printed page each (A4 or Letter), with nothing before the first card."""
    body = "\n".join(card_html(c, n, len(all_cards)) for n, c in enumerate(all_cards, start=1))
    return page("Role cards: Black Saturday, 27 October 1962", body, CARD_CSS)


def card_page_height_mm() -> float:
    """The printable height the cards are laid out for (Letter's, the shorter)."""
    return PAGE_HEIGHT_MM
