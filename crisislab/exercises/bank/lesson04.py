"""Lesson 4's questions (1962 and 2022), registered with :mod:`crisislab.questions`.

Every accepted answer is derived from ``data/`` when a student checks it: the pairs from
``pairs.csv``, the ratios from ``forces.csv`` (found by actor, year and metric, so that a revised
row changes the answer with it), the order of 2022 from ``events_2022.csv``, the clock time with
``zoneinfo``. Nothing heavy is imported at module level, so ``crisislab.checks`` stays fast.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..facts import (
    ChoiceFacts,
    NumberFacts,
    TextFacts,
    TimeFacts,
    Unavailable,
    _long_date,
    _sentence,
    _sources,
    _table,
    event_order_facts,
    quote_attribution,
)
from ..registry import Question, register

LESSON = 4
_LETTERS = "ABCDEFGH"


def _rows(table: str) -> dict[str, dict]:
    return {row["id"]: row for row in _table(table).to_dict("records")}


def _event_2022(event_id: str) -> dict:
    rows = _rows("events_2022")
    if event_id not in rows:
        raise Unavailable(f"events_2022.csv has no row {event_id!r}")
    return rows[event_id]


def _event_any(event_id: str) -> dict:
    for table in ("events_1962", "events_2022"):
        rows = _rows(table)
        if event_id in rows:
            return rows[event_id]
    raise Unavailable(f"no events table has a row {event_id!r}")


def _kind_label(kind: str) -> str:
    from ...compare import KIND_LABELS  # imported late: compare loads pandas and matplotlib

    return KIND_LABELS.get(kind, kind)


# ---------------------------------------------------------------- 1. match the pairs

_INCIDENT_1962 = "e62-u2-shot-down"
_INCIDENT_OPTIONS = (
    ("A", "e22-deterrence-alert-order"),
    ("B", "e22-przewodow-missile"),
    ("C", "e22-biden-armageddon"),
    ("D", "e22-burns-naryshkin"),
)


def _pairs_of(event_id: str) -> list[dict]:
    return [
        row for row in _rows("pairs").values() if event_id in (row["event_1962"], row["event_2022"])
    ]


def _match_facts() -> ChoiceFacts:
    pairs = [p for p in _pairs_of(_INCIDENT_1962) if p["kind"] == "ambiguous_incident"]
    if not pairs:
        raise Unavailable(f"pairs.csv pairs {_INCIDENT_1962} with no ambiguous incident")
    pair = pairs[0]
    old = _event_any(_INCIDENT_1962)
    options, correct, notes = [], set(), {}
    for label, event_id in _INCIDENT_OPTIONS:
        event = _event_2022(event_id)
        options.append((label, event["title"]))
        if event_id == pair["event_2022"]:
            correct.add(label)
            notes[label] = f"{event['title']} ({_long_date(event['date'])}). {pair['alike']}"
            continue
        other = _pairs_of(event_id)
        if other:
            partner = _event_any(other[0]["event_1962"])
            notes[label] = (
                f"The course pairs that with '{partner['title']}' as a "
                f"{_kind_label(other[0]['kind']).lower()}: is it an incident whose author "
                "was unclear at first?"
            )
        else:
            notes[label] = "That is not an incident whose author was unclear at first."
    if not correct:
        raise Unavailable("the paired 2022 event is not among the options")
    return ChoiceFacts(
        options=tuple(options),
        correct=frozenset(correct),
        notes=notes,
        why=f"Unlike: {pair['unlike']}",
        sources=_sources(pair, old),
    )


register(
    Question(
        "04.match-incident",
        LESSON,
        "The course pairs the U-2 shot down over Cuba on 27 October 1962 with a 2022 event, "
        "as an ambiguous incident. Which one? Give one letter.",
        "choice",
        _match_facts,
        objective=1,
    )
)

_KIND_PAIR = ("e62-rfk-dobrynin", "e22-burns-naryshkin")
_KIND_OPTIONS = (
    ("A", "public_threat"),
    ("B", "alert"),
    ("C", "backchannel"),
    ("D", "third_party"),
)
_KIND_HINTS = {
    "public_threat": "Were these meetings public? A public threat is said on the record.",
    "alert": "Did either meeting change the readiness of forces?",
    "backchannel": "",
    "third_party": "A third party is someone outside the two sides; who met whom here?",
    "ambiguous_incident": "Was anyone's identity or intention unclear?",
    "face_saving": "Look at what the two envoys did, not only at what they discussed.",
}


def _kind_facts() -> ChoiceFacts:
    from ...compare import KIND_DEFINITIONS

    old, new = _KIND_PAIR
    pairs = [p for p in _pairs_of(old) if p["event_2022"] == new]
    if not pairs:
        raise Unavailable(f"pairs.csv has no pair of {old} and {new}")
    pair = pairs[0]
    options, correct, notes = [], set(), {}
    for label, kind in _KIND_OPTIONS:
        options.append((label, _kind_label(kind)))
        if kind == pair["kind"]:
            correct.add(label)
            notes[label] = KIND_DEFINITIONS.get(kind, "")
        else:
            notes[label] = _KIND_HINTS.get(kind, "") or KIND_DEFINITIONS.get(kind, "")
    if not correct:
        raise Unavailable(f"the pair's kind {pair['kind']!r} is not among the options")
    return ChoiceFacts(
        options=tuple(options),
        correct=frozenset(correct),
        notes=notes,
        why=f"Alike: {pair['alike']}",
        sources=_sources(pair),
    )


register(
    Question(
        "04.pair-kind",
        LESSON,
        "Robert Kennedy's meeting with Dobrynin (27 October 1962) and the meeting of CIA "
        "director Burns with SVR chief Naryshkin in Ankara (14 November 2022): under which "
        "kind of moment does the course pair them? Give one letter.",
        "choice",
        _kind_facts,
        objective=1,
    )
)

# ---------------------------------------------------------------- 2. ratios from the arsenals


def _force(actor: str, year: int, metric: str) -> dict:
    frame = _table("forces")
    match = frame[(frame["actor"] == actor) & (frame["year"] == year) & (frame["metric"] == metric)]
    if match.empty:
        raise Unavailable(f"forces.csv has no {metric} row for {actor} in {year}")
    row = match.iloc[0].to_dict()
    if not (row["low"] > 0 and row["high"] > 0):
        raise Unavailable(f"forces.csv row {row['id']!r} has no positive low and high")
    return row


def _mid(row: dict) -> float:
    return (float(row["low"]) + float(row["high"])) / 2


def _add_hint(wrong: list, value: float, answer: float, tolerance: float, hint: str) -> None:
    """Keep a hint only when its value cannot be mistaken for the right answer."""
    if abs(value - answer) > 2 * tolerance:
        wrong.append((value, hint))


def _ready_ratio_facts() -> NumberFacts:
    us = _force("United States", 1962, "deployed_strategic_warheads")
    su = _force("Soviet Union", 1962, "deployed_strategic_warheads")
    answer = _mid(us) / _mid(su)
    tolerance = max(0.15, 0.02 * answer)
    wrong: list[tuple[float, str]] = []
    _add_hint(
        wrong,
        us["high"] / su["low"],
        answer,
        tolerance,
        "That divides by the low Soviet figure: it is the largest ratio the ranges allow. "
        "Take the midpoint of each range.",
    )
    _add_hint(
        wrong,
        us["low"] / su["high"],
        answer,
        tolerance,
        "That divides by the high Soviet figure: it is the smallest ratio the ranges allow. "
        "Take the midpoint of each range.",
    )
    _add_hint(
        wrong,
        _mid(su) / _mid(us),
        answer,
        tolerance,
        "That is the Soviet count divided by the American one: turn the division around.",
    )
    why = (
        f"Midpoints: United States {_mid(us):,.0f}, Soviet Union {_mid(su):,.0f}; "
        f"{_mid(us):,.0f} / {_mid(su):,.0f} = {answer:.2f}. The ranges allow anything from "
        f"{us['low'] / su['high']:.1f} to {us['high'] / su['low']:.1f}: the counting rule is "
        f"'{_sentence(su['counting_rule'])}'"
    )
    return NumberFacts(
        answer=answer,
        tolerance=tolerance,
        unit="times",
        why=why,
        sources=_sources(us, su),
        wrong=tuple(wrong),
        unit_words=("times", "x", "fold"),
        advice="Take the midpoint of each range, then divide the American by the Soviet one.",
    )


register(
    Question(
        "04.ready-ratio-1962",
        LESSON,
        "In 1962, how many times more nuclear weapons did the United States have ready to use "
        "than the Soviet Union? Use the 1962 rows of the forces table with the metric "
        "deployed_strategic_warheads, and the midpoint of each range.",
        "number",
        _ready_ratio_facts,
        objective=2,
        form="a number (how many times more), or code that computes it",
    )
)


def _stockpile_percent_facts() -> NumberFacts:
    ru = _force("Russia", 2022, "total_stockpile")
    us = _force("United States", 2022, "total_stockpile")
    answer = (ru["low"] / us["low"] - 1) * 100
    tolerance = 1.0
    wrong: list[tuple[float, str]] = []
    _add_hint(
        wrong,
        (ru["high"] / us["high"] - 1) * 100,
        answer,
        tolerance,
        "That uses the high ends, which add retired warheads awaiting dismantlement. "
        "Use the low ends (the military stockpiles).",
    )
    _add_hint(
        wrong,
        (1 - us["low"] / ru["low"]) * 100,
        answer,
        tolerance,
        "That divides by Russia's figure: how much larger is Russia's than the American one?",
    )
    _add_hint(
        wrong,
        ru["low"] / us["low"],
        answer,
        tolerance,
        "That is the ratio of the two figures; the question asks how much larger Russia's "
        "is, in percent.",
    )
    why = (
        f"Low ends (military stockpiles): Russia {ru['low']:,.0f}, United States "
        f"{us['low']:,.0f}; {ru['low']:,.0f} / {us['low']:,.0f} = {ru['low'] / us['low']:.3f}, "
        f"so about {answer:.0f}% larger. Compare 1962, when the gap ran the other way and was "
        "many times larger."
    )
    return NumberFacts(
        answer=answer,
        tolerance=tolerance,
        unit="percent",
        why=why,
        sources=_sources(ru, us),
        wrong=tuple(wrong),
        unit_words=("percent", "per", "cent", "pc"),
        advice="Use the low end of each range, and ask how much larger Russia's figure is "
        "than the American one, in percent of the American one.",
    )


register(
    Question(
        "04.stockpile-percent-2022",
        LESSON,
        "In 2022, by how many percent was Russia's military stockpile larger than that of the "
        "United States? Use the low end of each 2022 total_stockpile range in the forces table "
        "(the low end counts warheads assigned to forces; the high end adds retired ones).",
        "number",
        _stockpile_percent_facts,
        objective=2,
        form="a number of percent (no % sign needed), or code that computes it",
    )
)

# ---------------------------------------------------------------- 3. the order of 2022

_ORDER_ITEMS = (
    ("A", "e22-biden-armageddon"),
    ("B", "e22-deterrence-alert-order"),
    ("C", "e22-przewodow-missile"),
    ("D", "e22-mobilisation-address"),
    ("E", "e22-annexation-ceremony"),
)


_order_facts = event_order_facts(2022, _ORDER_ITEMS, cite=_sources)


register(
    Question(
        "04.order-2022",
        LESSON,
        "Put these events of 2022 in the order they happened (earliest first), as a list of "
        "letters.",
        "order",
        _order_facts,
        objective=1,
    )
)

# ---------------------------------------------------------------- 4. two clocks


def _offset(moment: datetime) -> str:
    return f"{moment.utcoffset().total_seconds() / 3600:+g}"


def _moscow_time_facts() -> TimeFacts:
    row = _event_2022("e22-biden-armageddon")
    if not row.get("time_local"):
        raise Unavailable("events_2022.csv gives no time for Biden's remarks")
    hour, minute = (int(x) for x in row["time_local"].split(":"))
    day: date = row["date"]
    source = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(row["tz"]))
    target = source.astimezone(ZoneInfo("Europe/Moscow"))
    gap = (target.utcoffset() - source.utcoffset()).total_seconds() / 3600
    why = (
        f"{source:%H:%M} in New York on {_long_date(source.date())} was {target:%H:%M} in "
        f"Moscow on {_long_date(target.date())}: New York was on UTC{_offset(source)} "
        f"({'daylight-saving' if source.dst() else 'standard'} time) and Moscow on "
        f"UTC{_offset(target)}, {gap:g} hours ahead. The remark came in the middle of the "
        "Moscow night."
    )
    return TimeFacts(target, source, "Moscow", "New York", why, _sources(row))


register(
    Question(
        "04.moscow-time",
        LESSON,
        "Biden made his 'Armageddon' remarks at a fundraiser in New York on the evening of "
        "6 October 2022 (the 2022 timeline gives the time the White House transcript is headed "
        "with, and its zone). What time was it in Moscow, and on what day?",
        "time",
        _moscow_time_facts,
        objective=1,
        form='a time and its day in quotes, like "14:30 on 1 January 2022", or a datetime',
    )
)

# ---------------------------------------------- 5. which claim does a quote support


def _claim_facts(
    quote_id: str,
    options: tuple[tuple[str, str], ...],
    right: str,
    hints: dict[str, str],
    reason: str,
) -> ChoiceFacts:
    claims = _rows("claims")
    quotes = _rows("quotes")
    if quote_id not in quotes:
        raise Unavailable(f"quotes.csv has no row {quote_id!r}")
    quote = quotes[quote_id]
    shown, correct, notes = [], set(), {}
    for label, claim_id in options:
        if claim_id not in claims:
            raise Unavailable(f"claims.csv has no row {claim_id!r}")
        text = claims[claim_id]["claim"].split(" [")[0]
        shown.append((label, text))
        if claim_id == right:
            correct.add(label)
            notes[label] = reason
        else:
            notes[label] = hints.get(claim_id, "Does the quotation speak to that claim?")
    return ChoiceFacts(
        options=tuple(shown),
        correct=frozenset(correct),
        notes=notes,
        why=f'"{quote["text"]}" ({quote_attribution(quote)}).',
        sources=_sources(quote, claims[right]),
    )


_LEMAY_OPTIONS = (
    ("A", "claim-empathy-principal"),
    ("B", "claim-kennedy-pulled-back"),
    ("C", "claim-secrecy-empathy"),
    ("D", "claim-rivals-1962"),
)
_LEMAY_HINTS = {
    "claim-empathy-principal": "LeMay is not describing the Soviet side's position: whose "
    "pressure on whom does he show?",
    "claim-secrecy-empathy": "The quotation says nothing about the missiles in Turkey.",
    "claim-rivals-1962": "That claim is about 2022; LeMay spoke on 19 October 1962.",
}

register(
    Question(
        "04.quote-claim-1962",
        LESSON,
        "General LeMay to Kennedy, 19 October 1962 (quote q-lemay-bad-fix in the quotes table): "
        "which of the article's claims does this quotation support? Give one letter.",
        "choice",
        lambda: _claim_facts(
            "q-lemay-bad-fix",
            _LEMAY_OPTIONS,
            "claim-kennedy-pulled-back",
            _LEMAY_HINTS,
            "LeMay's words, recorded on tape, show the pressure for military action that the "
            "article says Kennedy resisted; the argument map lists the evidence for and against.",
        ),
        objective=3,
    )
)

_BIDEN_OPTIONS = (
    ("A", "claim-khrushchev-understood"),
    ("B", "claim-secrecy-empathy"),
    ("C", "claim-rivals-1962"),
    ("D", "claim-kennedy-pulled-back"),
)
_BIDEN_HINTS = {
    "claim-khrushchev-understood": "Biden speaks in 2022; that claim is about Khrushchev in 1962.",
    "claim-secrecy-empathy": "The quotation says nothing about secrecy or Turkey.",
    "claim-kennedy-pulled-back": "That claim is about pressure on Kennedy in 1962; what does "
    "Biden compare 2022 with?",
}

register(
    Question(
        "04.quote-claim-2022",
        LESSON,
        "Biden, 6 October 2022 (quote q-biden-armageddon in the quotes table): which of the "
        "article's claims does this quotation support? Give one letter.",
        "choice",
        lambda: _claim_facts(
            "q-biden-armageddon",
            _BIDEN_OPTIONS,
            "claim-rivals-1962",
            _BIDEN_HINTS,
            "Biden himself compares 2022 with 1962, as the claim does; the argument map lists "
            "those who agree and those, such as Graham Allison, who qualify the comparison.",
        ),
        objective=3,
    )
)

# ---------------------------------------------------------------- 6. the capstone


def _capstone_facts() -> TextFacts:
    from ...compare import BRIEF_RUBRIC, EXAMPLE_BRIEF, brief_template

    return TextFacts(
        model_answer=EXAMPLE_BRIEF,
        rubric=BRIEF_RUBRIC,
        sources="",
        min_words=80,
        template=brief_template(),
        evidence="q-biden-armageddon",
    )


register(
    Question(
        "04.capstone",
        LESSON,
        "Capstone: write a strategic-empathy brief for a leader of your choice in 2022 on the "
        "template (leader and date; fears; goals; pressures; red lines; face-saving exits; what "
        "you might be mirror-imaging; sources). Use the leader's own documented words.",
        "text",
        _capstone_facts,
        objective=4,
        form="the template filled in, between the triple quotes",
    )
)
