"""Fixtures for the real-browser tests: a Jupyter server, Debian's Chromium, a fresh page.

Every test here skips, saying why, where Chromium or Playwright is missing, and fails instead
when CRISISLAB_REQUIRE_BROWSER=1 (set by .ci/run). Chromium is Debian's (``/usr/bin/chromium``,
or ``$CRISISLAB_CHROMIUM``): Playwright drives it and never downloads a browser of its own.

On a failure the page is saved as a screenshot in a temporary folder whose path is printed.
``CRISISLAB_SCREENSHOTS=<folder>`` also keeps one screenshot per passing test there.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

# One list and one lookup for every Chromium the course starts (print pack and browser tests).
from crisislab.instructors.pdf import CHROMIUM_ARGS, chromium_path
from crisislab.paths import repo_root

from . import server as jupyter_server


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Python Playwright is not installed (pip install -r requirements-dev.txt)"
    if chromium_path() is None:
        return "Chromium is not installed (Debian: apt-get install chromium)"
    if importlib.util.find_spec("jupyterlab") is None:
        return "JupyterLab is not installed"
    return None


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    """Skip every browser test with the reason, or fail when CI requires the browser."""
    reason = missing_reason()
    if reason is None:
        return
    if os.environ.get("CRISISLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CRISISLAB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser_home(tmp_path_factory) -> Path:
    """A private folder for this run: the course copy, Jupyter's settings, screenshots."""
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def course_root(browser_home: Path) -> Path:
    """A temporary copy of the course (the package itself is imported from the install)."""
    return jupyter_server.copy_course(repo_root(), browser_home / "course")


@pytest.fixture(scope="session")
def jupyter(_browser_available, course_root: Path, browser_home: Path):
    """JupyterLab on 127.0.0.1 at a free port with a token, stopped at the end of the run."""
    running = jupyter_server.start(course_root, browser_home / "jupyter")
    try:
        yield running
    finally:
        jupyter_server.stop(running)


@pytest.fixture(scope="session")
def chromium(_browser_available):
    """Debian's Chromium, headless, started once for the run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium, request):
    """A page in a fresh browser context (no cookies, storage or cache from other tests)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "crisislab_call_report", None)
    try:
        if report is not None and report.failed:
            folder = Path(tempfile.mkdtemp(prefix="crisislab-browser-failure-"))
            path = folder / f"{request.node.name}.png"
            page.screenshot(path=str(path), full_page=True)
            print(f"\nscreenshot of the failing page: {path}")
        elif report is not None and report.passed and os.environ.get("CRISISLAB_SCREENSHOTS"):
            folder = Path(os.environ["CRISISLAB_SCREENSHOTS"])
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=False)
    finally:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each test's outcome on the item, so the page fixture knows to take a screenshot."""
    report = yield
    if report.when == "call":
        item.crisislab_call_report = report
    return report
