"""The instructor kit stays true to the course: plans, role cards, grading, handouts, links.

Role-card rendering and sealing are tested on the fixture dataset; the committed kit (plans,
cards, the ids cited in the guide) is checked against the real course. Grading runs real
kernels on sample submissions made in tmp_path; handouts convert the committed lessons.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
from datetime import date

import nbformat
import pytest

from crisislab import authoring, course, data, grade, instructors, source_policy
from crisislab.instructors import handouts, roleplay
from crisislab.paths import repo_root
from tests import datafixtures
from tests.fixtures_exercises import write_course_dataset

ROOT = repo_root()
KIT = ROOT / "instructors"
HANDWRITTEN = [
    KIT / "README.md",
    KIT / "rubrics.md",
    KIT / "roleplay" / "README.md",
    *sorted((KIT / "plans").glob("*.md")),
]

# ---------------------------------------------------------------- plans and the guide


def test_every_lesson_has_a_complete_plan():
    assert instructors.all_plan_problems() == []
    for lesson in course.LESSONS:
        text = instructors.plan_path(lesson.number).read_text(encoding="utf-8")
        assert len(instructors.discussion_questions(text)) >= 3, lesson.number
        rows = instructors.timing(instructors.sections(text)["Timing (50 minutes)"])
        assert rows[0][0] == 0 and rows[-1][1] == 50


def test_the_check_command_reports_complete_plans(capsys):
    assert instructors.main(["check"]) == 0
    assert "Plans: complete." in capsys.readouterr().out


def test_plan_checker_names_what_is_missing(tmp_path):
    lesson = course.lesson(2)
    assert instructors.plan_problems(lesson, tmp_path) == [
        "instructors/plans/lesson_02.md: missing (lesson 2, Strategic empathy, has no plan)"
    ]
    good = instructors.plan_path(2).read_text(encoding="utf-8")
    broken = (
        good.replace(lesson.objectives[0], "Understand empathy.")
        .replace("| 5-12 |", "| 6-12 |")
        .replace("## Materials", "## Things")
    )
    broken = re.sub(r"Good answers touch on:", "Answers:", broken, count=1)
    instructors.plan_path(2, tmp_path).write_text(broken, encoding="utf-8")
    problems = instructors.plan_problems(lesson, tmp_path)
    assert any("no '## Materials' section" in p for p in problems)
    assert any(lesson.objectives[0] in p for p in problems)
    assert any("jumps from minute 5 to minute 6" in p for p in problems)
    assert any("Good answers touch on" in p for p in problems)


def test_timing_problems_find_gaps_overlaps_and_a_wrong_end():
    assert instructors.timing_problems([(0, 20, "a"), (20, 50, "b")], 50) == []
    assert instructors.timing_problems([], 50) != []
    assert "starts at minute 5" in instructors.timing_problems([(5, 50, "a")], 50)[0]
    assert "jumps from minute 20 to minute 15" in " ".join(
        instructors.timing_problems([(0, 20, "a"), (15, 50, "b")], 50)
    )
    assert "ends at minute 45, not 50" in " ".join(instructors.timing_problems([(0, 45, "a")], 50))


def test_the_guide_lists_every_objective_and_links_every_plan():
    guide = (KIT / "README.md").read_text(encoding="utf-8")
    for lesson in course.LESSONS:
        for objective in lesson.objectives:
            assert objective in guide, objective
        assert f"plans/lesson_{lesson.number:02d}.md" in guide
    for name in ("seminar_90.md", "unit_4_sessions.md", "rubrics.md", "roleplay/README.md"):
        assert name in guide


def test_the_seminar_and_each_unit_session_run_to_time():
    seminar = (KIT / "plans" / "seminar_90.md").read_text(encoding="utf-8")
    found = instructors.sections(seminar)
    assert instructors.timing_problems(instructors.timing(found["Timing (90 minutes)"]), 90) == []
    assert "Materials" in found and "What students hand in" in found
    unit = instructors.sections((KIT / "plans" / "unit_4_sessions.md").read_text("utf-8"))
    sessions = {k: v for k, v in unit.items() if k.startswith("Session")}
    assert len(sessions) == 4
    for name, text in sessions.items():
        assert instructors.timing_problems(instructors.timing(text), 90) == [], name
        assert "### Materials" in text and "### What students hand in" in text, name


def _rows(markdown: str) -> list[tuple[int, int, str]]:
    return [(a, b, text.strip()) for a, b, text in instructors.timing(markdown)]


def test_the_roleplay_runs_to_time_in_50_and_90_minutes():
    for minutes in (50, 90):
        rows = roleplay.timing_rows(minutes)
        assert instructors.timing_problems(rows, minutes) == [], minutes
        assert [s.round for s in roleplay.VERSIONS[minutes] if s.round] == [1, 2, 3, 4]
        plan = (KIT / "plans" / f"roleplay_{minutes}.md").read_text(encoding="utf-8")
        table = instructors.sections(plan)[f"Timing ({minutes} minutes)"]
        assert _rows(table) == rows, f"roleplay_{minutes}.md drifted from roleplay.VERSIONS"
    # The seminar and the unit's third session run the 50-minute version from minute 40.
    shifted = roleplay.timing_rows(50, offset=40)
    seminar = (KIT / "plans" / "seminar_90.md").read_text(encoding="utf-8")
    assert _rows(instructors.sections(seminar)["Timing (90 minutes)"])[-len(shifted) :] == shifted
    unit = instructors.sections((KIT / "plans" / "unit_4_sessions.md").read_text("utf-8"))
    session3 = next(v for k, v in unit.items() if k.startswith("Session 3"))
    assert _rows(session3)[-len(shifted) :] == shifted
    page = (KIT / "roleplay" / "README.md").read_text(encoding="utf-8")
    assert "**Time:** 50 or 90 minutes" in page
    assert not re.search(r"\b\d{2}-\d{2} minutes", page.split("## Rounds")[0])


def test_every_plan_budgets_the_launch_a_network_failure_and_the_discussion():
    for lesson in course.LESSONS:
        text = instructors.plan_path(lesson.number).read_text(encoding="utf-8")
        rows = instructors.timing(instructors.sections(text)["Timing (50 minutes)"])
        launch = [r for r in rows if r[2].startswith("Launch")]
        assert launch and launch[0][0] == 0, lesson.number
        assert all(w in launch[0][2].lower() for w in ("binder", "hub", "local")), lesson.number
        talk = [r for r in rows if "discussion question" in r[2].lower()]
        assert talk, f"lesson {lesson.number}: no minutes for the discussion questions"
        minutes = sum(b - a for a, b, _ in talk)
        stated = instructors.sections(text)["Discussion questions"]
        assert f"({minutes} minutes" in stated, lesson.number
        failure = instructors.sections(text).get("If the network fails", "")
        assert "print pack" in failure and "_reader.html" in failure, lesson.number
        assert lesson.minutes in text, lesson.number  # the time from the course map


def test_rubrics_use_the_registered_criteria_and_agree_with_the_model_answers():
    from crisislab.checks import questions

    registered = {q.id: q for q in questions()}
    rubrics = (KIT / "rubrics.md").read_text(encoding="utf-8")
    for qid in ("02.empathy-map", "04.capstone"):
        facts = registered[qid].facts()
        assert facts.rubric, qid
        for criterion in facts.rubric:
            assert criterion in rubrics, criterion
        # The exercise's model answer is quoted whole in the rubric, and scored there.
        assert facts.model_answer in rubrics, f"{qid}: quote and score the new model answer"
    # Lesson 2's own model map (Khrushchev, 27 October) is scored too: its way out is quoted.
    lesson = nbformat.read(str(ROOT / course.lesson(2).path), as_version=4)
    prose = " ".join(" ".join(c.source.split()) for c in lesson.cells if c.cell_type == "markdown")
    way_out = "a public no-invasion pledge he could present as the purpose achieved"
    assert way_out in prose and way_out in " ".join(rubrics.split())
    for band in ("### A strong answer", "### A middle answer", "### A weak answer"):
        assert rubrics.count(band) == 2, band
    assert "`submitted`" in rubrics and "count as correct" not in rubrics


_BACKTICK_ID = re.compile(r"`((?:e62|e22|q|r|c62|m62)-[a-z0-9][a-z0-9.\-_]*)`")
# Source citations such as [frus61-63v11d84; dobbs-2008] (every id has a hyphen; an editorial
# insertion inside a quotation, such as "[use]", has none).
_ONE_ID = r"[a-z0-9][a-z0-9._]*-[a-z0-9.\-_]*"
_BRACKETED = re.compile(rf"\[({_ONE_ID}(?:; {_ONE_ID})*)\](?!\()")


def test_every_id_cited_in_the_handwritten_kit_resolves():
    tables = data.load_all()
    known = {
        "e62": set(tables["events_1962"]["id"]),
        "e22": set(tables["events_2022"]["id"]),
        "q": set(tables["quotes"]["id"]),
        "r": set(tables["roles"]["id"]),
        "c62": set(tables["channels"]["id"]),
        "m62": set(tables["moments"]["id"]),
    }
    sources = set(tables["sources"]["id"])
    cited = 0
    for path in HANDWRITTEN:
        text = path.read_text(encoding="utf-8")
        for found in _BACKTICK_ID.findall(text):
            prefix = found.split("-", 1)[0]
            assert found in known[prefix], f"{path.name}: {found}"
            cited += 1
        for group in _BRACKETED.findall(text):
            for source_id in group.split("; "):
                assert source_id in sources, f"{path.name}: [{source_id}]"
                cited += 1
    assert cited > 50  # the kit cites the record; a regex that matched nothing would pass


# ---------------------------------------------------------------- role cards: real data

_CITE = re.compile(r"\[([a-z0-9][a-z0-9.\-_; ]*)\]")


def test_roles_cover_four_rooms():
    roles = data.load("roles")
    assert len(roles) >= 12
    people = set(roles["person_id"])
    for person in (
        *("jfk", "rfk", "mcnamara", "rusk", "stevenson", "u-thant", "scali", "feklisov"),
        *("khrushchev", "gromyko", "malinovsky", "mikoyan", "dobrynin", "castro", "pliyev"),
    ):
        assert person in people, person
    assert people & {"maxwell-taylor", "lemay"}
    assert set(roles["side"]) == {"ExComm", "Presidium", "Embassy", "Havana"}


def test_every_role_has_a_decision_in_every_round_and_a_short_documents_line():
    all_cards = instructors.cards()
    assert roleplay.decisions_missing(all_cards) == []
    for card in all_cards:
        assert len(card.decisions) == len(roleplay.ROUNDS), card.id
        assert 20 < len(card.documents) <= instructors.role_cards.DOCUMENTS_MAX_CHARS, card.id
        assert "[" not in instructors.role_cards.plain(card.position), card.id


def test_the_room_table_seats_12_20_28_and_36_students_in_rooms_of_like_size():
    table = roleplay.rooms_table()
    assert sorted({s.class_size for s in table}) == [12, 20, 28, 36]
    for size in range(12, 37):
        seats = roleplay.seating(size)
        rooms = roleplay.room_sizes(seats)
        assert sum(rooms.values()) == size, size
        assert set(rooms) == set(instructors.SIDES), size  # every room is played
        assert max(rooms.values()) <= roleplay.MAX_ROOM_RATIO * min(rooms.values()), (size, rooms)
        assert len({s.role_id for s in seats}) == len(seats)
    for size in roleplay.CLASS_SIZES:  # the table's own rows, not the filled-in ones
        rows = [s for s in table if s.class_size == size]
        assert sum(s.players for s in rows) == size
        assert {"r-khrushchev", "r-jfk", "r-castro", "r-dobrynin"} <= {s.role_id for s in rows}
    with pytest.raises(ValueError, match="12 to 36"):
        roleplay.seating(11)


def test_the_injects_are_documented_pressures_and_every_room_gets_news_every_round():
    events = set(data.events(1962)["id"])
    quotes = set(data.load("quotes")["id"])
    letters = set(data.load("letters")["id"])
    for inject in roleplay.INJECTS:
        assert inject.event_id in events, inject
        assert not inject.read or inject.read in quotes | letters, inject
    ids = {i.event_id for i in roleplay.INJECTS}
    for needed in (
        "e62-khrushchev-letter-27oct",  # the public Turkey letter
        "e62-castro-letter-to-khrushchev",  # Havana's pressure on Moscow
        "e62-jcs-recommend-strike",  # the Joint Chiefs, 27 October
        "e62-jcs-urge-monday-strike",  # and 28 October
        "e62-tactical-nuclear-forces-cuba",  # what Pliyev had, under the order of 22-23 October
    ):
        assert needed in ids, needed
    assert "khrushchev-1962-10-27" in letters
    for minutes in (50, 90):
        log = roleplay.control_log(minutes)
        rounds = {s.round: s for s in roleplay.VERSIONS[minutes] if s.round}
        for release in log:
            segment = rounds[release.round]
            assert segment.start <= release.minute < segment.end, release
        for room in ("ExComm", "Presidium", "Havana"):
            for number in (1, 2, 3):
                assert any(room in r.rooms and r.round == number for r in log), (room, number)
        public = [r.event_id for r in log if r.public]
        assert "e62-khrushchev-letter-27oct" in public


def test_moscow_has_its_channels_with_their_documented_delays():
    rows = roleplay.channel_rows()
    for channel in roleplay.CHANNELS:
        assert channel.id in rows, channel.id
    ids = {c.id for c in roleplay.CHANNELS}
    assert {"c62-radio-moscow", "c62-soviet-embassy-cable", "c62-us-embassy-moscow-cable"} <= ids
    documented = [c for c in roleplay.CHANNELS if roleplay.delay_hours(rows[c.id]) is not None]
    assert len(documented) >= 5
    # A slower channel never delivers sooner in the game.
    for sent in (1, 2, 3):
        timed = sorted(documented, key=lambda c: roleplay.delay_hours(rows[c.id]))
        arrivals = [
            roleplay.delivery_round(sent, roleplay.delay_hours(rows[c.id])) or 99 for c in timed
        ]
        assert arrivals == sorted(arrivals), sent
    assert roleplay.delivery_round(1, roleplay.delay_hours(rows["c62-radio-moscow"])) == 1
    forms = roleplay.forms_html()
    for channel in roleplay.CHANNELS:
        assert roleplay.delay_text(rows[channel.id]) in forms


def test_the_kit_cites_no_refused_source():
    sources = data.load("sources").set_index("id")
    from crisislab.checks import questions

    cited = {i for card in instructors.cards() for i in card.source_ids}
    quoted = [
        q.facts().model_answer for q in questions() if q.id in ("02.empathy-map", "04.capstone")
    ]
    for path in HANDWRITTEN:
        text = path.read_text(encoding="utf-8")
        for model in quoted:  # the lessons' model answers are quoted to be scored, not cited
            text = text.replace(model, "")
        for group in _BRACKETED.findall(text):
            cited |= set(group.split("; "))
    refused = {i: source_policy.refusal(sources.loc[i, "url"] or "") for i in cited}
    assert not {i: k for i, k in refused.items() if k}, "the kit cites a refused kind of page"


def test_every_role_cites_exactly_the_sources_in_its_text():
    tables = data.load_all()  # also checks person, quote and event ids resolve
    sources = set(tables["sources"]["id"])
    for row in tables["roles"].to_dict("records"):
        cited = []
        for column in ("position", "private_knowledge", "does_not_know"):
            text = row[column]
            assert _CITE.search(text), f"{row['id']} {column} cites no source"
            for group in _CITE.findall(text):
                cited.extend(i.strip() for i in group.split(";") if i.strip())
        listed = row["source_ids"].split(";")
        assert set(cited) == set(listed), row["id"]
        assert set(listed) <= sources, row["id"]


def test_committed_cards_and_record_are_generated_from_the_current_data():
    folder = KIT / "roleplay"
    stale = "is stale: run `python -m crisislab.instructors cards`"
    for name, text in instructors.cli.roleplay_files().items():
        assert (folder / name).read_text("utf-8") == text, f"{name} {stale}"
    assert "(not in the bibliography)" not in (folder / "cards.md").read_text("utf-8")


def test_the_record_follows_the_data_order_and_its_learned_dates():
    events = data.events(1962)
    days = events[events["date"].isin(roleplay.RECORD_DAYS)]
    rows = roleplay.record_rows()
    assert [r.id for r in rows] == list(days["id"])
    for row, event in zip(rows, days.to_dict("records"), strict=True):
        assert row.washington_learned == roleplay.learned_text(event["washington_learned"])
        assert row.moscow_learned == roleplay.learned_text(event["moscow_learned"])
    order = [r.id for r in rows]
    assert order.index("e62-u2-shot-down") < order.index("e62-kennedy-reply-27oct")
    assert order.index("e62-rfk-dobrynin") < order.index("e62-radio-moscow-acceptance")
    assurance = next(r for r in rows if r.id == "e62-jupiter-assurance-kept-secret")
    assert assurance.washington_learned == "27 Oct 1962"
    page = roleplay.record_html()
    assert page.index("Anderson") < page.index("Kennedy accepts the terms")


def test_cards_follow_what_each_side_knew_that_morning():
    by_id = {card.id: card for card in instructors.cards()}
    mcnamara, khrushchev = by_id["r-mcnamara"], by_id["r-khrushchev"]
    # The warheads arrived on 4 October: Moscow knew, Washington learned it in 1992.
    assert "e62-indigirka-arrives" in [e.id for e in khrushchev.timeline]
    assert "e62-indigirka-arrives" in [e.id for e in mcnamara.sealed_events]
    said = dict(zip(*(data.load("quotes")[c] for c in ("id", "said_on")), strict=True))
    for card in by_id.values():
        assert card.position and card.private_knowledge and card.does_not_know
        assert all(said[q.id] < "1962-10-27" for q in card.quotes), card.id
        assert all(
            said[q.id] >= "1962-10-27" or "recalling" in q.date or "later" in q.date
            for q in card.sealed_quotes
        ), card.id
    # What a capital learned on the 27th itself reaches it in the game, as an inject.
    assert "e62-castro-letter-to-khrushchev" in [e.id for e in khrushchev.sealed_events]
    assert [c.side for c in instructors.cards()][:1] == ["ExComm"]  # room order


# ---------------------------------------------------------------- role cards: fixture data


def _fixture_roles(folder, **override):
    row = {
        "id": "r-a",
        "person_id": "jfk",
        "side": "ExComm",
        "position": "Wants the missiles out [dobbs-2008].",
        "private_knowledge": "Knows of the briefing [frus61-63v11d19].",
        "does_not_know": "That warheads are in Cuba [dobbs-2008].",
        "quote_ids": "q-knot",
        "event_ids": "e62-warheads;e62-briefing;e62-broadcast",
        "source_ids": "dobbs-2008;frus61-63v11d19",
    }
    havana = {
        **row,
        "id": "r-c",
        "person_id": "khrushchev",
        "side": "Havana",
        "quote_ids": "",
        "event_ids": "e62-address;e62-warheads",
    }
    moscow = {**row, "id": "r-b", "person_id": "khrushchev", "side": "Presidium"}
    datafixtures.write_table(folder, "roles", [havana, {**row, **override}, moscow])
    return folder


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    folder = datafixtures.write_dataset(tmp_path / "data")
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    return folder


def test_cards_are_built_from_the_rows_and_sealed_by_what_each_side_knew(fixture_data):
    _fixture_roles(fixture_data)
    cards = instructors.cards()
    assert [c.id for c in cards] == ["r-a", "r-b", "r-c"]  # ExComm, Presidium, Havana
    excomm, presidium, havana = cards
    assert excomm.name == "John F. Kennedy" and excomm.office == "President"
    assert [e.id for e in excomm.timeline] == ["e62-briefing"]  # Washington knew it on 16 Oct
    assert [e.id for e in excomm.sealed_events] == ["e62-warheads", "e62-broadcast"]
    assert [e.id for e in presidium.timeline] == ["e62-warheads", "e62-briefing"]
    assert [e.id for e in havana.timeline] == ["e62-warheads"]  # an event Cuba took part in
    assert [q.id for q in excomm.quotes] == ["q-knot"] and excomm.sealed_quotes == ()
    assert excomm.source_ids == ("dobbs-2008", "frus61-63v11d19")
    assert excomm.timeline[0].when == "16 October 1962, 08:45 Washington time"
    text = instructors.card_markdown(excomm)
    assert text.index("Cut here") < text.index("That warheads are in Cuba")
    assert text.index("Knows of the briefing") < text.index("Cut here")
    assert "[dobbs-2008] Michael Dobbs. One Minute to Midnight. Knopf. 2008." in text


def test_a_card_naming_a_missing_quote_or_event_raises_a_data_error(fixture_data):
    _fixture_roles(fixture_data, quote_ids="q-missing")
    with pytest.raises(data.DataError) as caught:
        instructors.cards()
    assert "roles.csv, row 2 (id 'r-a'), column 'quote_ids'" in str(caught.value)
    _fixture_roles(fixture_data, event_ids="e62-nowhere")
    with pytest.raises(data.DataError, match="column 'event_ids'.*e62-nowhere"):
        instructors.cards()


def test_card_html_escapes_every_text_and_is_printable():
    card = instructors.Card(
        id="r-x",
        person_id="x",
        name="A <b>bold</b> name",
        office="Office & co",
        side="Havana",
        position='He said "<script>alert(1)</script>" [dobbs-2008].',
        private_knowledge="Knows <i>.",
        does_not_know="Nothing & nobody.",
        quotes=(instructors.CardQuote("q-x", "Speaker <x>", "1962-10-26", "a <q>", "a;b"),),
        timeline=(instructors.CardEvent("e62-x", "26 October 1962", "Title <t>"),),
        sealed_quotes=(),
        sealed_events=(),
        source_ids=(),
        decisions=("Decide <now>", "b", "c", "d"),
        documents="A letter & a cable, 26 Oct 1962",
    )
    page = instructors.cards_html([card])
    assert "<script>" not in page and "<b>bold" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "Office &amp; co" in page and "Decide &lt;now&gt;" in page
    assert "[dobbs-2008]" not in page  # the student's card names its documents in one line
    assert "A letter &amp; a cable, 26 Oct 1962" in page
    assert "break-after: page" in page and "DejaVu Serif" in page
    assert page.index("cut along") < page.index("Nothing &amp; nobody")


def test_the_cards_command_writes_the_roleplay_printables(tmp_path, capsys):
    assert instructors.main(["cards", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cards.html",
        "cards.md",
        "control.html",
        "forms.html",
        "record.html",
        "record.md",
    ]
    record = (tmp_path / "record.md").read_text(encoding="utf-8")
    assert "`e62-u2-shot-down`" in record and "`e62-radio-moscow-acceptance`" in record
    assert record.index("e62-maultsby-u2") < record.index("e62-radio-moscow-acceptance")
    control = (tmp_path / "control.html").read_text(encoding="utf-8")
    assert "Control log, 50-minute version" in control and "90-minute version" in control
    for card in instructors.cards():  # full references on the instructor's sheet
        for source_id in card.source_ids:
            assert f"[{source_id}]" in control, (card.id, source_id)


# ---------------------------------------------------------------- grading a class folder

STUDENT = ROOT / "exercises" / "01_thirteen_days.ipynb"
SOLVED = ROOT / "exercises" / "solutions" / "01_thirteen_days.ipynb"


def _partial(solution: nbformat.NotebookNode, blanks: int) -> nbformat.NotebookNode:
    """The solution with its first `blanks` answers replaced by `...` (a half-done notebook)."""
    nb = nbformat.from_dict(solution)
    done = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and authoring.BEGIN_MARK in cell.source and done < blanks:
            cell.source, _ = authoring.strip_solutions(cell.source)
            done += 1
    assert done == blanks
    return nb


def test_grading_a_folder_writes_one_csv_row_per_submission(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(STUDENT, folder / "01_blank.ipynb")
    shutil.copy(SOLVED, folder / "01_complete.ipynb")
    solution = nbformat.read(str(SOLVED), as_version=4)
    nbformat.write(_partial(solution, 4), str(folder / "01_partial.ipynb"))
    out = tmp_path / "scores.csv"
    assert grade.main([str(folder), "--csv", str(out)]) == 1  # not everyone is done
    rows = {r["notebook"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert list(rows) == ["01_blank.ipynb", "01_complete.ipynb", "01_partial.ipynb"]
    total = int(rows["01_complete.ipynb"]["total"])
    assert total >= 5 and all(r["lesson"] == "1" and r["problem"] == "" for r in rows.values())
    blank, complete, partial = (rows[f"01_{n}.ipynb"] for n in ("blank", "complete", "partial"))
    assert (blank["correct"], blank["not_attempted"], blank["score_percent"]) == (
        "0",
        str(total),
        "0",
    )
    # Free text is never "correct": the reflection is submitted, to be scored by a person.
    submitted = int(complete["submitted"])
    assert submitted >= 1
    assert (complete["correct"], complete["score_percent"]) == (str(total - submitted), "100")
    done = int(partial["correct"]) + int(partial["submitted"])
    assert (done, partial["not_attempted"]) == (total - 4, "4")
    assert partial["not_yet"] == "0"
    assert f"Scores written to {out}" in capsys.readouterr().out


# ---------------------------------------------------------------- handouts


def test_the_print_pack_has_a_reader_per_lesson_and_worksheets_exercises_and_keys(tmp_path):
    lessons = instructors.lesson_notebooks()
    assert [p.name for p in lessons][:1] == ["00_start_here.ipynb"]
    paths = {p.name for p in instructors.write_handouts(tmp_path)}
    for lesson in lessons:
        number = handouts.lesson_number(lesson)
        assert f"{lesson.stem}_reader.html" in paths
        if handouts._questions(number):
            assert {f"{lesson.stem}_exercises.html", f"{lesson.stem}_answers.html"} <= paths
    for number in (2, 3, 4):  # the empathy map, the role-play record, the capstone brief
        assert any(p.startswith(f"0{number}_") and p.endswith("_worksheet.html") for p in paths)
    guide = (KIT / "README.md").read_text(encoding="utf-8")
    for name in paths:  # the guide lists every file of the pack with its page count
        assert f"`{name}`" in guide, name
    for page in tmp_path.iterdir():
        assert "<script" not in page.read_text(encoding="utf-8").lower(), page.name


def test_a_reader_keeps_narrative_figures_and_alt_text_and_drops_code(tmp_path):
    for lesson in instructors.lesson_notebooks():
        nb = nbformat.read(str(lesson), as_version=4)
        page = handouts.reader_html(lesson)
        title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
        assert title in page, lesson.name
        pngs = sum(
            "image/png" in o.get("data", {})
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
        )
        assert page.count("data:image/png;base64") == pngs, lesson.name  # figures kept
        assert page.count(' alt="') >= pngs and ' alt=""' not in page, lesson.name
        for cell in nb.cells:  # no code: no line of any code cell shows
            if cell.cell_type == "code" and len(cell.source) > 40:
                assert cell.source not in page, lesson.name
        assert "jp-InputArea" not in page and "<details" not in page, lesson.name


def test_the_answer_key_comes_from_the_solutions_and_the_exercises_hide_it():
    for number in (1, 2, 3, 4):
        solved = handouts.solution_answers(number)
        assert solved, number
        key, sheet = handouts.answers_html(number), handouts.exercises_html(number)
        for qid, answer in solved.items():
            assert html.escape(answer) in key, (qid, answer)
            if len(answer) > 12:
                assert html.escape(answer) not in sheet, (qid, answer)
        assert "submitted" in key  # free text is scored by a person, never "correct"


def test_a_widget_shows_as_its_static_form_with_a_note():
    lesson = next(
        p for p in instructors.lesson_notebooks() if instructors.WIDGET_MIME in p.read_text()
    )
    page = handouts.reader_html(lesson)
    assert instructors.WIDGET_MIME not in page
    assert html.escape(instructors.WIDGET_NOTE) in page
    assert instructors.WIDGET_MIME in lesson.read_text()  # the lesson itself is untouched


def test_the_handouts_command_refuses_a_missing_notebook(tmp_path, capsys):
    missing = tmp_path / "99_nothing.ipynb"
    assert instructors.main(["handouts", "--out", str(tmp_path), str(missing)]) == 2
    assert "There is no lesson notebook" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- JupyterHub link


def test_nbgitpuller_link_matches_the_guide(capsys):
    link = instructors.nbgitpuller_link("https://YOUR-HUB.example.org/")
    assert link == (
        "https://YOUR-HUB.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com"
        "%2Fthirteen-days%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Flessons%2F"
        "00_start_here.ipynb"
    )
    assert link in (KIT / "README.md").read_text(encoding="utf-8")
    fork = instructors.nbgitpuller_link(
        "https://hub.example.org", repo="https://github.com/me/thirteen.git", branch="students"
    )
    assert "branch=students" in fork and "lab%2Ftree%2Fthirteen%2Flessons" in fork
    with pytest.raises(ValueError, match="https://"):
        instructors.nbgitpuller_link("hub.example.org")
    assert instructors.main(["link", "hub.example.org"]) == 2
    assert instructors.main(["link", "https://hub.example.org"]) == 0
    assert "git-pull?repo=" in capsys.readouterr().out


def test_roleplay_day_is_black_saturday():
    assert instructors.ROLEPLAY_DAY == date(1962, 10, 27)


def test_the_roleplay_page_and_the_data_readme_agree_with_the_room_table():
    page = (KIT / "roleplay" / "README.md").read_text(encoding="utf-8")
    sizes = {n: roleplay.room_sizes(roleplay.seating(n)) for n in roleplay.CLASS_SIZES}
    labels = {
        "ExComm": "ExComm",
        "Presidium": "Presidium",
        "Havana": "Havana",
        "Embassy": "Go-betweens",
    }
    for side, label in labels.items():
        row = next(line for line in page.splitlines() if line.startswith(f"| {label}"))
        stated = [int(c) for c in row.strip(" |").split("|")[-4:]]
        assert stated == [sizes[n][side] for n in roleplay.CLASS_SIZES], label
        for card in instructors.cards():
            if card.side == side:
                assert f"`{card.id}`" in row, card.id
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    header = (ROOT / "data" / roleplay.ROOMS_FILE).read_text("utf-8").splitlines()[0]
    for column in [*header.split(","), *instructors.role_cards.EXTRA_COLUMNS]:
        assert f"`{column}`" in readme or column.startswith("decision_"), column
    assert "`decision_1` ... `decision_4`" in readme and f"`{roleplay.ROOMS_FILE}`" in readme


def test_no_inject_gives_away_an_outcome_the_rooms_decide():
    outcomes = ("acceptance", "accepts", "agreement to remove", "dismantled")
    for minutes in (50, 90):
        for release in roleplay.control_log(minutes):
            assert not any(word in release.title.lower() for word in outcomes), release
