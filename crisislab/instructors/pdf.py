"""Print the kit's HTML to PDF in headless Chromium, count pages, and list them in the guide.

``python -m crisislab.instructors pages`` makes the print pack and the role-play files in a
temporary folder, prints each on A4 and US Letter, and writes the counts into
``instructors/README.md`` between two markers. It needs Playwright (``requirements-dev.txt``) and
Debian's Chromium (``/usr/bin/chromium`` or ``$CRISISLAB_CHROMIUM``); it never downloads one.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..paths import repo_root
from .printing import PAPERS

BEGIN = "<!-- page counts: written by python -m crisislab.instructors pages -->"
END = "<!-- end of page counts -->"
# Headless Chromium as root on a closed network: no sandbox, no GPU, and none of the background
# connections that a machine without internet refuses. The browser tests use the same list.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's Chromium, or the browser named by ``$CRISISLAB_CHROMIUM``."""
    wanted = os.environ.get("CRISISLAB_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def count_pages(paths: Iterable[Path]) -> dict[str, dict[str, int]]:
    """Each file's page count on each paper, by file name."""
    from playwright.sync_api import sync_playwright

    browser_path = chromium_path()
    if browser_path is None:
        raise RuntimeError("Chromium is not installed (Debian: apt-get install chromium)")
    counts: dict[str, dict[str, int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            for path in paths:
                page.goto(Path(path).resolve().as_uri())
                page.wait_for_load_state("load")
                counts[Path(path).name] = {
                    paper: page_count(page.pdf(format=paper, print_background=True))
                    for paper in PAPERS
                }
        finally:
            browser.close()
    return counts


def counts_markdown(counts: dict[str, dict[str, int]]) -> str:
    """The table rows of the guide's page counts: ``| `name` | 5 / 5 |``."""
    return "\n".join(
        f"| `{name}` | " + " / ".join(str(by_paper[p]) for p in PAPERS) + " |"
        for name, by_paper in sorted(counts.items())
    )


def measure() -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Page counts of the print pack and of the role-play's printables, made afresh."""
    from .cli import write_cards
    from .handouts import write_handouts

    with tempfile.TemporaryDirectory() as folder:
        pack = count_pages(write_handouts(Path(folder) / "handouts"))
        roleplay = count_pages(
            p for p in write_cards(Path(folder) / "roleplay") if p.suffix == ".html"
        )
    return pack, roleplay


def guide_block(pack: dict[str, dict[str, int]], roleplay: dict[str, dict[str, int]]) -> str:
    """The guide's page-count block, between its markers."""
    return (
        f"{BEGIN}\n\n| File | Pages (A4 / Letter) |\n|---|---|\n{counts_markdown(pack)}\n\n"
        "The role-play's printables (`instructors/roleplay/`):\n\n"
        f"| File | Pages (A4 / Letter) |\n|---|---|\n{counts_markdown(roleplay)}\n\n{END}"
    )


def write_guide(pack, roleplay, guide: Path | None = None) -> Path:
    """Put the page counts into the guide, replacing the block between the markers."""
    guide = guide or repo_root() / "instructors" / "README.md"
    text = guide.read_text(encoding="utf-8")
    block = guide_block(pack, roleplay)
    if BEGIN in text and END in text:
        start, end = text.index(BEGIN), text.index(END) + len(END)
        text = text[:start] + block + text[end:]
    else:
        raise ValueError(f"{guide} has no page-count markers ({BEGIN!r})")
    guide.write_text(text, encoding="utf-8")
    return guide


def guide_counts(guide: Path | None = None) -> dict[str, dict[str, int]]:
    """The page counts the guide states, by file name."""
    guide = guide or repo_root() / "instructors" / "README.md"
    text = guide.read_text(encoding="utf-8")
    block = text[text.index(BEGIN) : text.index(END)] if BEGIN in text else ""
    found = {}
    for name, numbers in re.findall(r"^\| `([^`]+)` \| ([\d /]+) \|$", block, re.M):
        found[name] = dict(zip(PAPERS, (int(n) for n in numbers.split("/")), strict=True))
    return found
