"""Injection, once in a real browser: a hostile event title shows as text in JupyterLab.

A scratch notebook (in a throwaway copy of the course) gives one 1962 event a title holding a
``<script>``, an ``<img src=x onerror=...>`` and attribute-breaking quotes, shows the timeline on
that day, and a check() panel for an answer holding the same text. After Run All the page must
show the text literally and have run none of it: no ``window.__xss``, no injected element or
event attribute in any output, even after the mouse passes over the card.

Uses the harness of tests/browser (server, page steps, Chromium flags). Skips, saying why,
where Chromium or Playwright is missing; fails instead when CRISISLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os

import nbformat
import pytest

from crisislab.paths import repo_root
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, missing_reason
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


@pytest.fixture(scope="module")
def lab_page(tmp_path_factory):
    """JupyterLab on a copy of the course with the scratch notebook, and a Chromium page."""
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CRISISLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CRISISLAB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    from tests.browser import server as jupyter_server

    home = tmp_path_factory.mktemp("browser-injection")
    course = jupyter_server.copy_course(repo_root(), home / "course")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells.append(nbformat.v4.new_code_cell(CELL))
    nb.cells.append(nbformat.v4.new_code_cell('check("01.order", [PAYLOAD, "B"])'))
    (course / "scratch").mkdir()
    nbformat.write(nb, str(course / "scratch" / "injection.ipynb"))
    running = jupyter_server.start(course, home / "jupyter")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(30_000)
                yield context.new_page(), running
            finally:
                browser.close()
    finally:
        jupyter_server.stop(running)


def test_hostile_text_shows_as_text_and_never_runs(lab_page):
    from playwright.sync_api import expect

    from tests.browser import lab

    page, running = lab_page
    lab.open_lab(page, running, "scratch/injection.ipynb")
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
