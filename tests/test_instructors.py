"""The instructor kit stays true to the course: plans, role cards, grading, handouts, links.

Role-card rendering and sealing are tested on the fixture dataset; the committed kit (plans,
cards, the ids cited in the guide) is checked against the real course. Grading runs real
kernels on sample submissions made in tmp_path; handouts convert the committed lessons.
"""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date

import nbformat
import pytest

from crisislab import authoring, course, data, grade, instructors
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


def test_rubrics_use_the_registered_criteria():
    from crisislab.checks import questions

    registered = {q.id: q for q in questions()}
    rubrics = (KIT / "rubrics.md").read_text(encoding="utf-8")
    for qid in ("02.empathy-map", "04.capstone"):
        facts = registered[qid].facts()
        assert facts.rubric, qid
        for criterion in facts.rubric:
            assert criterion in rubrics, criterion
    assert rubrics.count("### A strong answer") == 2 and rubrics.count("### A weak answer") == 2


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


def test_roles_cover_both_rooms_the_embassy_and_havana():
    roles = data.load("roles")
    assert len(roles) >= 8
    people = set(roles["person_id"])
    for person in (
        *("jfk", "rfk", "mcnamara", "rusk", "stevenson"),
        *("khrushchev", "gromyko", "malinovsky", "mikoyan", "dobrynin", "castro"),
    ):
        assert person in people, person
    assert people & {"maxwell-taylor", "lemay"}
    assert set(roles["side"]) == {"ExComm", "Presidium", "Embassy", "Havana"}


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
    cards = instructors.cards()
    folder = KIT / "roleplay"
    stale = "is stale: run `python -m crisislab.instructors cards`"
    assert (folder / "cards.md").read_text("utf-8") == instructors.cards_markdown(cards), stale
    assert (folder / "cards.html").read_text("utf-8") == instructors.cards_html(cards), stale
    assert (folder / "record.md").read_text("utf-8") == instructors.record_markdown(), stale
    assert "(not in the bibliography)" not in (folder / "cards.md").read_text("utf-8")


def test_cards_follow_what_each_side_knew_that_morning():
    by_id = {card.id: card for card in instructors.cards()}
    mcnamara, khrushchev = by_id["r-mcnamara"], by_id["r-khrushchev"]
    # The warheads arrived on 4 October: Moscow knew, Washington learned it in 1992.
    assert "e62-indigirka-arrives" in [e.id for e in khrushchev.timeline]
    assert "e62-indigirka-arrives" in [e.id for e in mcnamara.sealed_events]
    for card in by_id.values():
        assert card.position and card.private_knowledge and card.does_not_know
        assert all("1962-10-27" > q.date for q in card.quotes if q.date), card.id
        assert all(q.date >= "1962-10-27" for q in card.sealed_quotes if q.date), card.id
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
    assert text.index("Fold here") < text.index("That warheads are in Cuba")
    assert text.index("Knows of the briefing") < text.index("Fold here")
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
    )
    page = instructors.cards_html([card])
    assert "<script>" not in page and "<b>bold" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "Office &amp; co" in page
    assert '<span class="id">[dobbs-2008]</span>' in page
    assert "@media print" in page and "break-after: page" in page
    assert page.index("fold here") < page.index("Nothing &amp; nobody")


def test_the_cards_command_writes_three_files(tmp_path, capsys):
    assert instructors.main(["cards", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.html", "cards.md", "record.md"]
    record = (tmp_path / "record.md").read_text(encoding="utf-8")
    assert "`e62-u2-shot-down`" in record and "`e62-radio-moscow-acceptance`" in record
    assert record.index("e62-maultsby-u2") < record.index("e62-radio-moscow-acceptance")


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
    assert (complete["correct"], complete["score_percent"]) == (str(total), "100")
    assert (partial["correct"], partial["not_attempted"]) == (str(total - 4), "4")
    assert partial["not_yet"] == "0"
    assert f"Scores written to {out}" in capsys.readouterr().out


# ---------------------------------------------------------------- handouts


def test_the_handout_script_writes_one_static_html_file_per_lesson(tmp_path):
    lessons = instructors.lesson_notebooks()
    assert [p.name for p in lessons][:1] == ["00_start_here.ipynb"]
    paths = instructors.write_handouts(tmp_path)
    assert [p.name for p in paths] == [p.stem + ".html" for p in lessons]
    for lesson, page in zip(lessons, paths, strict=True):
        html_text = page.read_text(encoding="utf-8")
        nb = nbformat.read(str(lesson), as_version=4)
        title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
        assert title in html_text, page.name
        assert "<script" not in html_text.lower(), page.name  # static, nothing from a CDN
        assert "crisislab-handout-note" in html_text
        pngs = sum(
            "image/png" in o.get("data", {})
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
        )
        assert html_text.count("data:image/png;base64") >= pngs, page.name  # figures kept


def test_widget_outputs_become_their_text_with_a_note():
    lesson = next(
        p for p in instructors.lesson_notebooks() if instructors.WIDGET_MIME in p.read_text()
    )
    nb = nbformat.read(str(lesson), as_version=4)
    static = instructors._static_notebook(nb)
    outputs = [o for c in static.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not any(instructors.WIDGET_MIME in o.get("data", {}) for o in outputs)
    assert any(instructors.WIDGET_NOTE in o.get("data", {}).get("text/plain", "") for o in outputs)
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
