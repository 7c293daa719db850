"""The course look: one colour-blind-safe palette, one colour and marker per actor.

Colours are the Okabe-Ito palette (Okabe & Ito 2008), distinguishable with the common
forms of colour blindness. Colour is never the only carrier of meaning: every actor
also has a marker, and figures label what they show.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib
from matplotlib.figure import Figure

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#7F7F7F",
}

#: One fixed colour per actor, across every figure of the course.
ACTOR_COLOURS = {
    "United States": OKABE_ITO["blue"],
    "Soviet Union": OKABE_ITO["vermillion"],
    "Russia": OKABE_ITO["vermillion"],
    "Cuba": OKABE_ITO["bluish_green"],
    "Ukraine": OKABE_ITO["orange"],
    "United Nations": OKABE_ITO["sky_blue"],
    "NATO": OKABE_ITO["reddish_purple"],
}
OTHER_COLOUR = OKABE_ITO["grey"]

#: A marker per actor, so that colour is never the only cue.
ACTOR_MARKERS = {
    "United States": "o",
    "Soviet Union": "s",
    "Russia": "s",
    "Cuba": "^",
    "Ukraine": "D",
    "United Nations": "P",
    "NATO": "X",
}
OTHER_MARKER = "v"

FONT_SIZES = {"base": 11, "title": 13, "label": 11, "tick": 10, "annotation": 9}
FIGURE_DPI = 100  # keeps notebooks small (house style: lessons stay under ~2 MB)


def actor_colour(actor: str) -> str:
    """The course colour of an actor ("United States", "Soviet Union", ...); grey for others."""
    return ACTOR_COLOURS.get(actor, OTHER_COLOUR)


def actor_marker(actor: str) -> str:
    """The matplotlib marker of an actor; a downward triangle for others."""
    return ACTOR_MARKERS.get(actor, OTHER_MARKER)


def actor_legend_handles(actors):
    """Legend entries for actors, one per look: actors drawn alike share one entry.

    The Soviet Union and Russia share a colour and marker, and so do all the "others"; one
    entry each ("Soviet Union / Russia", "Poland / G20 / Other") keeps the legend truthful.
    """
    from matplotlib.lines import Line2D

    groups: dict[tuple[str, str], list[str]] = {}
    for actor in actors:
        names = groups.setdefault((actor_colour(actor), actor_marker(actor)), [])
        if actor not in names:
            names.append(actor)
    return [
        Line2D([], [], linestyle="none", marker=marker, color=colour, label=" / ".join(names))
        for (colour, marker), names in groups.items()
    ]


RC_PARAMS = {
    "font.size": FONT_SIZES["base"],
    "axes.titlesize": FONT_SIZES["title"],
    "axes.labelsize": FONT_SIZES["label"],
    "xtick.labelsize": FONT_SIZES["tick"],
    "ytick.labelsize": FONT_SIZES["tick"],
    "legend.fontsize": FONT_SIZES["tick"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": FIGURE_DPI,
    "savefig.dpi": FIGURE_DPI,
    "svg.hashsalt": "crisislab",  # deterministic ids if anyone saves SVG
}


def use_course_style() -> None:
    """Apply the course fonts and defaults to matplotlib (safe to call many times)."""
    matplotlib.rcParams.update(RC_PARAMS)


def new_figure(width: float = 8.0, height: float = 4.5) -> Figure:
    """A figure in the course style that pyplot does not track (so it never shows twice)."""
    use_course_style()
    return Figure(figsize=(width, height), dpi=FIGURE_DPI, layout="constrained")


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, at the course resolution, without a timestamp."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
    return buffer.getvalue()


def figure_img_html(png_base64: str, alt: str, style_attr: str = "max-width:100%") -> str:
    """An ``<img>`` carrying a base64 PNG and its alt text, for HTML outputs and HTML widgets.

    JupyterLab's image renderer drops an ``alt`` stored in output metadata; an ``<img alt>``
    in HTML reaches the page, trusted or not.
    """
    if not alt or not alt.strip():
        raise ValueError("Every figure needs alt text: say what it shows.")
    return (
        f'<img src="data:image/png;base64,{png_base64}" '
        f'alt="{html.escape(alt.strip(), quote=True)}" style="{style_attr}">'
    )


def figure_bundle(fig: Figure, alt: str) -> tuple[dict, dict]:
    """The display data and metadata for a figure: PNG, an ``<img alt>`` in HTML, and text.

    The PNG serves GitHub and nbconvert; the HTML form carries the alt text into JupyterLab
    and Notebook 7 (which prefer HTML); the text form repeats the alt text for nbval.
    """
    if not alt or not alt.strip():
        raise ValueError("Every figure needs alt text: say what it shows.")
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    data = {
        "image/png": png,
        "text/html": figure_img_html(png, alt),
        "text/plain": f"[Figure: {alt.strip()}]",
    }
    metadata = {"image/png": {"alt": alt.strip()}}
    return data, metadata


def show_figure(fig: Figure, alt: str) -> None:
    """Display a figure with alt text, the one way the course shows figures.

    The text form repeats the alt text, so nbval compares what the figure is said to show
    (``tests/sanitize.cfg`` blanks the PNG inside the HTML form).
    """
    from IPython.display import display

    data, metadata = figure_bundle(fig, alt)
    display(data, raw=True, metadata=metadata)


# --------------------------------------------------------------------------------------------
# Widgets: keyboard focus, chosen state and status lines every student can perceive
# --------------------------------------------------------------------------------------------

#: The class every course widget carries; the course's CSS is scoped to it.
WIDGET_CLASS = "crisislab-widget"
#: Focus ring and chosen-button colour: dark blue, 10.4:1 on white and 9.1:1 on the light grey
#: of an unchosen button (WCAG 2.1 asks 3:1 for focus indicators and 4.5:1 for text).
FOCUS_COLOUR = "#0B3D91"

#: CSS for the course's widgets, scoped to ``.crisislab-widget``: a 3 px focus ring, the chosen
#: toggle button marked by a tick and bold text as well as colour, labels never cut off, links
#: underlined. ipywidgets styles from Python cannot do these (ipywidgets 8 sets no focus style
#: or aria-pressed), so one ``<style>`` block travels with each widget (``style_html``).
WIDGET_CSS = f"""
.{WIDGET_CLASS} button:focus-visible,
.{WIDGET_CLASS} input:focus-visible,
.{WIDGET_CLASS} select:focus-visible,
.{WIDGET_CLASS} .noUi-handle:focus,
.{WIDGET_CLASS} summary:focus-visible,
.{WIDGET_CLASS} [tabindex]:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
}}
.{WIDGET_CLASS} .widget-toggle-button.mod-active {{
  background-color: {FOCUS_COLOUR} !important;
  color: #FFFFFF !important;
  font-weight: bold;
  box-shadow: none;
}}
.{WIDGET_CLASS} .widget-toggle-button.mod-active::before,
.{WIDGET_CLASS} .crisislab-chosen::before {{
  content: "\\2713\\00A0";
}}
.{WIDGET_CLASS} .crisislab-chosen {{
  font-weight: bold;
  border: 2px solid {FOCUS_COLOUR} !important;
}}
.{WIDGET_CLASS} .widget-toggle-button,
.{WIDGET_CLASS} .jupyter-button {{
  width: auto;
  min-width: fit-content;
  height: auto;
  min-height: var(--jp-widgets-inline-height, 28px);
  white-space: normal;
}}
.{WIDGET_CLASS} .widget-label,
.{WIDGET_CLASS} .widget-label-basic {{
  overflow: visible;
  text-overflow: clip;
}}
.{WIDGET_CLASS} a {{
  text-decoration: underline;
}}
.{WIDGET_CLASS} .widget-checkbox {{
  width: auto;
  margin-right: 1.2em;
}}
.{WIDGET_CLASS} .widget-checkbox input {{
  margin: 0 0.35em 0 0;
}}
.{WIDGET_CLASS} .widget-checkbox .widget-label-basic span {{
  margin-left: 0;
}}
.{WIDGET_CLASS} .crisislab-status-line {{
  border-left: 4px solid {FOCUS_COLOUR};
  padding: 2px 8px;
  margin: 4px 0;
}}
"""


def style_html() -> str:
    """The ``<style>`` block of the course's widget CSS (see ``WIDGET_CSS``)."""
    return f'<style class="crisislab-style">{WIDGET_CSS}</style>'


def status_html(inner_html: str) -> str:
    """A visible status line in an ``aria-live`` region: screen readers announce its changes.

    ``inner_html`` must already be escaped HTML.
    """
    return f'<p class="crisislab-status-line" role="status" aria-live="polite">{inner_html}</p>'


def course_widget(children, *classes: str, layout=None):
    """A VBox of course controls: the course CSS travels with it, scoped by its classes.

    Every explorer is built with this, so its buttons show a 3:1 focus ring and the chosen
    option is marked by more than colour.
    """
    import ipywidgets as widgets

    css = widgets.HTML(style_html(), layout=widgets.Layout(display="none"))
    css.add_class("crisislab-css")
    box = widgets.VBox([css, *children], layout=layout or widgets.Layout())
    box.add_class(WIDGET_CLASS)
    for name in classes:
        box.add_class(name)
    return box
