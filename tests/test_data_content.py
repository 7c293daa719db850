"""The real course data: complete enough to teach from, internally consistent, and sourced."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crisislab import data, notebooks, paths

TABLES = data.load_all()

KEY_EVENTS_1962 = {
    "e62-u2-photographs": date(1962, 10, 14),
    "e62-bundy-briefs-president": date(1962, 10, 16),
    "e62-excomm-first-meeting": date(1962, 10, 16),
    "e62-defcon3": date(1962, 10, 22),
    "e62-address-to-nation": date(1962, 10, 22),
    "e62-quarantine-begins": date(1962, 10, 24),
    "e62-sac-defcon2": date(1962, 10, 24),
    "e62-bucharest": date(1962, 10, 25),
    "e62-khrushchev-letter-26oct": date(1962, 10, 26),
    "e62-khrushchev-letter-27oct": date(1962, 10, 27),
    "e62-u2-shot-down": date(1962, 10, 27),
    "e62-maultsby-u2": date(1962, 10, 27),
    "e62-b59": date(1962, 10, 27),
    "e62-rfk-dobrynin": date(1962, 10, 27),
    "e62-kennedy-reply-27oct": date(1962, 10, 27),
    "e62-radio-moscow-acceptance": date(1962, 10, 28),
}


@pytest.mark.parametrize(
    "table, minimum",
    [
        ("events_1962", 60),
        ("events_2022", 35),
        ("people", 25),
        ("quotes", 30),
        ("glossary", 40),
        ("places", 20),
        ("weapons", 5),
        ("forces", 8),
        ("channels", 10),
    ],
)
def test_table_has_enough_rows(table, minimum):
    assert len(TABLES[table]) >= minimum


def test_every_row_of_every_table_has_a_resolving_source():
    known = set(TABLES["sources"]["id"])
    for name, frame in TABLES.items():
        if "source_ids" not in frame:
            continue
        for value in frame["source_ids"]:
            ids = value.split(";")
            assert ids and all(i in known for i in ids), (name, value)


def _cited_in_course() -> set[str]:
    """Every source id the course cites: in data tables, data JSON, code and notebooks."""
    known = set(TABLES["sources"]["id"])
    cited = set()
    for frame in TABLES.values():
        if "source_ids" in frame:
            for value in frame["source_ids"]:
                cited.update(value.split(";"))
    root = paths.repo_root()
    texts = [p.read_text(encoding="utf-8") for p in (root / "data").glob("*.json")]
    texts += [p.read_text(encoding="utf-8") for p in (root / "crisislab").glob("*.py")]
    texts += [p.read_text(encoding="utf-8") for p in notebooks.course_notebooks(root)]
    blob = "\n".join(texts)
    cited.update(i for i in known if i in blob)
    return cited


def test_every_source_is_cited_somewhere():
    unused = set(TABLES["sources"]["id"]) - _cited_in_course()
    assert not unused, sorted(unused)[:10]


def test_no_notebook_cites_a_source_missing_from_the_bibliography():
    for path in notebooks.course_notebooks():
        assert "(not in the bibliography)" not in path.read_text(encoding="utf-8"), path.name


def test_key_events_exist_on_their_days():
    events = TABLES["events_1962"].set_index("id")
    for event_id, day in KEY_EVENTS_1962.items():
        assert events.loc[event_id, "date"] == day, event_id


def test_each_of_the_thirteen_days_has_events():
    days = set(TABLES["events_1962"]["date"])
    for offset in range(13):
        assert date(1962, 10, 16) + timedelta(days=offset) in days


def test_1962_covers_run_up_and_aftermath():
    dates = TABLES["events_1962"]["date"]
    assert min(dates) <= date(1959, 1, 31)  # Castro's revolution
    assert max(dates) >= date(1963, 8, 5)  # Limited Test Ban Treaty


def test_alert_levels_are_recorded_for_the_us_forces():
    alerts = TABLES["events_1962"].set_index("id")["alert_level"]
    assert alerts["e62-defcon3"] == "DEFCON 3"
    assert alerts["e62-sac-defcon2"] == "DEFCON 2"


def test_address_to_the_nation_is_two_in_the_morning_in_moscow():
    row = TABLES["events_1962"].set_index("id").loc["e62-address-to-nation"]
    assert (row["time_local"], row["tz"]) == ("19:00", "America/New_York")
    local = datetime.combine(
        row["date"], datetime.strptime("19:00", "%H:%M").time(), tzinfo=ZoneInfo(row["tz"])
    )
    moscow = local.astimezone(ZoneInfo("Europe/Moscow"))
    assert (moscow.day, moscow.hour) == (23, 2)


def test_tactical_warheads_were_unknown_to_washington_for_decades():
    events = TABLES["events_1962"]
    hidden = [data.parse_learned(v) for v in events["washington_learned"]]
    later = [d for d in hidden if d is not None and d.year >= 1989]
    assert len(later) >= 3  # tactical warheads, B-59, the secret Jupiter assurance


def test_quotes_have_known_speakers_and_sources():
    people = set(TABLES["people"]["id"])
    assert set(TABLES["quotes"]["speaker_id"]) <= people
    speakers = set(TABLES["quotes"]["speaker_id"])
    for who in ("jfk", "khrushchev", "castro", "putin", "zelensky", "biden"):
        assert who in speakers, who


def test_quotes_are_not_wrapped_in_their_own_quotation_marks():
    for text in TABLES["quotes"]["text"]:
        assert not (text.startswith('"') and text.endswith('"')), text[:40]


def test_every_side_has_people():
    actors = set(TABLES["people"]["actor"])
    for side in ("United States", "Soviet Union", "Cuba", "Russia", "Ukraine"):
        assert side in actors


def test_ranges_are_ranges():
    weapons = TABLES["weapons"].set_index("id")
    for weapon in ("r-12", "r-14", "jupiter"):
        low, high = weapons.loc[weapon, ["range_km_low", "range_km_high"]]
        assert 500 < low <= high < 6000, weapon


def test_primary_sources_say_where_they_were_read():
    sources = TABLES["sources"]
    primary = sources[sources["tier"] == "primary"]
    missing = primary[primary["url"] == ""]
    assert len(missing) <= len(primary) // 5, list(missing["id"])[:10]


def test_data_readme_documents_every_table_and_column():
    readme = (paths.repo_root() / "data" / "README.md").read_text(encoding="utf-8")
    for name, table in data.TABLES.items():
        assert f"`{table.file}`" in readme or f"`{name}.csv`" in readme, name
        for column in table.columns:
            assert f"`{column}`" in readme, f"{name}.{column} is not documented"
