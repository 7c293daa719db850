"""Injection, once in a real browser: a hostile event title shows as text in JupyterLab.

A scratch notebook (in a throwaway copy of the course) gives one 1962 event a title holding a
``<script>``, an ``<img src=x onerror=...>`` and attribute-breaking quotes, shows the timeline on
that day, and a check() panel for an answer holding the same text. After Run All the page must
show the text literally and have run none of it: no ``window.__xss``, no injected element or
event attribute in any output, even after the mouse passes over the card.

Uses the session fixtures of tests/browser (one JupyterLab, one Chromium for the whole run),
so it skips, saying why, where Chromium or Playwright is missing, and fails instead when
CRISISLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.test_injection import PAYLOAD

SHOWN = "<script>window.__xss=1</script>"

CELL = f"""\
from crisislab import data
from crisislab.checks import check
from crisislab.timeline import TimelineExplorer

PAYLOAD = {PAYLOAD!r}
events = data.events(1962)
target = events["id"] == "e62-u2-photographs"
events.loc[target, "title"] = events.loc[target, "title"] + PAYLOAD
explorer = TimelineExplorer(events, day=events.loc[target, "date"].iloc[0])
explorer"""

FOUND = """() => {
    const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
    const bad = [];
    for (const out of outputs) {
        for (const el of out.querySelectorAll('*')) {
            if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) bad.push(el.tagName);
            if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('img src=x');
            for (const attr of el.getAttributeNames()) {
                if (attr.startsWith('on')) bad.push(el.tagName + ' ' + attr);
            }
        }
    }
    return {bad: bad, xss: window.__xss === undefined ? null : window.__xss};
}"""


@pytest.fixture
def injection_notebook(course_root) -> str:
    """A scratch notebook in the course copy that shows hostile text (not part of the course)."""
    folder = course_root / "scratch"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells.append(nbformat.v4.new_code_cell(CELL))
    nb.cells.append(nbformat.v4.new_code_cell('check("01.order", [PAYLOAD, "B"])'))
    nbformat.write(nb, str(folder / "injection.ipynb"))
    return "scratch/injection.ipynb"


def test_hostile_text_shows_as_text_and_never_runs(page, jupyter, injection_notebook):
    from playwright.sync_api import expect

    from tests.browser import lab

    lab.open_lab(page, jupyter, injection_notebook)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    card = page.locator('.crisislab-card[data-event-id="e62-u2-photographs"]').first
    expect(card).to_be_visible()
    expect(card).to_contain_text(SHOWN)  # the markup reads as text
    expect(card).to_contain_text('" onmouseover="window.__xss=3"')
    card.hover()
    feedback = lab.active(page).locator(".jp-OutputArea-output").last
    expect(feedback).to_contain_text("<script>window.__xss=1")  # the answer, echoed as text
    feedback.hover()
    page.wait_for_timeout(500)  # time for an injected handler to fire, were there one

    found = page.evaluate(FOUND)
    assert found["xss"] is None, f"injected script ran: window.__xss = {found['xss']}"
    assert found["bad"] == [], f"injected elements or handlers in the page: {found['bad']}"
