"""The loader accepts good data and refuses bad data, naming file, row and column."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from crisislab import data
from crisislab.data import DataError
from tests.datafixtures import ROWS, write_dataset, write_table


@pytest.fixture
def folder(tmp_path):
    return write_dataset(tmp_path / "data")


def _break(folder, table, row_index, column, value):
    rows = [dict(r) for r in ROWS[table]]
    rows[row_index][column] = value
    write_table(folder, table, rows)


def test_good_data_loads_with_types(folder):
    tables = data.load_all(folder)
    events = tables["events_1962"]
    assert list(events["id"])[:2] == ["e62-briefing", "e62-address"]
    assert events.loc[0, "date"] == date(1962, 10, 16)
    assert tables["weapons"]["range_km_low"].dtype == "float64"
    assert tables["people"]["born"].dtype == "Int64"
    assert events.loc[0, "note"] == ""  # empty text is "", never NaN


def test_events_come_in_true_time_order_across_zones(folder):
    ordered = list(data.events(1962, folder)["id"])
    assert ordered == ["e62-warheads", "e62-briefing", "e62-address", "e62-broadcast"]


def test_parse_learned():
    assert data.parse_learned("1962-10-22") == date(1962, 10, 22)
    assert data.parse_learned("1992") == date(1992, 1, 1)
    assert data.parse_learned("never") is None
    assert data.parse_learned("") is None


@pytest.mark.parametrize(
    "table, row, column, value, expected",
    [
        ("events_1962", 1, "date", "1962/10/22", "expected an ISO date"),
        ("events_1962", 1, "date", "22 October 1962", "expected an ISO date"),
        ("events_1962", 1, "date", "1962-02-30", "expected an ISO date"),
        ("events_1962", 0, "tz", "Europe/Atlantis", "IANA time zone"),
        ("events_1962", 0, "tz", "Eastern", "IANA time zone"),
        ("events_1962", 0, "time_local", "8:45am", "HH:MM"),
        ("events_1962", 0, "time_local", "25:00", "HH:MM"),
        ("events_1962", 0, "source_ids", "nowhere-1999", "source ids that exist"),
        ("events_1962", 0, "source_ids", "", "this column is required"),
        ("events_1962", 0, "actors", "United States;Martians", "';'-separated values"),
        ("events_1962", 0, "category", "drama", "one of military"),
        ("events_1962", 0, "title", "<script>alert(1)</script>", "without HTML"),
        ("events_1962", 0, "description", '<img src=x onerror="alert(1)">', "without HTML"),
        ("events_1962", 0, "washington_learned", "soon", "a year YYYY, or 'never'"),
        ("events_1962", 0, "washington_learned", "", "the knowledge views need it"),
        ("events_1962", 0, "washington_learned", "1962-01-01", "no earlier than a month"),
        ("events_1962", 0, "time_local", "", "since time_precision is 'minute'"),
        ("events_1962", 0, "importance", "7", "one of 1, 2, 3"),
        ("events_1962", 0, "date", "1975-10-16", "a date between 1952 and 1964"),
        ("events_2022", 0, "id", "E22 Invasion!", "an id of lowercase"),
        ("weapons", 0, "range_km_low", "3000", "range_km_low <= range_km_high"),
        ("weapons", 0, "range_km_low", "about 2000", "a number"),
        ("forces", 0, "low", "30000", "low <= high"),
        ("people", 0, "born", "nineteen", "a year YYYY"),
        ("places", 0, "lat", "", "this column is required"),
        ("sources", 0, "tier", "secondary", "one of primary, memoir, scholarly, press, reference"),
        ("sources", 0, "tier", "", "this column is required"),
        ("sources", 0, "url", "history.state.gov/x", "https://"),
        ("quotes", 0, "about_date", "1962-13-01", "an ISO date"),
        ("quotes", 0, "said_on", "", "this column is required"),
        ("quotes", 0, "said_on", "later", "or a year YYYY when only"),
        ("quotes", 0, "said_on", "never", "or a year YYYY when only"),
        ("quotes", 0, "kind", "memoir", "one of record, reported_at_time"),
        (
            "events_1962",
            0,
            "note",
            "Read in this session at the archive.",
            "how the course was made",
        ),
        ("events_1962", 0, "note", "The task brief cited d19.", "how the course was made"),
        ("quotes", 0, "note", "Kept as the seed article's words.", "how the course was made"),
        ("people", 0, "note", "One. Two. Three.", "at most 2 sentences"),
        ("events_1962", 0, "support_note", "Not cited) anywhere.", "how the course was made"),
    ],
)
def test_malformed_cell_is_refused_with_file_row_column(
    folder, table, row, column, value, expected
):
    _break(folder, table, row, column, value)
    with pytest.raises(DataError) as info:
        data.load(table, folder)
    message = str(info.value)
    assert message.startswith(f"{table}.csv, row {row + 1}")
    assert f"column {column!r}" in message
    assert expected in message
    assert info.value.file == f"{table}.csv" and info.value.row == row + 1
    assert info.value.column == column


def test_notes_count_sentences_not_abbreviations():
    assert data.sentences("The U.S. Navy stopped it at 10:25 a.m. on 24 Oct. 1962.") == 1
    assert data.sentences("Dobbs (p. 12) gives 10:22. Others give noon.") == 2
    assert data.sentences("One. Two. Three.") == 3


def test_research_notes_may_hold_provenance(folder):
    _break(folder, "events_1962", 0, "research_note", "Read in this session; the brief's 25,540.")
    assert not data.load("events_1962", folder).empty


def test_duplicate_id_is_refused(folder):
    rows = [dict(r) for r in ROWS["events_1962"]]
    rows[2]["id"] = rows[0]["id"]
    write_table(folder, "events_1962", rows)
    with pytest.raises(
        DataError,
        match=r"row 3 \(id 'e62-briefing'\), column 'id': "
        r"expected a unique id \(row 1 has it already\)",
    ):
        data.load("events_1962", folder)


def test_duplicate_glossary_term_in_other_case_is_refused(folder):
    rows = [dict(ROWS["glossary"][0]), {**ROWS["glossary"][0], "term": "EXCOMM"}]
    write_table(folder, "glossary", rows)
    with pytest.raises(DataError, match="glossary.csv, row 2 .*unique id"):
        data.load("glossary", folder)


def test_missing_column_is_refused(folder):
    path = folder / "events_1962.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", newline="", encoding="utf-8") as handle:
        fields = [f for f in rows[0] if f != "tz"]
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError, match=r"events_1962.csv, column 'tz': expected a header"):
        data.load("events_1962", folder)


def test_extra_cells_in_a_row_are_refused(folder):
    path = folder / "glossary.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "Extra,cells,here,dobbs-2008,oops\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"glossary.csv, row 2: expected 4 cells"):
        data.load("glossary", folder)


def test_missing_file_is_named(folder):
    (folder / "quotes.csv").unlink()
    with pytest.raises(DataError, match=r"quotes.csv: expected the file to exist"):
        data.load("quotes", folder)


def test_not_utf8_is_named(folder):
    (folder / "glossary.csv").write_bytes(b"term,definition,see_also,source_ids\nCaf\xe9,x,,y\n")
    with pytest.raises(DataError, match=r"glossary.csv: expected UTF-8 text"):
        data.load("glossary", folder)


def test_unknown_table_is_named(folder):
    with pytest.raises(DataError, match=r"dragons.csv: expected one of the course's tables"):
        data.load("dragons", folder)


def test_dangling_cross_reference_is_refused(folder):
    _break(folder, "quotes", 0, "speaker_id", "nobody")
    with pytest.raises(
        DataError,
        match=r"quotes.csv, row 1 .*column 'speaker_id': "
        r"expected an id that exists in people",
    ):
        data.load_all(folder)
    write_dataset(folder)
    _break(folder, "weapons", 0, "deployed_at", "san-cristobal;atlantis")
    with pytest.raises(DataError, match=r"exists in places, found 'atlantis'"):
        data.load_all(folder)


def test_nothing_partial_is_returned_and_cache_follows_the_file(folder):
    assert len(data.load("events_1962", folder)) == 4
    _break(folder, "events_1962", 3, "tz", "Mars/Olympus")
    with pytest.raises(DataError):
        data.load("events_1962", folder)
    write_dataset(folder)
    assert len(data.load("events_1962", folder)) == 4


def test_loaded_frames_are_copies(folder):
    first = data.load("people", folder)
    first.loc[0, "name"] = "changed"
    assert data.load("people", folder).loc[0, "name"] == "John F. Kennedy"


def test_events_year_must_be_a_crisis_year(folder):
    with pytest.raises(ValueError, match="1962 and 2022"):
        data.events(1963, folder)
