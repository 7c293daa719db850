"""Lesson 4's comparison module: the common axis, the explorer, the charts, the argument map.

Widget and chart tests run on a small fixture dataset (``write_lesson4_data``) so that they know
exactly what is shown; the last tests check the real pairs and claims tables.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from crisislab import compare, data
from crisislab.paths import repo_root
from tests import datafixtures

_E = datafixtures._EVENT


def _e62(event_id: str, day: str, title: str, **extra: str) -> dict:
    row = {**_E, "id": event_id, "date": day, "title": title, "description": f"About {title}."}
    row.update({"washington_learned": day, "moscow_learned": day})
    row.update(extra)
    return row


def _e22(event_id: str, day: str, title: str, **extra: str) -> dict:
    row = {**_E, "id": event_id, "date": day, "title": title, "description": f"About {title}."}
    row.update({"tz": "Europe/Moscow", "actors": "Russia", "washington_learned": day})
    row.update({"moscow_learned": day})
    row.update(extra)
    return row


EVENTS_1962 = [
    _e62("e62-bundy-briefs-president", "1962-10-16", "Bundy briefs Kennedy"),
    _e62("e62-address-to-nation", "1962-10-22", "Address to the nation"),
    _e62("e62-u2-shot-down", "1962-10-27", "A U-2 is shot down", tz="America/Havana"),
    _e62("e62-rfk-dobrynin", "1962-10-27", "Robert Kennedy meets Dobrynin"),
]
EVENTS_2022 = [
    _e22("e22-deterrence-alert-order", "2022-02-27", "Alert order"),
    _e22(
        "e22-mobilisation-address",
        "2022-09-21",
        "Not a bluff",
        time_local="09:00",
        time_precision="minute",
    ),
    _e22("e22-annexation-ceremony", "2022-09-30", "Annexation treaties signed"),
    _e22(
        "e22-biden-armageddon",
        "2022-10-06",
        "Armageddon remark",
        time_local="19:32",
        time_precision="hour",
        tz="America/New_York",
        actors="United States;Russia",
    ),
    _e22(
        "e22-burns-naryshkin",
        "2022-11-14",
        "Burns meets Naryshkin",
        tz="Europe/Istanbul",
        actors="United States;Russia;Turkey",
    ),
    _e22(
        "e22-przewodow-missile",
        "2022-11-15",
        "Missile falls in Poland",
        tz="Europe/Warsaw",
        time_local="15:40",
        time_precision="minute",
        actors="Poland;Ukraine;Russia",
    ),
]
PEOPLE = [
    *datafixtures.PEOPLE,
    {**datafixtures.PEOPLE[0], "id": "lemay", "name": "Curtis LeMay", "aliases": "LeMay"},
    {
        **datafixtures.PEOPLE[0],
        "id": "biden",
        "name": "Joe Biden",
        "aliases": "Biden",
        "years": "2022",
        "born": "1942",
        "died": "",
    },
    {  # the leader of the capstone's example brief (a brief must name its leader)
        **datafixtures.PEOPLE[0],
        "id": "putin",
        "name": "Vladimir V. Putin",
        "aliases": "Putin;Vladimir Putin",
        "years": "2022",
        "born": "1952",
        "died": "",
    },
]
QUOTES = [
    {
        **datafixtures.QUOTES[0],
        "id": "q-lemay-bad-fix",
        "speaker_id": "lemay",
        "said_on": "1962-10-19",
        "about_date": "1962-10-19",
        "text": "a pretty weak response",
        "event_id": "",
    },
    {
        **datafixtures.QUOTES[0],
        "id": "q-biden-armageddon",
        "speaker_id": "biden",
        "said_on": "2022-10-06",
        "about_date": "2022-10-06",
        "text": "the prospect of Armageddon",
        "event_id": "e22-biden-armageddon",
    },
    {
        **datafixtures.QUOTES[0],
        "id": "q-rfk-line",
        "speaker_id": "jfk",
        "said_on": "1962-10-27",
        "about_date": "1962-10-27",
        "text": "We need an answer soon & clearly.",
        "event_id": "e62-rfk-dobrynin",
        "source_ids": "frus61-63v11d19",
    },
]
PAIRS = [
    {
        "id": "p-threat",
        "kind": "public_threat",
        "event_1962": "e62-address-to-nation",
        "event_2022": "e22-mobilisation-address",
        "alike": "Both on television [dobbs-2008].",
        "unlike": "Different wars [frus61-63v11d19].",
        "source_ids": "dobbs-2008;frus61-63v11d19",
    },
    {
        "id": "p-incident",
        "kind": "ambiguous_incident",
        "event_1962": "e62-u2-shot-down",
        "event_2022": "e22-przewodow-missile",
        "alike": "Unclear who fired [dobbs-2008].",
        "unlike": "Different shooters [dobbs-2008].",
        "source_ids": "dobbs-2008",
    },
    {
        "id": "p-envoys",
        "kind": "backchannel",
        "event_1962": "e62-rfk-dobrynin",
        "event_2022": "e22-burns-naryshkin",
        "alike": "Private envoys [dobbs-2008].",
        "unlike": "A bargain, then none [dobbs-2008].",
        "source_ids": "dobbs-2008",
    },
    {
        "id": "p-envoys-2",
        "kind": "backchannel",
        "event_1962": "e62-rfk-dobrynin",
        "event_2022": "e22-biden-armageddon",
        "alike": "A second pair [dobbs-2008].",
        "unlike": "Not alike [dobbs-2008].",
        "source_ids": "dobbs-2008",
    },
]
_CLAIM = {
    "evidence_given": "Some [dobbs-2008].",
    "supports": "A [dobbs-2008].",
    "cuts_against": "B [frus61-63v11d19].",
    "left_out": "C.",
    "source_ids": "dobbs-2008;frus61-63v11d19",
}
CLAIMS = [
    {**_CLAIM, "id": "claim-empathy-principal", "claim": "Empathy mattered most [dobbs-2008]."},
    {**_CLAIM, "id": "claim-kennedy-pulled-back", "claim": "Kennedy pulled back [dobbs-2008]."},
    {**_CLAIM, "id": "claim-secrecy-empathy", "claim": "Secrecy was empathy [dobbs-2008]."},
    {**_CLAIM, "id": "claim-rivals-1962", "claim": "2022 rivals 1962 [dobbs-2008]."},
    {**_CLAIM, "id": "claim-khrushchev-understood", "claim": "Khrushchev understood."},
]
_FORCE = {"counting_rule": "Counted one way.", "source_ids": "dobbs-2008"}
FORCES = [
    {
        **_FORCE,
        "id": "f-us-62",
        "actor": "United States",
        "year": "1962",
        "metric": "deployed_strategic_warheads",
        "low": "1000",
        "high": "1000",
    },
    {
        **_FORCE,
        "id": "f-su-62",
        "actor": "Soviet Union",
        "year": "1962",
        "metric": "deployed_strategic_warheads",
        "low": "100",
        "high": "300",
    },
    {
        **_FORCE,
        "id": "f-ru-22",
        "actor": "Russia",
        "year": "2022",
        "metric": "total_stockpile",
        "low": "1200",
        "high": "1400",
    },
    {
        **_FORCE,
        "id": "f-us-22",
        "actor": "United States",
        "year": "2022",
        "metric": "total_stockpile",
        "low": "1000",
        "high": "1300",
    },
    {
        **_FORCE,
        "id": "f-states-62",
        "actor": "Other",
        "year": "1962",
        "metric": "nuclear_states",
        "low": "4",
        "high": "4",
    },
]
CHANNELS = [
    {
        **datafixtures.CHANNELS[0],
        "id": "ch62-cable",
        "delay_hours_low": "6",
        "delay_hours_high": "12",
    },
    {
        **datafixtures.CHANNELS[0],
        "id": "ch22-line",
        "year": "2022",
        "name": "Phone line",
        "kind": "deconfliction",
        "from_actor": "United States",
        "to_actor": "Russia",
        "delay_hours_low": "",
        "delay_hours_high": "",
    },
]


def write_lesson4_data(folder):
    """The fixture dataset plus lesson 4's rows; every table validates."""
    datafixtures.write_dataset(folder)
    for name, rows in (
        ("events_1962", EVENTS_1962),
        ("events_2022", EVENTS_2022),
        ("people", PEOPLE),
        ("quotes", QUOTES),
        ("pairs", PAIRS),
        ("claims", CLAIMS),
        ("forces", FORCES),
        ("channels", CHANNELS),
    ):
        datafixtures.write_table(folder, name, rows)
    return folder


@pytest.fixture
def lesson4(tmp_path, monkeypatch):
    folder = write_lesson4_data(tmp_path / "data")
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    data.load_all(folder)  # the fixture itself must be valid, references included
    return folder


# ---------------------------------------------------------------- the common axis


def test_the_loader_and_the_explorer_know_the_same_kinds():
    assert data.TABLES["pairs"].columns["kind"].choices == tuple(compare.KIND_LABELS)
    assert set(compare.KIND_DEFINITIONS) == set(compare.KIND_LABELS)


def test_crisis_day_counts_the_anchor_as_day_one():
    anchor = date(1962, 10, 16)
    assert compare.crisis_day(anchor, anchor) == 1
    assert compare.crisis_day(date(1962, 10, 28), anchor) == 13
    assert compare.crisis_day(date(1962, 10, 15), anchor) == 0
    assert compare.crisis_day(date(2022, 9, 21), date(2022, 9, 21)) == 1


def test_aligned_events_puts_both_years_on_one_axis(lesson4):
    table = compare.aligned_events().set_index("id")
    assert table.loc["e62-u2-shot-down", "crisis_day"] == 12
    assert table.loc["e22-przewodow-missile", "crisis_day"] == 56
    assert table.loc["e22-deterrence-alert-order", "crisis_day"] < 0
    assert set(table["year"]) == {1962, 2022}


def test_a_missing_anchor_is_a_clear_error(lesson4):
    with pytest.raises(ValueError, match="anchor event 'e22-nothing'"):
        compare.aligned_events(anchors={1962: "e62-u2-shot-down", 2022: "e22-nothing"})


def test_timelines_figure_joins_every_pair_and_marks_out_of_window_days(lesson4):
    fig = compare.timelines_figure()
    ax = fig.axes[0]
    joined = sorted(line.get_gid() for line in ax.lines if str(line.get_gid()).startswith("pair:"))
    assert joined == sorted(f"pair:{p['id']}" for p in PAIRS)
    labels = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert labels["label:2022:2"] == "2"  # Przewodow, day 56, inside the window
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "2: Ambiguous incident" in legend and "3: Backchannel" in legend
    narrow = compare.timelines_figure(window=(-5, 30)).axes[0]
    texts = {t.get_gid(): t.get_text() for t in narrow.texts if t.get_gid()}
    assert texts["label:2022:2"] == "2 (day 56)"
    assert (
        "1962" in ax.get_yticklabels()[1].get_text() or "1962" in ax.get_yticklabels()[0].get_text()
    )


def test_timelines_figure_refuses_a_backwards_window(lesson4):
    with pytest.raises(ValueError, match="window"):
        compare.timelines_figure(window=(30, 1))


def test_timelines_alt_names_each_pair_and_its_days(lesson4):
    alt = compare.timelines_alt()
    assert "2 Ambiguous incident: 1962 day 12, 2022 day 56" in alt


# ---------------------------------------------------------------- the explorer


def test_explorer_starts_on_the_first_kind_and_lists_only_kinds_with_pairs(lesson4):
    explorer = compare.ComparisonExplorer()
    assert explorer.kinds() == ["public_threat", "ambiguous_incident", "backchannel"]
    assert explorer.shown_events() == ("e62-address-to-nation", "e22-mobilisation-address")
    assert "Not a bluff" in explorer.column_text(2022)
    assert "crisis day 1" in explorer.column_text(2022)


def test_picking_another_kind_changes_the_pair_and_both_columns(lesson4):
    explorer = compare.ComparisonExplorer()
    before = (explorer.column_html(1962), explorer.column_html(2022), explorer.comparison.value)
    explorer.select_kind("Ambiguous incident")  # by label, as a student would type it
    assert explorer.kind == "ambiguous_incident"
    assert explorer.shown_events() == ("e62-u2-shot-down", "e22-przewodow-missile")
    after = (explorer.column_html(1962), explorer.column_html(2022), explorer.comparison.value)
    assert all(b != a for b, a in zip(before, after, strict=True))
    assert "Unclear who fired" in explorer.comparison_text()
    assert "15:40 (Europe/Warsaw)" in explorer.column_text(2022)


def test_the_widget_buttons_drive_the_same_state(lesson4):
    explorer = compare.ComparisonExplorer()
    explorer.kind_buttons.value = "backchannel"  # what a click, or Tab and Space, syncs
    assert explorer.pair_ids() == ["p-envoys", "p-envoys-2"]
    assert explorer.pair == "p-envoys"
    assert not explorer.next_pair_button.disabled
    explorer.next_pair_button.click()
    assert explorer.shown_events() == ("e62-rfk-dobrynin", "e22-biden-armageddon")
    assert "pair 2 of 2" in explorer.heading.value
    assert explorer.status_text().startswith("Backchannel, pair 2 of 2: ")
    explorer.next_pair_button.click()  # wraps round
    assert explorer.pair == "p-envoys"
    explorer.previous_pair_button.click()
    assert explorer.pair == "p-envoys-2"
    explorer.select_pair("p-threat")
    assert explorer.kind == "public_threat" and explorer.pair == "p-threat"
    assert explorer.next_pair_button.disabled  # one pair of this kind: nothing to step to


def test_quotes_show_verbatim_with_speaker_date_and_source_escaped(lesson4):
    quotes = data.load("quotes")
    quotes.loc[quotes["id"] == "q-rfk-line", "text"] = "We need an answer <soon> & clearly."
    explorer = compare.ComparisonExplorer(kind="backchannel", quotes=quotes)
    assert explorer.shown_quotes() == ["q-rfk-line"]
    assert explorer.shown_quotes(2022) == []
    column = explorer.column_html(1962)
    assert "&lt;soon&gt; &amp; clearly" in column and "<soon>" not in column
    assert "John F. Kennedy, 27 October 1962 [frus61-63v11d19]" in html.unescape(
        re.sub(r"<[^>]+>", "", column)
    )
    assert "No quotation tied to this event" in explorer.column_text(2022)
    assert "frus61-63v11d19" in explorer.sources()


def test_event_text_is_escaped(lesson4):
    events = data.events(2022)
    events.loc[events["id"] == "e22-mobilisation-address", "description"] = "<b>bold</b>"
    explorer = compare.ComparisonExplorer(events_2022=events)
    assert "&lt;b&gt;bold&lt;/b&gt;" in explorer.column_html(2022)


def test_unknown_kind_pair_or_year_is_a_clear_error(lesson4):
    explorer = compare.ComparisonExplorer()
    with pytest.raises(ValueError, match="Unknown kind 'threats'"):
        explorer.select_kind("threats")
    with pytest.raises(ValueError, match="Unknown pair"):
        explorer.select_pair("p-nothing")
    with pytest.raises(ValueError, match="1962 or 2022"):
        explorer.column_text(1963)


def test_a_pair_with_events_of_the_wrong_year_is_refused(lesson4):
    pairs = data.load("pairs")
    pairs.loc[0, "event_1962"] = "e22-biden-armageddon"
    with pytest.raises(ValueError, match="event_1962 'e22-biden-armageddon' is a 2022 event"):
        compare.ComparisonExplorer(pairs=pairs)
    pairs = data.load("pairs")
    pairs.loc[0, "event_2022"] = "e22-gone"
    with pytest.raises(ValueError, match="is not in the course's events"):
        compare.ComparisonExplorer(pairs=pairs)


def test_no_pairs_is_a_clear_error(lesson4):
    with pytest.raises(ValueError, match="no pairs"):
        compare.ComparisonExplorer(pairs=data.load("pairs").iloc[0:0])


def test_text_plain_is_deterministic_and_names_the_pair(lesson4):
    explorer = compare.ComparisonExplorer(kind="ambiguous_incident")
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == (
        "ComparisonExplorer: Ambiguous incident: A U-2 is shot down (1962) / "
        "Missile falls in Poland (2022)"
    )
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_every_control_has_a_visible_description(lesson4):
    explorer = compare.ComparisonExplorer()
    assert explorer.kind_buttons.description == "Kind of moment"
    assert explorer.kind_buttons.style.button_width == "auto"  # labels never cut off
    assert explorer.previous_pair_button.description == "\u25c0 Previous pair"
    assert explorer.next_pair_button.description == "Next pair \u25b6"
    assert "crisislab-widget" in explorer.widget._dom_classes
    assert 'role="status"' in explorer.status.value


def test_pairs_table_is_the_static_form(lesson4):
    table = compare.PairsTable()._repr_mimebundle_()
    assert table["text/html"].count("<tr>") == len(PAIRS) + 1
    assert "Public threat: e62-address-to-nation / e22-mobilisation-address" in table["text/plain"]


# ---------------------------------------------------------------- the numbers


def test_range_ratio_gives_the_smallest_and_largest_ratio():
    assert compare.range_ratio((3500, 3500), (300, 500)) == pytest.approx((7.0, 11.6667), 1e-4)
    assert compare.midpoint((300, 500)) == 400
    with pytest.raises(ValueError, match="positive"):
        compare.range_ratio((1, 2), (0, 5))
    with pytest.raises(ValueError, match="low <= high"):
        compare.range_ratio((5, 1), (1, 2))


def test_force_range_finds_rows_by_actor_year_and_metric(lesson4):
    forces = data.load("forces")
    assert compare.force_range(forces, "Soviet Union", 1962, "deployed_strategic_warheads") == (
        100.0,
        300.0,
    )
    with pytest.raises(KeyError, match="no total_stockpile row for Soviet Union in 1962"):
        compare.force_range(forces, "Soviet Union", 1962, "total_stockpile")


def test_arsenal_figure_draws_ranges_from_the_data_and_says_what_is_missing(lesson4):
    fig = compare.arsenal_figure()
    texts = {t.get_gid(): t.get_text().strip() for ax in fig.axes for t in ax.texts if t.get_gid()}
    assert texts["label:Soviet Union:1962:deployed_strategic_warheads"] == "100-300"
    assert texts["label:Russia:2022:total_stockpile"] == "1,200-1,400"
    assert texts["states:1962"] == "4"
    missing = [t.get_text() for t in fig.axes[0].texts if "not in the data" in t.get_text()]
    assert len(missing) == 2  # no 1962 stockpiles in the fixture: said, not drawn as zero
    alt = compare.arsenal_alt()
    assert "Soviet Union 1962: 100-300" in alt and "2022: not in the data" in alt


def test_arsenal_table_keeps_the_counting_rules(lesson4):
    table = compare.arsenal_table()
    assert set(table["metric"]) == {
        "deployed_strategic_warheads",
        "total_stockpile",
        "nuclear_states",
    }
    assert (table["counting_rule"] == "Counted one way.").all()


def test_channels_figure_shows_documented_delays_and_says_when_there_are_none(lesson4):
    fig = compare.channels_figure()
    texts = {t.get_gid(): t.get_text() for t in fig.axes[0].texts if t.get_gid()}
    assert texts["delay:ch62-cable"] == "6-12 h"
    assert texts["nodelay:ch22-line"] == "no documented delay"
    assert "a documented delay is given for 1 of them" in compare.channels_alt()


# ---------------------------------------------------------------- the argument map and brief


def test_argument_map_is_a_table_with_escaped_text(lesson4):
    claims = data.load("claims")
    claims.loc[0, "left_out"] = "a <i>tag</i>"
    argument = compare.ArgumentMap(claims)
    bundle = argument._repr_mimebundle_()
    assert "&lt;i&gt;tag&lt;/i&gt;" in bundle["text/html"]
    # Left-aligned cards, one per claim with its parts stacked: not five narrow columns.
    assert "<table" not in bundle["text/html"] and "<td" not in bundle["text/html"]
    assert bundle["text/html"].count('class="crisislab-claim-card"') == len(CLAIMS)
    assert "text-align:left" in bundle["text/html"]
    assert 'data-part="cuts_against"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("1. Empathy mattered most")
    assert argument.row("claim-rivals-1962")["claim"].startswith("2022 rivals 1962")
    with pytest.raises(KeyError, match="no claim"):
        argument.row("claim-nothing")


def test_brief_template_and_missing_sections():
    template = compare.brief_template("Xi Jinping", "4 November 2022")
    assert template.splitlines()[0] == "Leader and date: Xi Jinping, 4 November 2022"
    assert compare.missing_sections(template) == list(compare.BRIEF_SECTIONS[1:])
    assert compare.missing_sections(compare.EXAMPLE_BRIEF) == []
    assert compare.missing_sections(None) == list(compare.BRIEF_SECTIONS)
    assert "[x] Fears" in compare.brief_sections_html(compare.EXAMPLE_BRIEF)
    assert "[ ] Fears (to do)" in compare.brief_sections_html(template)


def test_example_brief_quotes_only_verbatim_text_from_the_quotes_table():
    quotes = data.load("quotes", repo_root() / "data").set_index("id")
    brief = compare.EXAMPLE_BRIEF
    found = list(re.finditer(r"' \(quote (q-[a-z0-9-]+)", brief))
    assert len(found) >= 3
    for match in found:
        start = brief.rfind(" '", 0, match.start()) + 2
        quoted = brief[start : match.start()]
        assert quoted in quotes.loc[match.group(1), "text"], (match.group(1), quoted)


# ---------------------------------------------------------------- the real pairs and claims

REAL = repo_root() / "data"
needs_real = pytest.mark.skipif(
    not (REAL / "pairs.csv").exists(), reason="data/pairs.csv is not in the course yet"
)


@needs_real
def test_real_pairs_cover_every_kind_and_join_1962_to_2022():
    tables = data.load_all(REAL)
    pairs = tables["pairs"]
    assert set(pairs["kind"]) == set(compare.KIND_LABELS)
    assert set(pairs["event_1962"]) <= set(tables["events_1962"]["id"])
    assert set(pairs["event_2022"]) <= set(tables["events_2022"]["id"])
    for kind, ids in (("ambiguous_incident", ("e62-u2-shot-down", "e22-przewodow-missile")),):
        row = pairs[pairs["kind"] == kind].iloc[0]
        assert (row["event_1962"], row["event_2022"]) == ids


@needs_real
@pytest.mark.parametrize("table", ["pairs", "claims"])
def test_real_rows_cite_exactly_their_source_ids(table):
    frame = data.load(table, REAL)
    known = set(data.load("sources", REAL)["id"])
    text_columns = [
        c
        for c in frame.columns
        if c not in ("id", "kind", "source_ids") and not c.startswith("event_")
    ]
    for row in frame.to_dict("records"):
        cited = compare.iter_cited(row[c] for c in text_columns)
        assert cited, row["id"]
        assert set(cited) == set(row["source_ids"].split(";")), row["id"]
        assert set(cited) <= known, row["id"]


@needs_real
def test_real_claims_are_attributed_and_argued_both_ways():
    claims = data.load("claims", REAL)
    for row in claims.to_dict("records"):
        assert "rs-2022-strategic-empathy" in compare.cited_ids(row["claim"]), row["id"]
        assert compare.cited_ids(row["supports"]), row["id"]
        assert compare.cited_ids(row["cuts_against"]), row["id"]
        assert row["left_out"].strip(), row["id"]
    left_out = " ".join(claims["left_out"])
    for theme in ("Ukraine's own agency", "alliance politics", "war already under way"):
        assert theme in left_out, theme


@needs_real
def test_real_explorer_runs_every_pair():
    explorer = compare.ComparisonExplorer(
        pairs=data.load("pairs", REAL),
        events_1962=data.events(1962, REAL),
        events_2022=data.events(2022, REAL),
        quotes=data.load("quotes", REAL),
        people=data.load("people", REAL),
    )
    for kind in explorer.kinds():
        explorer.select_kind(kind)
        for pair_id in explorer.pair_ids():
            explorer.select_pair(pair_id)
            assert explorer.column_text(1962) and explorer.column_text(2022)


# ---------------------------------------------------------------- quotes the lesson has shown


def test_a_pair_shows_its_own_quote_ids_on_the_right_side():
    """The ambiguous-incident pair: Khrushchev to Castro, and Duda and Stoltenberg on Przewodow,
    although the 2022 quotes are tied to the next day's assessment, not to the explosion."""
    explorer = compare.ComparisonExplorer()  # the course's own data
    explorer.select_pair("p-ambiguous-incident")
    assert explorer.shown_quotes(1962) == ["q-khrushchev-castro-shot-down"]
    assert explorer.shown_quotes(2022) == ["q-duda-przewodow", "q-stoltenberg-przewodow"]
    for year in (1962, 2022):
        assert "No quotation tied to this event" not in explorer.column_text(year)
    assert "Stoltenberg" in explorer.column_text(2022) and "Duda" in explorer.column_text(2022)
    quotes = data.load("quotes").set_index("id")
    for source in quotes.loc["q-duda-przewodow", "source_ids"].split(";"):
        assert source in explorer.sources()


def test_pair_quote_ids_are_optional_and_checked():
    pairs = data.load("pairs")
    assert "quote_ids" in pairs.columns
    column = data.TABLES["pairs"].columns["quote_ids"]
    assert column.ref == "quotes" and not column.required
    known = set(data.load("quotes")["id"])
    for value in pairs["quote_ids"]:
        assert set(filter(None, (value or "").split(";"))) <= known


def test_pairs_table_text_gives_alike_and_unlike_in_full(lesson4):
    text = compare.PairsTable()._repr_mimebundle_()["text/plain"]
    for row in PAIRS:
        assert row["alike"] in text and row["unlike"] in text


def test_crisis_day_labels_do_not_pile_up():
    ax = compare.timelines_figure().axes[0]  # the course's own pairs: six 1962 days in a week
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(ax.figure).get_renderer()
    for year in (1962, 2022):
        boxes = [
            t.get_window_extent(renderer)
            for t in ax.texts
            if (t.get_gid() or "").startswith(f"label:{year}:")
        ]
        assert boxes
        for i, one in enumerate(boxes):
            for other in boxes[i + 1 :]:
                assert not one.overlaps(other), (year, one, other)
    assert compare._spread([(1.0, 1), (1.0, 2), (1.5, 3)], 2.0, 0, 60) == {1: 0.0, 2: 2.0, 3: 4.0}
