"""axe-core in the page: run it on the notebook, and sort what it finds into the course's and
JupyterLab's own.

axe-core comes from npm, pinned in ``package.json`` and ``package-lock.json`` and installed by
``npm ci`` (the README's test command and ``.ci/run``); the test reads
``node_modules/axe-core/axe.min.js`` from disk and injects it into the page, so nothing is
fetched from a CDN at run time.

A violation's element is the course's when it sits inside a code cell's output
(``.jp-OutputArea-output``): the HTML the course writes, its figures and the widgets it builds.
Everything else in the notebook area (prompts, editors, markdown cells styled by JupyterLab's
theme, the collapse buttons of headings) is JupyterLab's own: recorded, never failed on.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crisislab.paths import repo_root

from .a11y_residuals import for_the_browser

#: WCAG 2.0 and 2.1, levels A and AA: the rule tags the test runs.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Impacts that fail the test when the course's markup causes them.
FAILING_IMPACTS = ("serious", "critical")

NOTEBOOK_AREA = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
COURSE_OUTPUT = ".jp-OutputArea-output"


def axe_path() -> Path:
    """Where ``npm ci`` puts axe-core: ``node_modules/axe-core/axe.min.js`` in the course."""
    return repo_root() / "node_modules" / "axe-core" / "axe.min.js"


def axe_source() -> str:
    """The pinned axe-core script; skip (or fail under CI) with the reason when it is missing."""
    path = axe_path()
    if not path.is_file():
        reason = (
            f"axe-core is not installed ({path.relative_to(repo_root())} is missing): "
            "run `npm ci` in the course folder (package-lock.json pins it)"
        )
        if os.environ.get("CRISISLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CRISISLAB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return path.read_text(encoding="utf-8")


def axe_version() -> str:
    """The installed axe-core version (from its package.json)."""
    package = axe_path().parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


_RUN = """async ([scope, tags, residuals, courseOutput]) => {
  const area = document.querySelector(scope);
  if (!area) { throw new Error('no notebook area: ' + scope); }
  const result = await axe.run(area, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
    elementRef: true,
  });
  const nodes = [];
  for (const rule of result.violations) {
    for (const node of rule.nodes) {
      const el = node.element;
      const residual = residuals.find(
        r => r.rule === rule.id && el && el.matches && el.matches(r.selector));
      nodes.push({
        rule: rule.id,
        impact: node.impact || rule.impact,
        help: rule.help,
        target: node.target.join(' '),
        html: node.html.slice(0, 300),
        summary: (node.failureSummary || '').slice(0, 400),
        course: !!(el && el.closest && el.closest(courseOutput)),
        residual: residual ? residual.selector : null,
      });
    }
  }
  return {version: axe.version, nodes: nodes};
}"""


@dataclass
class AxeReport:
    """What axe found in one notebook, sorted by whose markup it is."""

    notebook: str
    version: str
    nodes: list[dict] = field(default_factory=list)

    def course(self, failing_only: bool = True) -> list[dict]:
        """Violations in the course's markup, the known residuals left out."""
        return [
            n
            for n in self.nodes
            if n["course"]
            and not n["residual"]
            and (not failing_only or n["impact"] in FAILING_IMPACTS)
        ]

    def residuals(self) -> list[dict]:
        """Violations in the course's markup that a residual explains."""
        return [n for n in self.nodes if n["course"] and n["residual"]]

    def jupyterlab(self) -> list[dict]:
        """Violations in JupyterLab's own markup (recorded, never failed on)."""
        return [n for n in self.nodes if not n["course"]]

    def summary(self) -> str:
        """One line per rule: how many elements, whose, and how serious."""
        counts: dict[tuple[str, str, str], int] = {}
        for n in self.nodes:
            whose = (
                "course"
                if n["course"] and not n["residual"]
                else ("residual" if n["course"] else "JupyterLab")
            )
            key = (whose, n["rule"], n["impact"] or "?")
            counts[key] = counts.get(key, 0) + 1
        lines = [f"axe-core {self.version} on {self.notebook}:"]
        for (whose, rule, impact), count in sorted(counts.items()):
            lines.append(f"  {whose:<10} {rule} ({impact}): {count} element(s)")
        if len(lines) == 1:
            lines.append("  no violations")
        return "\n".join(lines)

    def explain(self, nodes: list[dict]) -> str:
        """The offending elements, for a failure message."""
        return "\n".join(
            f"- {n['rule']} ({n['impact']}): {n['help']}\n  at {n['target']}\n  {n['html']}\n"
            f"  {n['summary']}"
            for n in nodes
        )


def run_axe(page, notebook: str, scope: str = NOTEBOOK_AREA) -> AxeReport:
    """Inject the pinned axe-core into the page and run the WCAG 2.1 A/AA rules on ``scope``."""
    page.add_script_tag(content=axe_source())
    found = page.evaluate(_RUN, [scope, WCAG_TAGS, for_the_browser(), COURSE_OUTPUT])
    return AxeReport(notebook, found["version"], found["nodes"])


def images_without_alt(page, scope: str = NOTEBOOK_AREA) -> list[str]:
    """Every <img> in the notebook's outputs whose alt text is missing or blank."""
    return page.evaluate(
        """([scope, out]) => [...document.querySelectorAll(scope + ' ' + out + ' img')]
            .filter(img => !(img.getAttribute('alt') || '').trim())
            .map(img => img.outerHTML.slice(0, 160))""",
        [scope, COURSE_OUTPUT],
    )


def image_count(page, scope: str = NOTEBOOK_AREA) -> int:
    """How many <img> the notebook's outputs show."""
    return page.evaluate(
        "([scope, out]) => document.querySelectorAll(scope + ' ' + out + ' img').length",
        [scope, COURSE_OUTPUT],
    )


def contrast_ratio(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two sRGB colours given as 0-255 channels."""

    def luminance(rgb):
        channels = []
        for value in rgb:
            c = value / 255.0
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def parse_rgb(css: str) -> tuple[float, float, float]:
    """'rgb(11, 61, 145)' or 'rgba(...)' -> (11, 61, 145)."""
    inside = css[css.index("(") + 1 : css.index(")")]
    parts = [float(p) for p in inside.replace("/", ",").split(",")[:3]]
    return parts[0], parts[1], parts[2]
