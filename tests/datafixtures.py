"""A small, valid copy of every course table, for tests that must not depend on the real data.

``write_dataset(folder)`` writes it; tests then break one cell at a time and check that the
loader names the file, row and column. Widget tests use it to know exactly what is shown.
"""

from __future__ import annotations

import csv
from pathlib import Path

from crisislab.data import TABLES

SOURCES = [
    {
        "id": "frus61-63v11d19",
        "author": "Office of the Historian",
        "title": "FRUS 1961-63 vol. XI, doc. 19: Off-the-Record Meeting on Cuba, 16 October 1962",
        "publisher": "US Department of State",
        "year": "1996",
        "url": "https://history.state.gov/historicaldocuments/frus1961-63v11/d19",
        "tier": "primary",
    },
    {
        "id": "dobbs-2008",
        "author": "Michael Dobbs",
        "title": "One Minute to Midnight",
        "publisher": "Knopf",
        "year": "2008",
        "url": "",
        "tier": "scholarly",
    },
]

_EVENT = {
    "id": "",
    "date": "",
    "time_local": "",
    "tz": "America/New_York",
    "time_precision": "day",
    "actors": "United States",
    "place": "Washington",
    "title": "",
    "description": "",
    "category": "military",
    "alert_level": "",
    "washington_learned": "",
    "moscow_learned": "",
    "importance": "2",
    "source_ids": "frus61-63v11d19",
    "note": "",
}

EVENTS_1962 = [
    {
        **_EVENT,
        "id": "e62-briefing",
        "date": "1962-10-16",
        "time_local": "08:45",
        "time_precision": "minute",
        "place": "White House",
        "title": "Bundy briefs the President",
        "description": "The President sees the U-2 photographs.",
        "category": "intelligence",
        "washington_learned": "1962-10-16",
        "moscow_learned": "1962-10-22",
        "importance": "1",
    },
    {
        **_EVENT,
        "id": "e62-address",
        "date": "1962-10-22",
        "time_local": "19:00",
        "time_precision": "minute",
        "title": "Address to the nation",
        "category": "public",
        "description": "Kennedy announces a quarantine.",
        "alert_level": "DEFCON 3",
        "washington_learned": "1962-10-22",
        "moscow_learned": "1962-10-23",
        "importance": "1",
    },
    {
        **_EVENT,
        "id": "e62-warheads",
        "date": "1962-10-04",
        "tz": "America/Havana",
        "actors": "Soviet Union;Cuba",
        "place": "Mariel",
        "title": "Warheads arrive",
        "description": "A ship brings nuclear warheads.",
        "washington_learned": "1992",
        "moscow_learned": "1962-10-04",
        "source_ids": "dobbs-2008",
    },
    {
        **_EVENT,
        "id": "e62-broadcast",
        "date": "1962-10-28",
        "time_local": "17:00",
        "tz": "Europe/Moscow",
        "time_precision": "hour",
        "actors": "Soviet Union",
        "place": "Moscow",
        "title": "Radio Moscow broadcast",
        "category": "public",
        "description": "Khrushchev's acceptance is read on the radio.",
        "washington_learned": "1962-10-28",
        "moscow_learned": "1962-10-28",
        "importance": "1",
    },
]

EVENTS_2022 = [
    {
        **_EVENT,
        "id": "e22-invasion",
        "date": "2022-02-24",
        "time_local": "05:00",
        "tz": "Europe/Kyiv",
        "time_precision": "approximate",
        "actors": "Russia;Ukraine",
        "place": "Ukraine",
        "title": "Full-scale invasion",
        "description": "Russia invades.",
        "source_ids": "dobbs-2008",
    },
]

PEOPLE = [
    {
        "id": "jfk",
        "name": "John F. Kennedy",
        "aliases": "Kennedy;JFK",
        "actor": "United States",
        "role": "President",
        "years": "1962",
        "born": "1917",
        "died": "1963",
        "source_ids": "dobbs-2008",
        "note": "",
    },
    {
        "id": "khrushchev",
        "name": "Nikita Khrushchev",
        "aliases": "Khrushchev",
        "actor": "Soviet Union",
        "role": "First Secretary",
        "years": "1962",
        "born": "1894",
        "died": "1971",
        "source_ids": "dobbs-2008",
        "note": "",
    },
]

PLACES = [
    {
        "id": "san-cristobal",
        "name": "San Cristobal MRBM sites",
        "kind": "missile_site",
        "actor": "Soviet Union",
        "lat": "22.71",
        "lon": "-83.05",
        "years": "1962",
        "source_ids": "dobbs-2008",
        "note": "",
    },
    {
        "id": "washington",
        "name": "Washington",
        "kind": "capital",
        "actor": "United States",
        "lat": "38.9072",
        "lon": "-77.0369",
        "years": "1962;2022",
        "source_ids": "dobbs-2008",
        "note": "",
    },
]

WEAPONS = [
    {
        "id": "r-12",
        "name": "R-12",
        "nato_name": "SS-4 Sandal",
        "actor": "Soviet Union",
        "kind": "MRBM",
        "range_km_low": "1800",
        "range_km_high": "2100",
        "deployed_at": "san-cristobal",
        "year": "1962",
        "planned_count": "36",
        "arrived_count_low": "36",
        "arrived_count_high": "36",
        "arrived": "yes",
        "source_ids": "dobbs-2008",
        "note": "",
    },
]

FORCES = [
    {
        "id": "us-1962-stockpile",
        "actor": "United States",
        "year": "1962",
        "metric": "total_stockpile",
        "low": "25540",
        "high": "27100",
        "counting_rule": "All warheads in the stockpile.",
        "source_ids": "dobbs-2008",
        "note": "",
    },
]

CHANNELS = [
    {
        "id": "ch62-cable",
        "year": "1962",
        "name": "Embassy cables",
        "from_actor": "Soviet Union",
        "to_actor": "United States",
        "kind": "cable",
        "description": "Letters sent by cable.",
        "delay_hours_low": "6",
        "delay_hours_high": "12",
        "source_ids": "dobbs-2008",
        "note": "",
    },
]

QUOTES = [
    {
        "id": "q-knot",
        "speaker_id": "khrushchev",
        "said_on": "1962-10-26",
        "about_date": "1962-10-26",
        "kind": "record",
        "text": "let us take measures to untie that knot.",
        "context": "Letter to Kennedy.",
        "event_id": "",
        "tags": "peace",
        "source_ids": "dobbs-2008",
        "note": "",
    },
]

GLOSSARY = [
    {
        "term": "ExComm",
        "definition": "The President's crisis advisers.",
        "see_also": "",
        "source_ids": "dobbs-2008",
    },
]

ROWS = {
    "sources": SOURCES,
    "events_1962": EVENTS_1962,
    "events_2022": EVENTS_2022,
    "people": PEOPLE,
    "places": PLACES,
    "weapons": WEAPONS,
    "forces": FORCES,
    "channels": CHANNELS,
    "quotes": QUOTES,
    "glossary": GLOSSARY,
}


def write_table(folder: Path, name: str, rows: list[dict]) -> Path:
    """Write one table with its full header."""
    path = Path(folder) / TABLES[name].file
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(TABLES[name].columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_dataset(folder: Path) -> Path:
    """Write every table into ``folder`` and return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in ROWS.items():
        write_table(folder, name, [dict(r) for r in rows])
    return folder
