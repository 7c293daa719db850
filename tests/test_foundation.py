"""The course shell: paths from any folder, the style, the course map, README and CI in step."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import matplotlib.colors as mcolors
import pytest

from crisislab import course, paths, style

ROOT = paths.repo_root()


@pytest.mark.parametrize("folder", ["", "lessons", "exercises", "exercises/solutions", "data"])
def test_data_dir_found_from_every_notebook_folder(folder):
    """A notebook's kernel runs in its own folder; the data must be found from each."""
    code = "from crisislab.paths import data_dir; print(data_dir().resolve())"
    env = {k: v for k, v in os.environ.items() if k != "CRISISLAB_DATA"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out) == (ROOT / "data").resolve()


def test_data_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(tmp_path))
    assert paths.data_dir() == tmp_path
    assert paths.data_path("x.csv") == tmp_path / "x.csv"


def test_relative_to_root_never_shows_machine_path():
    assert paths.relative_to_root(ROOT / "lessons" / "x.ipynb") == "lessons/x.ipynb"
    assert paths.relative_to_root(Path("/elsewhere/y.csv")) == "y.csv"


def _luminance(hex_colour):
    r, g, b = mcolors.to_rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_each_main_actor_has_its_own_colour_and_marker():
    main = ["United States", "Soviet Union", "Cuba", "Ukraine"]
    assert len({style.actor_colour(a) for a in main}) == 4
    assert len({style.actor_marker(a) for a in main}) == 4
    # Russia is drawn like the Soviet Union (the same state's forces, 1962 and 2022).
    assert style.actor_colour("Russia") == style.actor_colour("Soviet Union")
    assert style.actor_colour("Someone else") == style.OTHER_COLOUR
    for actor in main:
        assert style.actor_colour(actor) in style.OKABE_ITO.values()
        assert _luminance(style.actor_colour(actor)) < 0.75, "too pale to read on white"


def test_show_figure_carries_alt_text():
    fig = style.new_figure(3, 2)
    fig.add_subplot().plot([0, 1], [0, 1])
    data, metadata = style.figure_bundle(fig, 'A rising line & a "quote"')
    assert metadata == {"image/png": {"alt": 'A rising line & a "quote"'}}
    assert data["text/plain"] == '[Figure: A rising line & a "quote"]'
    assert data["image/png"].startswith("iVBOR")  # base64 of a PNG header
    # JupyterLab ignores the metadata's alt; an <img alt> in the HTML form reaches the page.
    assert data["text/html"] == (
        f'<img src="data:image/png;base64,{data["image/png"]}" '
        'alt="A rising line &amp; a &quot;quote&quot;" style="max-width:100%">'
    )
    with pytest.raises(ValueError):
        style.figure_bundle(fig, "  ")


def test_sanitize_rule_blanks_the_png_inside_html_but_keeps_the_alt():
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "sanitize.cfg")
    fig = style.new_figure(3, 2)
    fig.add_subplot().plot([0, 1], [0, 1])
    html_form = style.figure_bundle(fig, "A line")[0]["text/html"]
    for section in config.sections():
        html_form = re.sub(config[section]["regex"], config[section]["replace"], html_form)
    assert html_form == '<img src="data:image/png;base64,PNG" alt="A line" style="max-width:100%">'


def test_course_widgets_carry_the_focus_and_chosen_styles():
    import ipywidgets as widgets

    box = style.course_widget([widgets.Button(description="Go")], "crisislab-test")
    assert {"crisislab-widget", "crisislab-test"} <= set(box._dom_classes)
    css = box.children[0].value
    assert css.startswith("<style") and "outline: 3px solid" in css
    assert ".crisislab-widget .widget-toggle-button.mod-active::before" in css
    assert "text-decoration: underline" in css
    status = style.status_html("Day <b>1</b>")
    assert 'role="status"' in status and 'aria-live="polite"' in status


def test_figure_png_is_deterministic():
    def draw():
        fig = style.new_figure(3, 2)
        fig.add_subplot().plot([0, 1, 2], [2, 0, 1])
        return style.figure_png(fig)

    assert draw() == draw()


def test_course_map_lists_every_lesson_with_time():
    text = course.course_map_text()
    html = course.course_map_html()
    for item in course.LESSONS:
        assert item.title in text and item.minutes in text
        assert 3 <= len(item.objectives) <= 5 or item.number == 0
        for objective in item.objectives:
            assert objective.replace("'", "&#x27;") in html


def test_course_map_escapes_html(monkeypatch):
    odd = course.Lesson(9, "<b>Bold</b>", "99_x.ipynb", "5 min", "Q & A?", ("a < b",))
    monkeypatch.setattr(course, "LESSONS", (odd,))
    html = course.course_map_html()
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "Q &amp; A?" in html and "a &lt; b" in html


def test_unknown_lesson_number_is_a_clear_error():
    with pytest.raises(KeyError, match="no lesson 42"):
        course.lesson(42)


def test_readme_lists_every_lesson_and_links_binder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for item in course.LESSONS:
        assert item.title in readme, item.title
        assert item.minutes in readme, item.minutes
    assert "urlpath=lab/tree/lessons/00_start_here.ipynb" in readme
    assert "mybinder.org/badge_logo.svg" in readme


def _readme_command(heading):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(heading, 1)[1]
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", section, re.S)
    assert block, f"no command block under {heading!r}"
    return block.group(1).strip()


def test_ci_runs_the_readme_test_command():
    command = _readme_command("## Run the tests")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci, "the README's test command and .ci/run have drifted apart"
    assert "CRISISLAB_REQUIRE_BROWSER=1" in ci
    assert "chromium" in ci
    # axe-core for the accessibility test comes from the lockfile, never from a CDN.
    assert command.startswith("npm ci"), command
    assert "npm" in ci.split(command)[0], ".ci/run installs npm before the test command"


def test_axe_core_is_pinned_exactly_with_a_lockfile():
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"axe-core must be an exact version: {pinned}"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["version"] == pinned
    assert lock["packages"]["node_modules/axe-core"]["integrity"].startswith("sha512-")
    assert "node_modules" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_readme_setup_command_installs_pins_and_opens_lesson_zero():
    command = _readme_command("## Set up and open the course")
    assert "requirements.txt" in command
    assert "lessons/00_start_here.ipynb" in command


def test_requirements_are_exact_pins():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("-r "):
                continue
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.]*", line), f"{name}: {line}"
    pins = (ROOT / "requirements.txt").read_text()
    for needed in (
        "jupyterlab==",
        "ipywidgets==",
        "jupyterlab_widgets==",
        "matplotlib==",
        "numpy==",
        "pandas==",
    ):
        assert needed in pins
    assert "-e" not in pins.split(), "no editable install in requirements.txt (Binder caching)"


def test_pinned_versions_are_the_installed_ones():
    """The environment the tests run in is the one the pins describe."""
    from importlib.metadata import version

    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, pinned = line.split("==")
            assert version(name) == pinned, f"{name}: installed {version(name)}, pinned {pinned}"


def test_runtime_and_postbuild_for_binder():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    post = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post
    assert os.access(ROOT / "postBuild", os.X_OK)


def test_pyproject_has_no_build_system_table():
    """With [build-system], repo2docker would install the pins only after copying the repo."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "build-system" not in data
    assert data["project"]["name"] == "crisislab"


def test_widget_extension_is_installed_for_jupyterlab():
    """Without the lab extension, every widget shows 'Error displaying widget'."""
    out = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        check=True,
    )
    listing = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)  # drop colour codes
    assert re.search(r"@jupyter-widgets/jupyterlab-manager v\S+ enabled\s+OK", listing), listing


def test_jupyterlab_knows_lesson_zero_folder():
    assert (ROOT / "lessons" / "00_start_here.ipynb").is_file()


def test_actors_drawn_alike_share_one_legend_entry():
    labels = [
        h.get_label()
        for h in style.actor_legend_handles(
            ["United States", "Soviet Union", "Poland", "Russia", "G20", "Other", "Poland"]
        )
    ]
    assert labels == ["United States", "Soviet Union / Russia", "Poland / G20 / Other"]
