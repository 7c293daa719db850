"""Lesson 1's questions (Thirteen Days): dates, order, who knew what, distances, clocks.

Registered on import; every accepted answer is read from ``data/`` when an answer is checked.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..facts import (
    ChoiceFacts,
    DateFacts,
    NumberFacts,
    TextFacts,
    TimeFacts,
    Unavailable,
    _event,
    _event_date,
    _event_hints,
    _lead_sources,
    _long_date,
    _person_facts,
    _row,
    _sentence,
    _sources,
    event_order_facts,
)
from ..registry import Question, register

# ---------------------------------------------------------------- lesson 1: Thirteen Days

register(
    Question(
        "01.photos-date",
        1,
        "On what date did the U-2 take the photographs that showed the missile sites in Cuba?",
        "date",
        _event_date(
            "e62-u2-photographs",
            (
                (
                    "e62-bundy-briefs-president",
                    "That is when Bundy showed the President the "
                    "photographs; they had been taken, and analysed, before.",
                ),
                (
                    "e62-address-to-nation",
                    "That is when the public learned of the missiles, "
                    "a week after the photographs were taken.",
                ),
            ),
        ),
        objective=1,
    )
)

register(
    Question(
        "01.shootdown-date",
        1,
        "On what date was an American U-2 shot down over Cuba, on the day later called "
        '"Black Saturday"?',
        "date",
        _event_date(
            "e62-u2-shot-down",
            (
                (
                    "e62-radio-moscow-acceptance",
                    "That is the day Radio Moscow announced the "
                    "missiles would be removed: the U-2 was lost the day before.",
                ),
                (
                    "e62-khrushchev-letter-26oct",
                    "That is the day of Khrushchev's first, long letter. Look one day later.",
                ),
            ),
        ),
        objective=1,
    )
)

_ORDER_ITEMS = (
    # (label, event id), shown in this scrambled order
    ("A", "e62-u2-shot-down"),
    ("B", "e62-quarantine-begins"),
    ("C", "e62-address-to-nation"),
    ("D", "e62-khrushchev-letter-26oct"),
    ("E", "e62-bucharest"),
)

_order_facts = event_order_facts(1962, _ORDER_ITEMS)

register(
    Question(
        "01.order",
        1,
        "Put these events in the order they happened (earliest first), as a list of letters.",
        "order",
        _order_facts,
        objective=1,
    )
)


def _moscow_learned_facts() -> DateFacts:
    from ...data import parse_learned

    row = _event("e62-u2-photographs")
    raw = str(row.get("moscow_learned", ""))
    try:
        learned = parse_learned(raw)
    except ValueError:
        learned = None
    if learned is None or raw.strip().isdigit():
        raise Unavailable("events_1962.csv gives no day on which Moscow learned of the photographs")
    hints = _event_hints(
        (
            (
                "e62-u2-photographs",
                "That is when the photographs were taken: Washington knew "
                "within two days, but Moscow did not know that it knew.",
            ),
            (
                "e62-bundy-briefs-president",
                "That is when Kennedy learned of the missiles. He "
                "kept it secret for almost a week while the ExComm debated.",
            ),
            (
                "e62-quarantine-begins",
                "By then Moscow had known for a while: look at how "
                "Washington chose to reveal what it knew.",
            ),
        ),
        learned,
    )
    why = (
        f"Moscow learned that the Americans had found the missiles on {_long_date(learned)}; "
        "for the first week of the crisis, Washington knew something Moscow did not know it knew."
    )
    return DateFacts(learned, why, _sources(row), hints)


register(
    Question(
        "01.moscow-learned",
        1,
        "On what date did Moscow learn that Washington had found the missiles in Cuba? "
        "(Use the timeline's 'Moscow learned' column for the U-2 photographs.)",
        "date",
        _moscow_learned_facts,
        objective=2,
    )
)

# "What Washington did not know": options are events; an event is right when Washington learned
# of it only after the crisis (the washington_learned column is later than 28 October 1962).
_NOT_KNOWN_OPTIONS = (
    ("A", "e62-u2-photographs"),
    ("B", "e62-b59"),
    ("C", "e62-khrushchev-letter-26oct"),
    ("D", "e62-maultsby-u2"),
    ("E", "e62-tactical-nuclear-forces-cuba"),
)
_CRISIS_END = date(1962, 10, 28)


def _not_known_facts() -> ChoiceFacts:
    from ...data import parse_learned

    rows = {label: _event(event_id) for label, event_id in _NOT_KNOWN_OPTIONS}
    correct, notes = set(), {}
    for label, row in rows.items():
        raw = str(row.get("washington_learned", "")).strip()
        try:
            learned = parse_learned(raw)
        except ValueError:
            raise Unavailable(f"{row['id']} has no readable washington_learned") from None
        when = "never" if learned is None else (raw if len(raw) == 4 else _long_date(learned))
        later = learned is None or learned > _CRISIS_END
        if later:
            correct.add(label)
            after = "never at the time" if learned is None else f"only in {when}"
            notes[label] = f"'{row['title']}': Washington learned of it {after}."
        else:
            notes[label] = (
                f"Washington knew of '{row['title']}' by {when}, during the crisis itself."
            )
    if not correct:
        raise Unavailable("no option is an event Washington learned of only after the crisis")
    return ChoiceFacts(
        options=tuple((label, rows[label]["title"]) for label, _ in _NOT_KNOWN_OPTIONS),
        correct=frozenset(correct),
        notes=notes,
        why="Some of the most dangerous facts of the crisis were unknown in Washington then.",
        sources=_lead_sources(*rows.values()),
        multiple=True,
    )


register(
    Question(
        "01.did-not-know",
        1,
        "Which of these did Washington NOT know about during the crisis (it learned of them "
        "only after 28 October 1962)? Give every letter that applies.",
        "multiple",
        _not_known_facts,
        objective=2,
    )
)


def _place(place_id: str) -> dict:
    return _row("places", place_id)


def _distance(a: dict, b: dict) -> float:
    from ...geo import distance_km

    return distance_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))


def _distance_facts() -> NumberFacts:
    site, capital = _place("san-cristobal"), _place("washington")
    km = _distance(site, capital)
    wrong = [(km / 1.609344, "That looks like the distance in miles: give it in kilometres.")]
    flat = math.hypot(capital["lat"] - site["lat"], capital["lon"] - site["lon"]) * 111.2
    wrong.append(
        (
            flat,
            "That looks like a flat-map distance (degrees times 111 km). The Earth is round: "
            "use geo.distance_km, which measures along the great circle.",
        )
    )
    for other in ("miami", "new-york"):
        try:
            place = _place(other)
        except Unavailable:
            continue
        wrong.append((_distance(site, place), f"That is the distance to {place['name']}."))
    why = (
        f"Along the great circle, {site['name']} is {km:,.0f} km from {capital['name']}: "
        "the first missiles found in Cuba could reach the American capital within minutes."
    )
    return NumberFacts(
        answer=km,
        tolerance=max(15.0, 0.01 * km),
        unit="km",
        why=why,
        sources=_sources(site, capital),
        wrong=tuple(wrong),
        unit_words=("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
        advice="Check the two places, and that the distance is in kilometres along the great "
        "circle (geo.distance_km).",
    )


register(
    Question(
        "01.distance-washington",
        1,
        "How far is it, in km, from the San Cristobal missile sites to Washington? "
        "(Use geo.distance_km with the coordinates in the places table.)",
        "number",
        _distance_facts,
        objective=3,
        form="a number of km (no quotes needed), or code that computes it",
    )
)

_REACH_OPTIONS = (("A", "miami"), ("B", "washington"), ("C", "new-york"), ("D", "moscow"))


def _reach_facts() -> ChoiceFacts:
    weapon = _row("weapons", "r-12")
    site = _place("san-cristobal")
    reach = weapon.get("range_km_high")
    if reach is None or reach != reach:  # empty cell (NaN)
        raise Unavailable("weapons.csv gives no highest range for the R-12")
    correct, notes, options = set(), {}, []
    for label, place_id in _REACH_OPTIONS:
        place = _place(place_id)
        km = _distance(site, place)
        options.append((label, place["name"]))
        if km <= reach:
            correct.add(label)
            notes[label] = f"{place['name']} is {km:,.0f} km away: within {reach:,.0f} km."
        else:
            notes[label] = (
                f"{place['name']} is {km:,.0f} km from {site['name']}, beyond {reach:,.0f} km."
            )
    why = (
        f"Published ranges of the R-12 run from {weapon['range_km_low']:,.0f} to {reach:,.0f} km; "
        "compare each city's great-circle distance from San Cristobal with the highest figure."
    )
    return ChoiceFacts(
        options=tuple(options),
        correct=frozenset(correct),
        notes=notes,
        why=why,
        sources=_lead_sources(weapon, site),
        multiple=True,
    )


register(
    Question(
        "01.r12-reach",
        1,
        "Which of these cities were within reach of an R-12 launched from San Cristobal, taking "
        "the highest published range in the weapons table? Give every letter that applies.",
        "multiple",
        _reach_facts,
        objective=3,
    )
)


def _speech_moscow_facts() -> TimeFacts:
    row = _event("e62-address-to-nation")
    if not row.get("time_local"):
        raise Unavailable("events_1962.csv gives no time for the address to the nation")
    hour, minute = (int(x) for x in row["time_local"].split(":"))
    day = row["date"]
    source = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(row["tz"]))
    target = source.astimezone(ZoneInfo("Europe/Moscow"))
    gap = (target.utcoffset() - source.utcoffset()).total_seconds() / 3600
    why = (
        f"{source:%H:%M} in Washington on {_long_date(source.date())} was {target:%H:%M} in Moscow "
        f"on {_long_date(target.date())}: Moscow was {gap:g} hours ahead, because Washington was "
        f"on UTC{_offset(source)} ({'daylight-saving' if source.dst() else 'standard'} time) "
        f"and Moscow on UTC{_offset(target)}."
    )
    return TimeFacts(target, source, "Moscow", "Washington", why, _sources(row))


def _offset(moment: datetime) -> str:
    hours = moment.utcoffset().total_seconds() / 3600
    return f"{hours:+g}"


register(
    Question(
        "01.speech-moscow-time",
        1,
        "Kennedy began his address to the nation at 7 p.m. in Washington. What time was it in "
        "Moscow (and on what day)?",
        "time",
        _speech_moscow_facts,
        objective=3,
        form='a time and its day in quotes, like "14:30 on 1 January 1962", or a datetime',
    )
)

# Which message first tied Cuba to Turkey. The right label is stored hashed, so that the answer
# is not given away at a glance; each option's note comes from the event's own description.
_TURKEY_OPTIONS = (
    # (label, how the option is named, the event it stands for); the day comes from the data
    ("A", "Khrushchev's letter of {day}", "e62-khrushchev-letter-26oct"),
    ("B", "Khrushchev's message of {day}", "e62-khrushchev-letter-27oct"),
    ("C", "Kennedy's reply of {day}", "e62-kennedy-reply-27oct"),
    ("D", "Khrushchev's message of {day}", "e62-radio-moscow-acceptance"),
)
_TURKEY_HASHES = frozenset({"c066478c3084f27582da0ade5edaae811214e4a2fe3969cd18d8ac9fb2b2885b"})


def _turkey_facts() -> ChoiceFacts:
    rows = {label: _event(event_id) for label, _, event_id in _TURKEY_OPTIONS}
    names = {
        label: name.format(day=f"{rows[label]['date'].day} {rows[label]['date']:%B}")
        for label, name, _ in _TURKEY_OPTIONS
    }
    notes = {
        label: f"{row['title']} ({_long_date(row['date'])}): {_sentence(row['description'])}"
        for label, row in rows.items()
    }
    return ChoiceFacts(
        options=tuple((label, names[label]) for label, _, _ in _TURKEY_OPTIONS),
        correct=_TURKEY_HASHES,
        notes=notes,
        why="The trade of missiles in Cuba for missiles in Turkey became the crisis's secret "
        "bargain.",
        sources=_lead_sources(*rows.values()),
        hashed=True,
    )


register(
    Question(
        "01.turkey-letter",
        1,
        "Which message first demanded that the United States remove its missiles from Turkey "
        "in exchange for the Soviet missiles in Cuba? Give one letter.",
        "choice",
        _turkey_facts,
        objective=4,
    )
)


register(
    Question(
        "01.rfk-dobrynin",
        1,
        "Who met the Soviet ambassador, Anatoly Dobrynin, on the evening of 27 October to "
        "offer the deal that ended the crisis?",
        "name",
        _person_facts(
            "rfk",
            "e62-rfk-dobrynin",
            {
                "jfk": "The President did not go himself: he sent someone he trusted. Reread "
                "the timeline's entry for the evening of 27 October to see who went.",
                "dobrynin": "Dobrynin is the ambassador himself: who did he meet?",
                "rusk": "Rusk drafted the idea, but he did not go to the meeting.",
                "khrushchev": "Khrushchev was in Moscow; the meeting was in Washington.",
            },
            "{name} met Dobrynin on {date}: a public no-invasion pledge, and a private "
            "promise that the missiles in Turkey would go within months.",
        ),
        objective=4,
    )
)

register(
    Question(
        "01.reflection",
        1,
        "Pick one moment of the crisis when Washington and Moscow knew different things. "
        "What did each side know, and how might the gap have changed what the leaders did?",
        "text",
        lambda: TextFacts(
            model_answer=(
                "On 27 October the Americans did not know that Soviet forces in Cuba had "
                "short-range nuclear weapons, or that the submarine B-59 carried a nuclear "
                "torpedo. The Joint Chiefs pressed for an air strike and invasion on the "
                "assumption that only the missiles they had photographed were there. Had "
                "Kennedy agreed, Soviet commanders might have used weapons he did not know "
                "existed. Moscow, for its part, could not tell whether the U-2 shot down that "
                "day was the start of an attack it had not ordered. The gap made both leaders "
                "look for time and a private channel."
            ),
            rubric=(
                "Names a specific moment (a day or an event) and uses the timeline to say "
                "when each side learned of it.",
                "States what Washington knew and what Moscow knew, without hindsight.",
                "Explains a consequence: a decision that the gap made more likely or riskier.",
                "Cites at least one source id from the course data.",
            ),
            sources="",
        ),
        objective=2,
    )
)
