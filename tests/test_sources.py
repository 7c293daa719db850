"""The bibliography a history teacher can defend: tiers, refused kinds, strong support, notes
written for students, and quotations dated as what they are."""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape

import pandas as pd
import pytest

from crisislab import data, paths, sources
from crisislab.source_policy import REFUSED_HOSTS, REFUSED_PATTERNS, STRONG_TIERS, refusal

TABLES = data.load_all()
SOURCES = TABLES["sources"].set_index("id", drop=False)
TIER = dict(zip(SOURCES["id"], SOURCES["tier"], strict=True))
ROOT = paths.repo_root()


def _ids(value: str) -> list[str]:
    return [i for i in value.split(";") if i]


# --- refused kinds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, kind",
    [
        ("https://wikimili.com/en/Rafael_Grossi", "Wikipedia mirror or copy"),
        ("http://wikipedia.classicistranieri.com/wiki/x", "Wikipedia mirror or copy"),
        ("http://156.54.191.165/enciclopedia/x", "bare IP address"),
        ("https://staging.pbs.org/wgbh/americanexperience/x", "staging or test host"),
        ("https://wilson-center-digital-archive.dvincitest.com/document/1", "staging or test host"),
        ("https://www.studymode.com/essays/x.html", "homework, essay or tutoring service"),
        ("https://qa.answers.com/history/x", "Q&A site"),
        ("https://en.muztext.com/lyrics/x", "lyrics site"),
        ("https://www.devdiscourse.com/article/x", "aggregator or content farm"),
        ("https://jfk50.blogspot.com/2012/10/x.html", "personal blog or hobby site"),
        ("https://www.questia.com/library/x", "dead service"),
        ("https://web.archive.org/web/2016/https://wikimili.com/x", "Wikipedia mirror or copy"),
    ],
)
def test_refused_kinds_are_recognised(url, kind):
    assert refusal(url) == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://history.state.gov/historicaldocuments/frus1961-63v06/d65",
        "https://digitalarchive.wilsoncenter.org/document/111403",
        "https://nsarchive.gwu.edu/briefing-book/russia-programs/2022-10-03/x",
        "https://www.reuters.com/world/x",
        "http://en.kremlin.ru/events/president/news/69390",
        "https://en.wikipedia.org/wiki/DEFCON",
        "https://web.archive.org/web/2019/https://www.jfklibrary.org/x",
        "",
    ],
)
def test_good_addresses_pass(url):
    assert refusal(url) is None


def test_no_source_in_the_bibliography_is_of_a_refused_kind():
    refused = [
        (row["id"], row["url"], refusal(row["url"]))
        for row in TABLES["sources"].to_dict("records")
        if refusal(row["url"])
    ]
    assert not refused, "refused sources in data/sources.csv:\n" + "\n".join(map(str, refused))


def test_data_readme_documents_tiers_and_every_refused_kind():
    readme = (paths.data_dir() / "README.md").read_text(encoding="utf-8")
    for tier in data.TIERS:
        assert f"`{tier}`" in readme, tier
    for kind in list(REFUSED_HOSTS) + list(REFUSED_PATTERNS):
        assert kind.casefold() in readme.casefold(), kind
    for word in ("research_note", "support_note", "said_on", "about_date", "recollection"):
        assert word in readme, word


# --- strong support ---------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["events_1962", "quotes"])
def test_every_row_has_strong_support_or_says_why_not(table):
    weak = [
        row["id"]
        for row in TABLES[table].to_dict("records")
        if not any(TIER[i] in STRONG_TIERS for i in _ids(row["source_ids"]))
        and not row["support_note"]
    ]
    assert not weak, f"{table}: rows with no primary, memoir or scholarly source: {weak}"


@pytest.mark.parametrize("table", ["events_1962", "events_2022", "quotes"])
def test_a_reference_work_is_never_the_only_support(table):
    only = [
        row["id"]
        for row in TABLES[table].to_dict("records")
        if all(TIER[i] == "reference" for i in _ids(row["source_ids"]))
    ]
    assert not only, only


def test_most_citations_students_see_are_primary_memoir_or_scholarly():
    tiers = [
        TIER[i]
        for table in ("events_1962", "quotes")
        for value in TABLES[table]["source_ids"]
        for i in _ids(value)
    ]
    share = sum(t in STRONG_TIERS for t in tiers) / len(tiers)
    assert share >= 0.60, f"{share:.0%} of {len(tiers)} citations are primary, memoir or scholarly"


def test_a_memoir_is_dated_when_it_was_written():
    memoirs = SOURCES[SOURCES["tier"] == "memoir"]
    undated = [i for i, year in zip(memoirs["id"], memoirs["year"], strict=True) if pd.isna(year)]
    assert not undated, undated
    for row in TABLES["quotes"].to_dict("records"):
        if row["kind"] == "recollection":
            assert int(str(row["said_on"])[:4]) > 1962 or row["about_date"] is None, row["id"]


# --- notes for students, provenance for authors -----------------------------------------------


def _student_text_columns(name: str) -> list[str]:
    skip = {"research_note", "url", "source_ids", "id"}
    return [
        column
        for column, spec in data.TABLES[name].columns.items()
        if spec.kind in ("text", "note") and column not in skip
    ]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_no_process_talk_in_what_students_read_from_data(name):
    if name == "sources":
        return  # titles and publishers are the works' own words
    found = []
    for row in TABLES[name].to_dict("records"):
        for column in _student_text_columns(name):
            match = data.PROCESS_TALK.search(str(row[column] or ""))
            if match:
                found.append((row[data.TABLES[name].id_column], column, match.group(0)))
    assert not found, found


def _surfaces():
    files = sorted(ROOT.glob("lessons/*.ipynb")) + sorted(ROOT.glob("exercises/**/*.ipynb"))
    files += sorted((ROOT / "instructors").rglob("*.md")) + sorted(
        (ROOT / "instructors").rglob("*.html")
    )
    files += [ROOT / "README.md"]
    return [f for f in files if ".ipynb_checkpoints" not in f.parts]


@pytest.mark.parametrize("path", _surfaces(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_process_talk_on_any_rendered_surface(path):
    text = path.read_text(encoding="utf-8")
    found = sorted({m.group(0) for m in data.PROCESS_TALK.finditer(text)})
    assert not found, f"{path.name} speaks of how the course was made: {found}"


def _research_notes() -> list[str]:
    notes = []
    for frame in TABLES.values():
        if "research_note" in frame:
            # a distinctive stretch of each long note; short notes could match by chance
            notes += [n[:60] for n in frame["research_note"] if len(n) >= 60]
    return notes


def test_research_notes_never_reach_a_notebook_or_the_instructor_kit():
    notes = _research_notes()
    assert notes, "the data should carry provenance for authors"
    for path in _surfaces():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":  # compare the text as rendered, not its JSON escaping
            cells = json.loads(text)["cells"]
            text = json.dumps(cells, ensure_ascii=False)
            text = text.replace('\\"', '"')
        leaked = [n for n in notes if n in text]
        assert not leaked, f"{path.name} shows research notes: {leaked[:3]}"


def test_timeline_cards_show_the_note_but_never_the_research_note():
    from crisislab.timeline import card_for as card_html

    events = data.events(1962)
    for row in events.to_dict("records"):
        html = card_html(row)
        if row["note"]:
            assert escape(row["note"]) in html, row["id"]
        if len(row["research_note"]) >= 40:
            assert escape(row["research_note"][:40]) not in html, row["id"]


# --- quotations dated as what they are --------------------------------------------------------


@pytest.mark.parametrize(
    "kind, said_on, about, expected",
    [
        ("record", "1962-10-26", date(1962, 10, 26), "26 October 1962"),
        ("record", "1984", None, "1984"),
        (
            "reported_at_time",
            "1962-10-27",
            date(1962, 10, 27),
            "27 October 1962, as reported at the time",
        ),
        (
            "reported_later",
            "1962-10-24",
            date(1962, 10, 24),
            "24 October 1962, as reported later by others",
        ),
        ("recollection", "1970", date(1962, 10, 27), "memoirs (1970), recalling 27 October 1962"),
        ("recollection", "1969", None, "memoirs (1969)"),
    ],
)
def test_quote_when_says_how_the_words_reached_us(kind, said_on, about, expected):
    row = {"kind": kind, "said_on": said_on, "about_date": about, "source_ids": ""}
    assert sources.quote_when(row) == expected


def test_no_recollection_renders_with_the_date_it_describes_as_its_own():
    from crisislab.perspectives import QuoteBlock

    quotes = TABLES["quotes"]
    later = quotes[quotes["kind"].isin(["recollection", "reported_later"])]
    assert len(later) >= 3, "the memoirs and later reports the lessons discuss"
    for row in later.to_dict("records"):
        shown = QuoteBlock(row["id"])._byline()
        assert re.search(r"memoirs|interview|reported later", shown), shown
        if isinstance(row["about_date"], date) and row["kind"] == "recollection":
            assert shown.split(", ")[1] != sources.long_date(row["about_date"]), shown


def test_said_on_is_never_before_the_day_the_words_are_about():
    for row in TABLES["quotes"].to_dict("records"):
        if not isinstance(row["about_date"], date):
            continue
        said = str(row["said_on"])
        if len(said) == 4:
            assert int(said) >= row["about_date"].year, row["id"]
        else:
            assert date.fromisoformat(said) >= row["about_date"], row["id"]


# --- channels ---------------------------------------------------------------------------------


def test_at_least_eight_channels_carry_a_documented_delay_range():
    channels = TABLES["channels"]
    dated = channels.dropna(subset=["delay_hours_low", "delay_hours_high"])
    assert len(dated) >= 8
    assert {1962, 2022} <= set(dated["year"])
    for row in channels.to_dict("records"):
        if row["delay_hours_low"] != row["delay_hours_low"]:  # NaN: no documented figure
            assert "no documented" in row["note"].casefold(), row["id"]
