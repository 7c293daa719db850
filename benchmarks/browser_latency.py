"""Time from a key press on the timeline's Day slider to the changed page, in a real JupyterLab.

Run from the course folder:  python benchmarks/browser_latency.py [--presses 20]

It reuses the browser tests' harness (tests/browser: a throwaway JupyterLab on 127.0.0.1 at a
free port with a token and fresh settings folders, Debian's headless Chromium), opens a scratch
notebook that shows ``TimelineExplorer()``, focuses the Day slider and presses ArrowRight again
and again. For each press the page itself records, with ``performance.now()``, when the keydown
event arrived and when a MutationObserver first saw the status line name the new day and the
figure's picture change. It prints the median and p95 of both. Target: median <= 100 ms.
The server's kernel computes each new day's figure (first visits: nothing is cached).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import lab  # noqa: E402
from tests.browser import server as jupyter_server  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, missing_reason  # noqa: E402

TARGET_MS = 100.0

#: Arm the page for one press: note the keydown time, then the first mutation at which the
#: status line and the figure each differ from what they showed before the press.
ARM = """() => {
    const root = document.querySelector('.crisislab-timeline');
    const status = () => root.querySelector('.crisislab-status').textContent;
    const picture = () => {
        const img = root.querySelector('.crisislab-figure img');
        return img ? img.getAttribute('src') : '';
    };
    const before = {status: status(), figure: picture()};
    const times = {key: null, status: null, figure: null};
    window.__latency = times;
    document.addEventListener('keydown', () => { times.key = performance.now(); },
                              {capture: true, once: true});
    const observer = new MutationObserver(() => {
        const now = performance.now();
        if (times.status === null && status() !== before.status) times.status = now;
        if (times.figure === null && picture() !== before.figure) times.figure = now;
        if (times.status !== null && times.figure !== null) observer.disconnect();
    });
    observer.observe(root, {subtree: true, childList: true, characterData: true,
                            attributes: true});
}"""


def scratch_notebook(folder: Path) -> str:
    """A notebook with one cell that shows the timeline explorer; its path under the root."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "from crisislab.timeline import TimelineExplorer\n\nTimelineExplorer()"
        )
    )
    (folder / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, str(folder / "scratch" / "timeline.ipynb"))
    return "scratch/timeline.ipynb"


def percentile95(values: list[float]) -> float:
    """The 95th percentile (the value itself when there is one)."""
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def measure(page, presses: int) -> tuple[list[float], list[float]]:
    """Press ArrowRight ``presses`` times; ms from keydown to new status text and new figure."""
    handle = lab.slider_handle(page, "Day")
    handle.scroll_into_view_if_needed()
    handle.focus()
    handle.press("Home")
    page.wait_for_timeout(1500)  # let the first day settle before timing
    status_ms, figure_ms = [], []
    for _ in range(presses):
        page.evaluate(ARM)
        handle.press("ArrowRight")
        page.wait_for_function(
            "() => window.__latency.status !== null && window.__latency.figure !== null",
            timeout=30_000,
        )
        times = page.evaluate("window.__latency")
        status_ms.append(times["status"] - times["key"])
        figure_ms.append(times["figure"] - times["key"])
        page.wait_for_timeout(200)  # a student does not press faster than this
    return status_ms, figure_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args(argv)
    reason = missing_reason()
    if reason:
        print(f"cannot run: {reason}")
        return 1
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="crisislab-browser-bench-"))
    course = jupyter_server.copy_course(ROOT, home / "course")
    path = scratch_notebook(course)
    running = jupyter_server.start(course, home / "jupyter")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(60_000)
                page = context.new_page()
                lab.open_lab(page, running, path)
                lab.clear_and_run_all(page)
                lab.assert_no_errors(page)
                status_ms, figure_ms = measure(page, args.presses)
            finally:
                browser.close()
    finally:
        jupyter_server.stop(running)
        shutil.rmtree(home, ignore_errors=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f}; Chromium {chromium_path()}")
    print(f"TimelineExplorer Day slider, {len(status_ms)} ArrowRight presses (first visits)")
    for name, values in (("status line text", status_ms), ("figure picture", figure_ms)):
        print(
            f"key press to new {name:<17} median {statistics.median(values):6.0f} ms"
            f"   p95 {percentile95(values):6.0f} ms"
        )
    median = statistics.median(figure_ms)
    verdict = "met" if median <= TARGET_MS else "NOT met"
    print(f"median to the full change: {median:.0f} ms (target <= {TARGET_MS:.0f}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
