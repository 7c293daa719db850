"""WCAG 2.1 A and AA in the notebook, checked by axe-core in a real JupyterLab and Notebook 7.

Each lesson and one exercise notebook is opened, its outputs cleared and every cell run; then
the pinned axe-core (npm, ``package-lock.json``) is injected and run on the notebook area with
the WCAG 2.0/2.1 A and AA rules. The test fails on any serious or critical violation in markup
the course produces (the HTML it writes, its figures, the widgets it builds), except the known
residuals of ``a11y_residuals.py``. JupyterLab's own violations (prompts, editors, the markdown
cells its theme styles) are printed and saved as JSON beside the run, never failed on.

Every ``<img>`` in the outputs must have alt text: a figure's alt reaches the page only through
the ``<img alt>`` of its HTML form (JupyterLab drops an alt stored in metadata).
"""

from __future__ import annotations

import json

import pytest

from . import a11y, lab

LESSONS = [
    "lessons/00_start_here.ipynb",
    "lessons/01_thirteen_days.ipynb",
    "lessons/02_strategic_empathy.ipynb",
    "lessons/03_decisions_under_pressure.ipynb",
    "lessons/04_1962_and_2022.ipynb",
]
EXERCISE = "exercises/01_thirteen_days.ipynb"
#: Lessons that show figures with style.show_figure (lesson 0 shows none).
LESSONS_WITH_FIGURES = LESSONS[1:]


def _record(report: a11y.AxeReport, browser_home, record_property, where: str) -> None:
    """Print and keep what axe found (JupyterLab's own included) without failing on it."""
    print(f"\n[{where}] {report.summary()}")
    folder = browser_home / "axe"
    folder.mkdir(exist_ok=True)
    name = report.notebook.replace("/", "_").replace(".ipynb", "")
    path = folder / f"{where}-{name}.json"
    path.write_text(json.dumps(report.nodes, indent=1), encoding="utf-8")
    print(f"[{where}] every violation, JupyterLab's own included: {path}")
    record_property(f"axe_{where}_course", len(report.course(failing_only=False)))
    record_property(f"axe_{where}_residual", len(report.residuals()))
    record_property(f"axe_{where}_jupyterlab", len(report.jupyterlab()))


def _check(page, notebook: str, browser_home, record_property, where: str) -> None:
    report = a11y.run_axe(page, notebook)
    _record(report, browser_home, record_property, where)
    failing = report.course()
    assert not failing, (
        f"{len(failing)} serious or critical WCAG 2.1 A/AA violation(s) in the course's own "
        f"markup in {notebook} ({where}):\n{report.explain(failing)}"
    )
    missing = a11y.images_without_alt(page)
    assert not missing, f"<img> without alt text in {notebook}: {missing}"


@pytest.mark.parametrize(
    "notebook", [*LESSONS, EXERCISE], ids=lambda path: path.split("_")[0].replace("/", "-")
)
def test_axe_finds_no_serious_violation_in_course_markup(
    page, jupyter, notebook, browser_home, record_property
):
    lab.open_lab(page, jupyter, notebook)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)
    _check(page, notebook, browser_home, record_property, "jupyterlab")
    if notebook in LESSONS_WITH_FIGURES:
        assert a11y.image_count(page) > 0, f"{notebook} shows no figure after Run All"


def test_axe_in_notebook7_for_lesson0(page, jupyter, browser_home, record_property):
    notebook = LESSONS[0]
    lab.open_notebook7(page, jupyter, notebook)
    lab.clear_and_run_all(page, lab=False)
    lab.assert_no_errors(page)
    _check(page, notebook, browser_home, record_property, "notebook7")


def test_residuals_name_their_upstream_issues():
    from .a11y_residuals import KNOWN_LIMITS, RESIDUALS

    for item in (*RESIDUALS, *KNOWN_LIMITS):
        assert item.why and item.instead
        assert item.upstream and all(u.startswith("https://github.com/") for u in item.upstream)


def test_axe_core_is_the_pinned_version():
    """The axe-core on disk is the one package-lock.json pins (npm ci, never a CDN)."""
    from crisislab.paths import repo_root

    a11y.axe_source()  # skips with the reason when npm ci has not run
    lock = json.loads((repo_root() / "package-lock.json").read_text(encoding="utf-8"))
    assert a11y.axe_version() == lock["packages"]["node_modules/axe-core"]["version"]
