"""The course look: one colour-blind-safe palette, one colour and marker per actor.

Colours are the Okabe-Ito palette (Okabe & Ito 2008), distinguishable with the common
forms of colour blindness. Colour is never the only carrier of meaning: every actor
also has a marker, and figures label what they show.
"""

from __future__ import annotations

import base64
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


def figure_bundle(fig: Figure, alt: str) -> tuple[dict, dict]:
    """The display data and metadata for a figure: PNG with alt text, plus a text form."""
    if not alt or not alt.strip():
        raise ValueError("Every figure needs alt text: say what it shows.")
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    data = {"image/png": png, "text/plain": f"[Figure: {alt.strip()}]"}
    metadata = {"image/png": {"alt": alt.strip()}}
    return data, metadata


def show_figure(fig: Figure, alt: str) -> None:
    """Display a figure with alt text, the one way the course shows figures.

    The text form repeats the alt text, so nbval compares what the figure is said to show.
    """
    from IPython.display import display

    data, metadata = figure_bundle(fig, alt)
    display(data, raw=True, metadata=metadata)
