"""What a student does in JupyterLab or Notebook 7, as Playwright steps the tests share."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Locator, Page, expect

ERROR_TEXTS = ("Error displaying widget", "Traceback (most recent call last)", "Model not found")


def open_lab(page: Page, server, path: str) -> None:
    """Open a notebook in JupyterLab (``/lab/tree/<path>``) and wait for its kernel to be idle.

    ``?reset`` starts from an empty workspace, so tabs opened by earlier tests do not come back.
    """
    page.goto(server.url(f"/lab/tree/{path}?reset"))
    active(page).wait_for(state="visible", timeout=60_000)
    wait_lab_idle(page)


def active(page: Page) -> Locator:
    """The notebook on show (JupyterLab keeps other tabs in the page, hidden)."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first


def open_notebook7(page: Page, server, path: str) -> None:
    """Open a notebook in Notebook 7 (``/notebooks/<path>``) and wait for its cells."""
    page.goto(server.url(f"/notebooks/{path}"))
    active(page).locator(".jp-Cell").first.wait_for(state="visible", timeout=60_000)
    wait_notebook7_idle(page)


def lab_status(page: Page) -> Locator:
    """The status-bar text that names the kernel and its state ('Python 3 (ipykernel) | Idle')."""
    return page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\|\s*(Idle|Busy)"))


def wait_lab_idle(page: Page, timeout: float = 90_000) -> None:
    """Wait until the status bar reads Idle (its text, not the toolbar's status attribute)."""
    expect(lab_status(page).first).to_have_text(re.compile(r"\|\s*Idle"), timeout=timeout)


def wait_notebook7_idle(page: Page, timeout: float = 90_000) -> None:
    """Notebook 7 has no status bar: wait for the kernel name, then for the idle indicator."""
    expect(page.locator(".jp-KernelName").first).to_contain_text("Python", timeout=timeout)
    indicator = page.locator(".jp-Notebook-ExecutionIndicator").first
    expect(indicator).to_have_attribute("data-status", "idle", timeout=timeout)


def menu_command(page: Page, menu: str, item: str) -> None:
    """Click a main-menu entry, e.g. ('Run', 'Run All Cells'), as a student would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
    entry = page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).first
    entry.click()


def code_prompts(page: Page) -> list[str]:
    """The execution prompts of every code cell, e.g. ['[1]:', '[*]:', '[ ]:']."""
    return active(page).locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()


def wait_all_run(page: Page, timeout: float = 120.0) -> None:
    """Wait until every code cell has run: a number in each prompt, none pending."""
    deadline = time.monotonic() + timeout
    prompts: list[str] = []
    while time.monotonic() < deadline:
        prompts = [p.strip() for p in code_prompts(page)]
        if prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"cells did not all run within {timeout:.0f} s: {prompts}")


def clear_and_run_all(page: Page, lab: bool = True) -> None:
    """Clear every output, then Run All, and wait until all cells ran and the kernel is idle."""
    menu_command(page, "Edit", "Clear Outputs of All Cells")
    expect(active(page).locator(".jp-OutputArea-output")).to_have_count(0)
    menu_command(page, "Run", "Run All Cells")
    wait_all_run(page)
    if lab:
        wait_lab_idle(page)
    else:
        wait_notebook7_idle(page)


def assert_no_errors(page: Page) -> None:
    """No cell shows an error, a traceback, stderr, or a widget that failed to display."""
    stderr = active(page).locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    )
    assert stderr.count() == 0, stderr.all_inner_texts()
    # Only outputs count: lesson 0's own prose names "Error displaying widget" on purpose.
    outputs = active(page).locator(".jp-OutputArea-output").all_inner_texts()
    found = [t for t in ERROR_TEXTS for out in outputs if t in out]
    assert not found, f"an output shows {found}"
    assert outputs, "no cell shows any output"


def slider(page: Page, description: str) -> Locator:
    """The ipywidgets slider (label, track, readout) with this description."""
    return (
        active(page)
        .locator(".widget-slider")
        .filter(
            has=page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(description)}$"))
        )
        .first
    )


def slider_handle(page: Page, description: str) -> Locator:
    """The keyboard-focusable handle of the slider with this description."""
    return slider(page, description).locator(".noUi-handle").first


def toggle_buttons(page: Page, description: str) -> Locator:
    """The buttons of the ipywidgets ToggleButtons with this description."""
    box = (
        active(page)
        .locator(".widget-toggle-buttons")
        .filter(
            has=page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(description)}$"))
        )
    )
    return box.first.locator("button.widget-toggle-button")
