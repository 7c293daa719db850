"""The kit's printables print: headless Chromium prints each to PDF on A4 and US Letter.

Each role card is exactly one page with its sealed strip on it, cut at the same height on every
card; no page of the print pack (readers, worksheets, exercises, keys) or of the role-play sheets
has anything wider than the paper; each reader stays within its page budget. The files are
generated into a temporary folder from the current data and lessons, so this also checks what
``python -m crisislab.instructors cards`` and ``handouts`` would write now.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crisislab import instructors
from crisislab.instructors import handouts, printing

PAPERS = tuple(printing.PAPERS)  # ("A4", "Letter")
PX_PER_MM = 96 / 25.4


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture(scope="module")
def printables(tmp_path_factory) -> dict[str, Path]:
    """The role-play sheets and the print pack, written into a temporary folder."""
    folder = tmp_path_factory.mktemp("print")
    paths = instructors.write_cards(folder / "roleplay")
    paths += instructors.write_handouts(folder / "handouts")
    return {p.name: p for p in paths if p.suffix == ".html"}


@pytest.fixture(scope="module")
def printer(chromium):
    """One browser page for printing, in print media, as wide as the printable area."""
    context = chromium.new_context(
        viewport={"width": round(printing.PAGE_WIDTH_MM * PX_PER_MM), "height": 1000}
    )
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def _pdf(printer, path: Path, paper: str) -> bytes:
    printer.goto(path.as_uri())
    printer.wait_for_load_state("load")
    return printer.pdf(format=paper, print_background=True)


_FITS = """() => { const need = el => { const top = el.getBoundingClientRect().top; let m = 0;
  for (const k of el.children) { m = Math.max(m, k.getBoundingClientRect().bottom
    + parseFloat(getComputedStyle(k).marginBottom) - top); } return m; };
  return [...document.querySelectorAll('.card')].map(c => {
    const open = c.querySelector('.open'), sealed = c.querySelector('.sealed');
    return {id: c.id, open: need(open) <= open.clientHeight + 0.5,
            sealed: need(sealed) <= sealed.clientHeight + 0.5,
            cut: Math.round(sealed.getBoundingClientRect().top - c.getBoundingClientRect().top)};
  }); }"""

_TOO_WIDE = """(limit) => [...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > limit + 1)
  .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60))
  .slice(0, 5)"""


@pytest.mark.parametrize("paper", PAPERS)
def test_each_role_card_prints_on_exactly_one_page_with_its_sealed_strip(
    printer, printables, paper
):
    cards = instructors.cards()
    pdf = _pdf(printer, printables["cards.html"], paper)
    assert page_count(pdf) == len(cards), f"{len(cards)} cards on {page_count(pdf)} pages"
    fits = printer.evaluate(_FITS)
    assert [f["id"] for f in fits] == [c.id for c in cards]
    assert [f["id"] for f in fits if not f["open"]] == [], "open half overflows"
    assert [f["id"] for f in fits if not f["sealed"]] == [], "sealed strip overflows"
    assert len({f["cut"] for f in fits}) == 1, "the cut line moves from card to card"
    for card in cards:  # one printed page is one card: the page holds its name and strip
        assert printer.locator(f"#{card.id} .sealed").count() == 1


@pytest.mark.parametrize("paper", PAPERS)
def test_nothing_in_the_print_pack_or_the_roleplay_sheets_is_wider_than_the_page(
    printer, printables, paper
):
    width_px = (printing.PAPERS[paper][0] - 2 * printing.MARGIN_MM) * PX_PER_MM
    printer.set_viewport_size({"width": round(width_px), "height": 1000})
    try:
        for name, path in sorted(printables.items()):
            printer.goto(path.as_uri())
            printer.wait_for_load_state("load")
            wide = printer.evaluate(_TOO_WIDE, width_px)
            assert wide == [], f"{name} on {paper}: wider than the page: {wide}"
            scroll = printer.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width_px + 1, f"{name} on {paper}: {scroll}px > {width_px:.0f}px"
    finally:
        printer.set_viewport_size(
            {"width": round(printing.PAGE_WIDTH_MM * PX_PER_MM), "height": 1000}
        )


@pytest.mark.parametrize("paper", PAPERS)
def test_each_reader_stays_within_its_page_budget(printer, printables, paper):
    readers = {n: p for n, p in printables.items() if n.endswith("_reader.html")}
    assert len(readers) == len(instructors.lesson_notebooks())
    counts = {name: page_count(_pdf(printer, path, paper)) for name, path in readers.items()}
    over = {n: c for n, c in counts.items() if c > handouts.READER_PAGE_BUDGET}
    assert not over, f"readers over {handouts.READER_PAGE_BUDGET} pages on {paper}: {over}"
    assert all(c >= 2 for c in counts.values()), counts  # a reader is more than a title


def test_the_forms_and_the_record_print(printer, printables):
    assert page_count(_pdf(printer, printables["forms.html"], "A4")) == 1
    assert page_count(_pdf(printer, printables["forms.html"], "Letter")) == 1
    assert page_count(_pdf(printer, printables["record.html"], "A4")) >= 2
    text = printer.inner_text("body")
    assert text.index("Anderson") < text.index("Kennedy accepts the terms")


def test_the_guide_states_each_printable_s_page_count(printer, printables):
    """The guide's counts: exact for the role-play's sheets (from data), within a page for the
    print pack (a lesson re-executed with a longer output may move a page break)."""
    from crisislab.instructors import pdf

    stated = pdf.guide_counts()
    assert set(stated) == set(printables), "run python -m crisislab.instructors pages"
    roleplay_sheets = {"cards.html", "control.html", "forms.html", "record.html"}
    for name, path in sorted(printables.items()):
        slack = 0 if name in roleplay_sheets else 1
        for paper in PAPERS:
            count = page_count(_pdf(printer, path, paper))
            assert abs(stated[name][paper] - count) <= slack, (
                f"{name} prints on {count} {paper} pages, the guide says {stated[name][paper]}: "
                "run python -m crisislab.instructors pages"
            )
