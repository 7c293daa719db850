"""Injection: a data row holding <script>, <img onerror=...> and quotes shows as text everywhere.

The loader refuses markup in data files (first test). Everything after it assumes the worst,
that markup got past the loader (a hand-made DataFrame, a future table): every text column of
a copy of the course data, the decision points and the letters get a hostile suffix, the
loader's markup check is switched off, and each explorer, card and table is driven through its
states. Every HTML string produced must parse without a script element, an ``on...`` event
attribute or the injected image, and must show the hostile text escaped (so the check is not
vacuous). The same holds for the exercise feedback and prompts, whatever a student types.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as widgets
import pytest

from crisislab import data, decisions
from crisislab.paths import repo_root
from tests.datafixtures import EVENTS_1962, write_dataset, write_table

#: Opens a script and an image with an event handler, then closes an attribute with either quote.
MARKUP = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
QUOTES = " \" onmouseover=\"window.__xss=3\" ' onfocus='window.__xss=4' &amp;"
PAYLOAD = " " + MARKUP + QUOTES
ESCAPED = "&lt;script&gt;window.__xss=1&lt;/script&gt;"
NEVER = re.compile(r"(?!x)x")


class _Elements(HTMLParser):
    """Collect every element and attribute a browser would build from an HTML string."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def dangers(markup: str) -> list[str]:
    """What in ``markup`` would run script or load the injected image (empty when safe)."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    problems = []
    for tag, attrs in parser.found:
        if tag in ("script", "iframe", "object", "embed"):
            problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"{name}= attribute on <{tag}>")
            if value and "javascript:" in value.lower():
                problems.append(f"javascript: URL in <{tag} {name}>")
            if tag == "img" and name == "src" and value == "x":
                problems.append("the injected <img src=x>")
    return problems


def assert_safe(pieces: Iterable[str], where: str) -> None:
    """No piece has a danger, and the hostile text shows, escaped, in at least one."""
    pieces = [p for p in pieces if p]
    assert pieces, f"{where}: no HTML produced"
    for piece in pieces:
        problems = dangers(piece)
        assert not problems, f"{where}: {problems} in {piece[:300]!r}"
    assert any(ESCAPED in piece for piece in pieces), f"{where}: the data row never showed"


def widget_html(widget: widgets.Widget) -> list[str]:
    """The value of every HTML widget in a widget tree (what the page renders as markup)."""
    found = []
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found += widget_html(child)
    return found


def bundle_html(obj) -> str:
    """The text/html of an object's rich display, if it has one."""
    if hasattr(obj, "_repr_mimebundle_"):
        bundle = obj._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        return bundle.get("text/html", "")
    return obj._repr_html_() if hasattr(obj, "_repr_html_") else ""


# ------------------------------------------------------------------------------ the loader


@pytest.mark.parametrize(
    "bad",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "javascript:alert(1)"],
)
def test_loader_refuses_markup_in_a_data_file(tmp_path, bad):
    folder = write_dataset(tmp_path / "data")
    rows = [dict(r) for r in EVENTS_1962]
    rows[0]["title"] = "Bundy briefs the President " + bad
    write_table(folder, "events_1962", rows)
    with pytest.raises(data.DataError) as caught:
        data.load("events_1962", folder)
    message = str(caught.value)
    assert "events_1962.csv" in message and "row 1" in message and "'title'" in message
    assert "without HTML or script markup" in message


def test_loader_keeps_quotes_and_ampersands_as_text(tmp_path):
    folder = write_dataset(tmp_path / "data")
    rows = [dict(r) for r in EVENTS_1962]
    rows[0]["title"] = "Kennedy's \"quarantine\" & the 'blockade'"
    write_table(folder, "events_1962", rows)
    assert data.load("events_1962", folder)["title"].iloc[0] == rows[0]["title"]


# ------------------------------------------------------------------------ poisoned course data


def _poison_tables(folder: Path) -> None:
    for table in data.TABLES.values():
        path = folder / table.file
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        for row in rows:
            for column, spec in table.columns.items():
                if spec.kind == "text" and column != table.id_column and row.get(column):
                    row[column] += PAYLOAD
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)


_DECISION_TEXT = {
    "title",
    "situation",
    "question",
    "why_chosen",
    "moscow_reading",
    "label",
    "advocates_note",
    "what_happened",
    "historian",
    "text",
}


def _poison_decisions(node, inside_counterfactual: bool = False):
    if isinstance(node, list):
        return [_poison_decisions(item, inside_counterfactual) for item in node]
    if not isinstance(node, dict):
        return node
    poisoned = {}
    for key, value in node.items():
        if isinstance(value, str) and value and key in _DECISION_TEXT:
            fixed = inside_counterfactual and key == "label"  # must read as the fixed label
            poisoned[key] = value if fixed else value + PAYLOAD
        else:
            poisoned[key] = _poison_decisions(value, key == "counterfactual")
    return poisoned


@pytest.fixture(scope="module")
def poisoned_folder(tmp_path_factory) -> Path:
    """A copy of the course data with the hostile suffix on every free-text field."""
    folder = tmp_path_factory.mktemp("poisoned") / "data"
    shutil.copytree(repo_root() / "data", folder, ignore=shutil.ignore_patterns("build"))
    _poison_tables(folder)
    path = folder / "decisions.json"
    if path.exists():
        raw = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(_poison_decisions(raw)), encoding="utf-8")
    return folder


@pytest.fixture
def poisoned(poisoned_folder, monkeypatch) -> Path:
    """Use the poisoned copy, with the loader's markup check switched off."""
    monkeypatch.setattr(data, "_MARKUP", NEVER)
    monkeypatch.setattr(decisions, "_MARKUP", NEVER)
    monkeypatch.setenv("CRISISLAB_DATA", str(poisoned_folder))
    return poisoned_folder


def _explorer(module: str, name: str):
    found = pytest.importorskip(f"crisislab.{module}")
    if not hasattr(found, name):
        pytest.skip(f"crisislab.{module}.{name} does not exist yet")
    return found, getattr(found, name)


def test_poisoned_copy_really_holds_the_payload(poisoned):
    assert data.load("events_1962")["title"].iloc[0].endswith(PAYLOAD)
    assert data.load("people")["name"].iloc[0].endswith(PAYLOAD)
    assert decisions.load_decisions()[0].situation.endswith(PAYLOAD)


def test_timeline_cards_status_and_every_view(poisoned):
    timeline, explorer_class = _explorer("timeline", "TimelineExplorer")
    explorer = explorer_class()
    pieces = []
    for view in timeline.VIEWS:
        explorer.set_view(view)
        for day in explorer.days:
            explorer.select_day(day)
            pieces += widget_html(explorer.widget)
    pieces.append(bundle_html(explorer))
    pieces += [timeline.card_for(row) for _, row in data.events(1962).iterrows()]
    assert_safe(pieces, "TimelineExplorer")


def test_range_map_list(poisoned):
    maps, explorer_class = _explorer("maps", "RangeMap")
    explorer = explorer_class()
    pieces = []
    for site in maps.launch_sites(1962):
        for weapon in maps.ranged_weapons(1962):
            explorer.select(site, weapon)
            pieces += widget_html(explorer.widget)
    assert_safe(pieces, "RangeMap")


def test_perspectives_columns_and_tables(poisoned):
    perspectives, explorer_class = _explorer("perspectives", "PerspectiveExplorer")
    explorer = explorer_class()
    pieces = []
    for moment in explorer.moment_ids():
        explorer.select(moment)
        pieces += widget_html(explorer.widget)
    pieces.append(perspectives.moments_table_html())
    pieces.append(bundle_html(perspectives.MomentsTable()))
    pieces += [bundle_html(perspectives.quote(q)) for q in data.load("quotes")["id"]]
    assert_safe(pieces, "PerspectiveExplorer")


def test_chicken_game_has_no_data_text_but_stays_clean(poisoned):
    _games, explorer_class = _explorer("games", "ChickenGame")
    game = explorer_class()
    pieces = []
    for exit_kind in ("none", "private", "public"):
        game.set_exit(exit_kind)
        pieces += widget_html(game.widget)
    for piece in pieces:  # the game shows no data rows: only check nothing dangerous appears
        assert not dangers(piece), piece[:300]


def test_decision_simulator_every_option(poisoned):
    decisions_module, explorer_class = _explorer("decisions", "DecisionSimulator")
    simulator = explorer_class()
    pieces = []
    for point in simulator.points:
        for option in point.options:
            simulator.choose(point.id, option.id)
            pieces += widget_html(simulator.widget)
    pieces.append(simulator.summary_html())
    pieces.append(decisions_module.decisions_table_html())
    pieces.append(bundle_html(decisions_module.DecisionsTable()))
    assert_safe(pieces, "DecisionSimulator")


def test_comparison_explorer_every_pair_and_tables(poisoned):
    compare, explorer_class = _explorer("compare", "ComparisonExplorer")
    explorer = explorer_class()
    pieces = []
    for kind in explorer.kinds():
        explorer.select_kind(kind)
        for pair in explorer.pair_ids(kind):
            explorer.select_pair(pair)
            pieces += widget_html(explorer.widget)
    pieces += [compare.pairs_table_html(), bundle_html(compare.PairsTable())]
    if (poisoned / "claims.csv").exists():
        pieces += [compare.claims_table_html(), bundle_html(compare.ArgumentMap())]
    pieces.append(compare.brief_sections_html("## Situation\n" + PAYLOAD))
    assert_safe(pieces, "ComparisonExplorer")


def test_letters_refuse_markup_and_passages_escape_it(poisoned):
    letters = pytest.importorskip("crisislab.letters")
    pieces = []
    for letter_id in letters.index()["id"]:
        passage = letters.passage(letter_id, 1)  # the sender's name carries the payload
        pieces.append(bundle_html(passage))
        passage.text += PAYLOAD  # as if markup had got into the letter's text
        pieces.append(bundle_html(passage))
    assert_safe(pieces, "letters.passage")
    stored = poisoned / "letters" / f"{letter_id}.txt"
    stored.write_text(stored.read_text(encoding="utf-8") + PAYLOAD, encoding="utf-8")
    try:
        with pytest.raises(data.DataError, match="without HTML markup"):
            letters.text(letter_id)
    finally:
        shutil.copy(repo_root() / "data" / "letters" / stored.name, stored)


def test_bibliography_and_references(poisoned):
    from crisislab import sources

    ids = list(data.load("sources")["id"])
    pieces = [bundle_html(sources.bibliography(ids))]
    pieces += [sources.reference_html(i) for i in ids[:50]]
    assert_safe(pieces, "sources.bibliography")


def test_check_feedback_and_prompts_escape_what_a_student_types(poisoned):
    from crisislab import checks

    pieces = []
    for question in checks.questions():
        for answer in (PAYLOAD, [PAYLOAD, "B"], {"x": PAYLOAD}):
            feedback = checks.check(question.id, answer)
            pieces += [feedback.html(), bundle_html(feedback)]
        pieces.append(bundle_html(checks.ask(question.id)))
    assert_safe(pieces, "checks feedback")


def test_role_cards(poisoned):
    instructors = pytest.importorskip("crisislab.instructors")
    if not (poisoned / "roles.csv").exists():
        pytest.skip("data/roles.csv does not exist yet")
    all_cards = instructors.cards()
    pieces = [instructors.card_html(card) for card in all_cards]
    pieces.append(instructors.cards_html(all_cards))
    assert_safe(pieces, "role cards")


def test_what_a_student_types_into_an_empathy_map_or_a_brief(poisoned):
    perspectives = pytest.importorskip("crisislab.perspectives")
    fields = {key: PAYLOAD for key in perspectives.EMPATHY_FIELDS}
    empathy = perspectives.EmpathyMap(PAYLOAD, PAYLOAD, PAYLOAD, **fields)
    pieces = [bundle_html(empathy)]
    compare = pytest.importorskip("crisislab.compare")
    pieces.append(compare.brief_sections_html(compare.brief_template(PAYLOAD, PAYLOAD) + PAYLOAD))
    assert_safe(pieces, "student text")


def test_the_detector_sees_the_payload_unescaped():
    """The checks above can fail: raw, the payload is a script, an image and two handlers."""
    found = dangers("<p>" + PAYLOAD + "</p>")
    assert "<script> element" in found and "the injected <img src=x>" in found
    assert "onerror= attribute on <img>" in found
    assert "onmouseover= attribute on <div>" in dangers(f'<div title="{QUOTES}">x</div>')
    assert "onfocus= attribute on <div>" in dangers(f"<div title='{QUOTES}'>x</div>")
    assert dangers(f'<div title="{html.escape(QUOTES)}">x</div>') == []
    assert dangers("<p>" + html.escape(PAYLOAD) + "</p>") == []
