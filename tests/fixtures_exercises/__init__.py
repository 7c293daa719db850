"""The fixture dataset plus the rows the exercise questions read (the lead's guaranteed ids).

The dates, times and places follow the real tables, so the answers the tests use are the real
ones; the rows are otherwise minimal. ``write_course_dataset(folder)`` writes every table.
"""

from __future__ import annotations

from pathlib import Path

from tests import datafixtures

_E = datafixtures._EVENT


def _event(event_id: str, day: str, title: str, **extra: str) -> dict:
    row = {
        **_E,
        "id": event_id,
        "date": day,
        "title": title,
        "description": f"{title}.",
        "washington_learned": day,
        "moscow_learned": day,
    }
    row.update(extra)
    return row


EVENTS = [
    _event(
        "e62-u2-photographs",
        "1962-10-14",
        "U-2 photographs the San Cristobal sites",
        tz="America/Havana",
        category="intelligence",
        moscow_learned="1962-10-22",
    ),
    _event(
        "e62-bundy-briefs-president",
        "1962-10-16",
        "Bundy shows Kennedy the photographs",
        time_local="08:45",
        time_precision="minute",
        moscow_learned="1962-10-22",
    ),
    _event("e62-excomm-first-meeting", "1962-10-16", "First ExComm meeting", moscow_learned="1962"),
    _event(
        "e62-address-to-nation",
        "1962-10-22",
        "Kennedy's address to the nation",
        time_local="19:00",
        time_precision="minute",
        category="public",
        moscow_learned="1962-10-23",
    ),
    _event("e62-defcon3", "1962-10-22", "US forces go to DEFCON 3", alert_level="DEFCON 3"),
    _event(
        "e62-quarantine-begins",
        "1962-10-24",
        "The quarantine begins",
        time_local="10:00",
        time_precision="minute",
    ),
    _event("e62-sac-defcon2", "1962-10-24", "SAC goes to DEFCON 2", alert_level="DEFCON 2"),
    _event("e62-bucharest", "1962-10-25", "The Bucharest is let through"),
    _event(
        "e62-khrushchev-letter-26oct",
        "1962-10-26",
        "Khrushchev's long private letter",
        tz="Europe/Moscow",
        actors="Soviet Union",
        category="diplomatic",
        description="Offers to remove the missiles for a pledge not to invade Cuba.",
    ),
    _event(
        "e62-khrushchev-letter-27oct",
        "1962-10-27",
        "Khrushchev's public letter",
        tz="Europe/Moscow",
        time_local="17:00",
        time_precision="hour",
        actors="Soviet Union",
        category="diplomatic",
        description="Adds a demand: the US missiles in Turkey must go.",
    ),
    _event(
        "e62-u2-shot-down",
        "1962-10-27",
        "A U-2 is shot down over Cuba",
        tz="America/Havana",
        actors="Soviet Union;Cuba",
    ),
    _event("e62-maultsby-u2", "1962-10-27", "A U-2 strays over the Soviet Union"),
    _event(
        "e62-b59",
        "1962-10-27",
        "Submarine B-59 readies a nuclear torpedo",
        actors="Soviet Union",
        place="Sargasso Sea",
        washington_learned="2002",
    ),
    _event(
        "e62-tactical-nuclear-forces-cuba",
        "1962-10-26",
        "Nuclear-armed cruise missiles move toward Guantanamo",
        tz="America/Havana",
        actors="Soviet Union",
        washington_learned="1992",
    ),
    _event(
        "e62-rfk-dobrynin",
        "1962-10-27",
        "Robert Kennedy meets Dobrynin",
        time_local="19:45",
        time_precision="minute",
        category="diplomatic",
    ),
    _event("e62-kennedy-reply-27oct", "1962-10-27", "Kennedy replies to the first letter"),
    _event(
        "e62-radio-moscow-acceptance",
        "1962-10-28",
        "Radio Moscow: the missiles will be removed",
        tz="Europe/Moscow",
        time_local="17:00",
        time_precision="hour",
        actors="Soviet Union",
        category="public",
    ),
]

_PERSON = {
    "actor": "United States",
    "years": "1962",
    "born": "",
    "died": "",
    "source_ids": "dobbs-2008",
    "note": "",
}
PEOPLE = [
    {
        **_PERSON,
        "id": "rfk",
        "name": "Robert F. Kennedy",
        "aliases": "Bobby Kennedy;RFK;R. Kennedy;Robert Kennedy",
        "role": "Attorney General",
    },
    {
        **_PERSON,
        "id": "dobrynin",
        "name": "Anatoly F. Dobrynin",
        "aliases": "Dobrynin",
        "actor": "Soviet Union",
        "role": "Soviet Ambassador to the United States",
    },
    {**_PERSON, "id": "rusk", "name": "Dean Rusk", "aliases": "Rusk", "role": "Secretary of State"},
    {
        **_PERSON,
        "id": "castro",
        "name": "Fidel Castro",
        "aliases": "Castro",
        "actor": "Cuba",
        "role": "Prime Minister of Cuba",
    },
]

_PLACE = {
    "kind": "city",
    "actor": "United States",
    "years": "1962",
    "source_ids": "dobbs-2008",
    "note": "",
}
PLACES = [
    {**_PLACE, "id": "miami", "name": "Miami", "lat": "25.7743", "lon": "-80.1937"},
    {**_PLACE, "id": "new-york", "name": "New York City", "lat": "40.7143", "lon": "-74.0060"},
    {
        **_PLACE,
        "id": "moscow",
        "name": "Moscow",
        "kind": "capital",
        "actor": "Soviet Union",
        "lat": "55.7520",
        "lon": "37.6178",
    },
]


def write_course_dataset(folder: Path) -> Path:
    """Write the fixture dataset with the exercise rows added, and return the folder."""
    folder = datafixtures.write_dataset(folder)
    rows = datafixtures.ROWS
    datafixtures.write_table(folder, "events_1962", [*rows["events_1962"], *EVENTS])
    datafixtures.write_table(folder, "people", [*rows["people"], *PEOPLE])
    datafixtures.write_table(folder, "places", [*rows["places"], *PLACES])
    return folder


def use_course_data(folder: Path, monkeypatch) -> Path:
    """Write the exercise dataset into ``folder`` and point the course (and kernels) at it."""
    from crisislab import checks

    write_course_dataset(folder)
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    checks.clear_attempts()
    return folder
