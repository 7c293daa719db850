"""The crisis as a game of chicken: payoffs, stable outcomes, and a face-saving exit.

Two players, Washington (rows) and Moscow (columns), each choose to *stand firm* or *back
down*. :func:`equilibria` finds every Nash equilibrium of a small two-player game by support
enumeration (pure and mixed, computed from the payoffs, never looked up), so the same code
solves the textbook cases: prisoner's dilemma, chicken and stag hunt.

``ChickenGame`` adds the 1962 twist: an optional *face-saving exit*, a concession from the side
that stands firm to the side that backs down (the Jupiter missiles in Turkey). Made public, it
costs the giver the price of being seen to back down, at home and with allies; kept private, it
costs nothing. The giver offers it only if what it keeps (its win, less that price) is at least
what it expects from plain chicken; otherwise the game stays plain chicken. With the defaults a
public concession is not offered (the risk of war stays 25%) and a private one is (8%).

    >>> game = ChickenGame()
    >>> [e.describe() for e in game.equilibria()]     # three stable outcomes
    >>> game.set_exit("private"); game.set_payoff("concession", 1.5)
    >>> game.war_risk()                               # chance both stand firm, mixed equilibrium

``best_response_figure(game)`` and ``payoff_table_html(game)`` are the static forms.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import math
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import ArrayLike
from PIL import Image

from . import style

STRATEGIES = ("Stand firm", "Back down")
PLAYERS = ("Washington", "Moscow")
PLAYER_ACTORS = {"Washington": "United States", "Moscow": "Soviet Union"}
EXITS = {
    "none": "No face-saving exit",
    "private": "Private concession",
    "public": "Public concession",
}
TOLERANCE = 1e-9

#: The payoff parameters, in the order the sliders show them: (label, default, min, max).
PARAMETERS = {
    "win": ("Win: you stand firm, they back down", 3.0, -5.0, 5.0),
    "compromise": ("Both back down", 2.0, -5.0, 5.0),
    "back_down": ("Back down alone", 1.0, -5.0, 5.0),
    "war": ("Both stand firm (war)", 0.0, -10.0, 5.0),
    "concession": ("Concession to the side backing down", 1.5, 0.0, 5.0),
    "public_cost": ("Cost of being seen to back down", 2.0, 0.0, 5.0),
}

OWN_NUMBERS = "Your own numbers"

#: What each button of the textbook games does, in the widget's own words.
PRESET_NOTES = {
    OWN_NUMBERS: "the numbers you set with the sliders.",
    "Chicken (1962)": (
        "sets win 3, both back down 2, back down alone 1, war 0: backing down alone is bad, "
        "but war is worst, so each side wants to stand firm only if the other backs down."
    ),
    "Prisoner's dilemma": (
        "sets win 5, both back down 3, back down alone 0, both stand firm 1: standing firm pays "
        "whatever the other does, so both stand firm though both backing down pays more."
    ),
    "Stag hunt": (
        "sets win 3, both back down 4, back down alone 0, both stand firm 2: backing down "
        "together pays most, but only if each trusts the other to do it too."
    ),
}

#: Textbook games in the same four numbers (row player's payoffs in a symmetric game).
#: "Stand firm" plays the part of defect (prisoner's dilemma) or hunt hare (stag hunt).
PRESETS = {
    "Chicken (1962)": {"win": 3.0, "compromise": 2.0, "back_down": 1.0, "war": 0.0},
    "Prisoner's dilemma": {"win": 5.0, "compromise": 3.0, "back_down": 0.0, "war": 1.0},
    "Stag hunt": {"win": 3.0, "compromise": 4.0, "back_down": 0.0, "war": 2.0},
}


# --------------------------------------------------------------------------------------------
# Solving a two-player game
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Equilibrium:
    """One Nash equilibrium: each player's mix of strategies and expected payoffs."""

    row_mix: tuple[float, ...]
    col_mix: tuple[float, ...]
    row_payoff: float
    col_payoff: float

    @property
    def pure(self) -> bool:
        """True when each player plays one strategy for sure."""
        return all(math.isclose(max(mix), 1.0) for mix in (self.row_mix, self.col_mix))

    @property
    def kind(self) -> str:
        """'pure' or 'mixed'."""
        return "pure" if self.pure else "mixed"

    def profile(self) -> tuple[int, int] | None:
        """The pair of strategy indices of a pure equilibrium (None when mixed)."""
        if not self.pure:
            return None
        return int(np.argmax(self.row_mix)), int(np.argmax(self.col_mix))

    def describe(
        self, players: tuple[str, str] = PLAYERS, strategies: tuple[str, ...] = STRATEGIES
    ) -> str:
        """A sentence for people, e.g. 'Washington stands firm, Moscow backs down (pure)'."""
        if self.pure:
            i, j = self.profile()
            return (
                f"{players[0]}: {strategies[i].lower()}; {players[1]}: {strategies[j].lower()} "
                f"(pure; payoffs {_num(self.row_payoff)} and {_num(self.col_payoff)})"
            )
        parts = []
        for name, mix in zip(players, (self.row_mix, self.col_mix), strict=True):
            shares = ", ".join(
                f"{strategies[k].lower()} {_pct(p)}" for k, p in enumerate(mix) if p > TOLERANCE
            )
            parts.append(f"{name}: {shares}")
        return (
            "; ".join(parts)
            + f" (mixed; expected payoffs {_num(self.row_payoff)} and {_num(self.col_payoff)})"
        )


def _num(value: float) -> str:
    value = 0.0 if abs(value) < 5e-10 else value
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def _pct(p: float) -> str:
    return f"{100 * p:.0f}%"


def _as_matrix(values, name: str) -> np.ndarray:
    try:
        matrix = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"The {name} payoffs must be a table of numbers.") from None
    if matrix.ndim != 2 or 0 in matrix.shape:
        raise ValueError(f"The {name} payoffs must be a table (rows x columns) of numbers.")
    if not np.all(np.isfinite(matrix)):
        raise ValueError(f"The {name} payoffs must be finite numbers.")
    if matrix.shape[0] > 6 or matrix.shape[1] > 6:
        raise ValueError("This solver is for small games: at most 6 strategies per player.")
    return matrix


def _indifferent_mix(payoffs: np.ndarray) -> np.ndarray | None:
    """Weights on the columns of ``payoffs`` (k x k) that make every row earn the same."""
    k = payoffs.shape[0]
    system = np.zeros((k + 1, k + 1))
    system[:k, :k] = payoffs
    system[:k, k] = -1.0  # every row earns v: payoffs @ y - v = 0
    system[k, :k] = 1.0  # probabilities add up to one
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    if np.linalg.matrix_rank(system) < k + 1:
        return None
    return np.linalg.solve(system, rhs)[:k]


def equilibria(row_payoffs: ArrayLike, col_payoffs: ArrayLike) -> list[Equilibrium]:
    """Every Nash equilibrium of a small two-player game, found by support enumeration.

    ``row_payoffs[i][j]`` and ``col_payoffs[i][j]`` are what the row and the column player get
    when the row player plays ``i`` and the column player ``j``. For each pair of equally large
    sets of strategies, the mixes that make the other player indifferent are solved for, and
    kept when no strategy outside them pays more. This finds all equilibria of nondegenerate
    games; in games with ties (see :func:`is_degenerate`) there can be more than it lists.
    Pure equilibria come first.
    """
    a = _as_matrix(row_payoffs, "row player's")
    b = _as_matrix(col_payoffs, "column player's")
    if a.shape != b.shape:
        raise ValueError("Both players' payoff tables must have the same shape.")
    m, n = a.shape
    found: list[Equilibrium] = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                y_part = _indifferent_mix(a[np.ix_(rows, cols)])
                x_part = _indifferent_mix(b[np.ix_(rows, cols)].T)
                if y_part is None or x_part is None:
                    continue
                if np.any(y_part < -TOLERANCE) or np.any(x_part < -TOLERANCE):
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                x[list(rows)] = np.clip(x_part, 0.0, None)
                y[list(cols)] = np.clip(y_part, 0.0, None)
                row_values = a @ y
                col_values = x @ b
                v, u = float(x @ row_values), float(col_values @ y)
                if np.any(row_values > v + 1e-7) or np.any(col_values > u + 1e-7):
                    continue
                candidate = Equilibrium(
                    tuple(float(round(p, 12)) + 0.0 for p in x),
                    tuple(float(round(q, 12)) + 0.0 for q in y),
                    round(v, 12) + 0.0,
                    round(u, 12) + 0.0,
                )
                if not any(_same(candidate, e) for e in found):
                    found.append(candidate)
    return sorted(found, key=lambda e: (not e.pure, e.row_mix[::-1], e.col_mix[::-1]))


def _same(a: Equilibrium, b: Equilibrium) -> bool:
    return np.allclose(a.row_mix, b.row_mix, atol=1e-7) and np.allclose(
        a.col_mix, b.col_mix, atol=1e-7
    )


def is_degenerate(row_payoffs: ArrayLike, col_payoffs: ArrayLike) -> bool:
    """True when some strategy has two equally good replies (ties): equilibria may be more."""
    a = _as_matrix(row_payoffs, "row player's")
    b = _as_matrix(col_payoffs, "column player's")
    for j in range(a.shape[1]):
        column = a[:, j]
        if np.sum(np.isclose(column, column.max())) > 1:
            return True
    for i in range(b.shape[0]):
        row = b[i, :]
        if np.sum(np.isclose(row, row.max())) > 1:
            return True
    return False


def pure_equilibria(row_payoffs: ArrayLike, col_payoffs: ArrayLike) -> list[tuple[int, int]]:
    """The cells (row, column) where neither player gains by changing alone (ties included)."""
    a = _as_matrix(row_payoffs, "row player's")
    b = _as_matrix(col_payoffs, "column player's")
    cells = []
    for i, j in itertools.product(range(a.shape[0]), range(a.shape[1])):
        if a[i, j] >= a[:, j].max() - TOLERANCE and b[i, j] >= b[i, :].max() - TOLERANCE:
            cells.append((i, j))
    return cells


# --------------------------------------------------------------------------------------------
# The game of chicken with a face-saving exit
# --------------------------------------------------------------------------------------------


def chicken_payoffs(
    win: float = 3.0,
    compromise: float = 2.0,
    back_down: float = 1.0,
    war: float = 0.0,
    exit: str = "none",
    concession: float = 1.5,
    public_cost: float = 2.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Washington's and Moscow's payoff tables (rows: Washington; order: stand firm, back down).

    With an exit, the side that stands firm while the other backs down hands it a concession
    worth ``concession`` to the receiver; a public concession also costs the giver
    ``public_cost`` (it is seen to give something away), a private one costs it nothing in
    public.
    """
    if exit not in EXITS:
        raise ValueError(f"Unknown exit {exit!r}; choose one of: {', '.join(EXITS)}.")
    values = [win, compromise, back_down, war, concession, public_cost]
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
        raise ValueError("Payoffs must be finite numbers.")
    offered = concession_offered(win, compromise, back_down, war, exit, public_cost)
    gift = concession if offered else 0.0
    cost = public_cost if offered and exit == "public" else 0.0
    row = np.array([[war, win - cost], [back_down + gift, compromise]], dtype=float)
    return row, row.T.copy()


def plain_chicken_value(
    win: float = 3.0, compromise: float = 2.0, back_down: float = 1.0, war: float = 0.0
) -> float:
    """What a side expects from the game with no exit: its payoff in the mixed equilibrium,
    or, when there is none, the average of its payoffs over the stable outcomes."""
    row = np.array([[war, win], [back_down, compromise]], dtype=float)
    found = equilibria(row, row.T)
    chosen = [e for e in found if not e.pure] or found
    return float(np.mean([e.row_payoff for e in chosen]))


def concession_offered(
    win: float = 3.0,
    compromise: float = 2.0,
    back_down: float = 1.0,
    war: float = 0.0,
    exit: str = "none",
    public_cost: float = 2.0,
) -> bool:
    """Whether the side that stands firm offers the concession at all.

    It offers it only if what it keeps by giving it (its win, less ``public_cost`` when the
    concession is public: the price of being seen to back down, at home and with allies) is at
    least what it expects from the game with no exit. Otherwise the game stays plain chicken.
    """
    if exit == "none":
        return False
    cost = public_cost if exit == "public" else 0.0
    return win - cost >= plain_chicken_value(win, compromise, back_down, war) - TOLERANCE


def offer_text(
    win: float = 3.0,
    compromise: float = 2.0,
    back_down: float = 1.0,
    war: float = 0.0,
    exit: str = "none",
    public_cost: float = 2.0,
    **_ignored: float,
) -> str:
    """One sentence on whether the giver offers the exit, and why (empty with no exit)."""
    if exit == "none":
        return ""
    expected = plain_chicken_value(win, compromise, back_down, war)
    kind = EXITS[exit].lower()
    if exit == "public":
        keeps = (
            f"{_num(win - public_cost)} (its win {_num(win)} minus {_num(public_cost)} for being "
            "seen to back down, at home and with allies)"
        )
    else:
        keeps = f"{_num(win)} (its win: kept private, nobody sees it back down)"
    if concession_offered(win, compromise, back_down, war, exit, public_cost):
        return (
            f"The {kind} is offered: giving it leaves the giver {keeps}, at least the "
            f"{_num(expected)} it expects from plain chicken."
        )
    return (
        f"The {kind} is not offered: giving it would leave the giver {keeps}, less than the "
        f"{_num(expected)} it expects from plain chicken, so the game stays plain chicken."
    )


def _best_response_line(diff_at_0: float, diff_at_1: float) -> tuple[list[float], list[float]]:
    """A player's best response (probability of standing firm) as the other's firmness varies.

    ``diff`` is the payoff of standing firm minus backing down, linear in the other's chance
    of standing firm; returns x (the other's chance) and y (own chance) of the polyline.
    """

    def level(d: float) -> float:
        return 1.0 if d > TOLERANCE else 0.0 if d < -TOLERANCE else 0.5

    if abs(diff_at_0 - diff_at_1) < TOLERANCE:
        y = level(diff_at_0)
        return [0.0, 1.0], [y, y]
    cross = diff_at_0 / (diff_at_0 - diff_at_1)
    if not 0.0 < cross < 1.0:  # the same reply all the way across
        y = level((diff_at_0 + diff_at_1) / 2)
        return [0.0, 1.0], [y, y]
    start, end = level(diff_at_0), level(diff_at_1)
    return [0.0, cross, cross, 1.0], [start, start, end, end]


class ChickenGame:
    """The crisis as a game of chicken, with payoff sliders and an optional face-saving exit.

    Drive it with the controls or from Python: ``set_payoff(name, value)``, ``set_exit(kind)``,
    ``use_preset(name)``; read ``equilibria()``, ``war_risk()``, ``equilibrium_text()``.
    """

    def __init__(self, exit: str = "none", **payoffs: float) -> None:
        unknown = set(payoffs) - set(PARAMETERS)
        if unknown:
            raise ValueError(
                f"Unknown payoff {sorted(unknown)[0]!r}; choose from: {', '.join(PARAMETERS)}."
            )
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name, (label, default, low, high) in PARAMETERS.items():
            value = float(payoffs.get(name, default))
            self._check_range(name, value)
            self.sliders[name] = widgets.FloatSlider(
                value=value,
                min=low,
                max=high,
                step=0.5,
                description=label,
                continuous_update=True,
                readout_format=".1f",
                style={"description_width": "22em"},
                layout=widgets.Layout(width="100%", max_width="40em"),
            )
        self.exit_buttons = widgets.ToggleButtons(
            options=[(label, key) for key, label in EXITS.items()],
            value=self._exit_name(exit),
            description="Face-saving exit",
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.preset = widgets.ToggleButtons(
            options=[OWN_NUMBERS, *PRESETS],
            value=OWN_NUMBERS,
            description="Textbook game",
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.status = widgets.HTML()
        self.status.add_class("crisislab-status")
        self.table = widgets.HTML()
        self.table.add_class("crisislab-game-table")
        self.summary = widgets.HTML()
        self.summary.add_class("crisislab-equilibria")
        self.figure = widgets.HTML()
        self.figure.add_class("crisislab-figure")
        self._figure = _ResponseFigure(animated=True)
        self._png_cache: dict[tuple, str] = {}
        self._updating = False
        for control in (*self.sliders.values(), self.exit_buttons):
            control.observe(self._on_change, names="value")
        self.preset.observe(self._on_preset, names="value")
        self.widget = style.course_widget(
            [
                self.preset,
                *self.sliders.values(),
                self.exit_buttons,
                self.status,
                widgets.HBox([self.table, self.figure]),
                self.summary,
            ],
            "crisislab-chicken",
        )
        self._updating = True  # start on "Chicken (1962)" when the sliders hold its numbers
        try:
            self.preset.value = self._matching_preset()
        finally:
            self._updating = False
        self._render()

    # -- Python API ---------------------------------------------------------------------------

    def payoffs(self) -> tuple[np.ndarray, np.ndarray]:
        """Washington's and Moscow's payoff tables as now set (rows: Washington)."""
        values = {name: slider.value for name, slider in self.sliders.items()}
        return chicken_payoffs(exit=self.exit, **values)

    @property
    def exit(self) -> str:
        """The face-saving exit: 'none', 'private' or 'public'."""
        return self.exit_buttons.value

    def set_payoff(self, name: str, value: float) -> None:
        """Set one payoff (e.g. ``"war"``) as a student would with its slider."""
        if name not in self.sliders:
            raise ValueError(f"Unknown payoff {name!r}; choose from: {', '.join(PARAMETERS)}.")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"A payoff is a number, not {type(value).__name__}.")
        self._check_range(name, float(value))
        self.sliders[name].value = float(value)

    def set_exit(self, kind: str) -> None:
        """Choose the face-saving exit: 'none', 'private' or 'public' (or its label)."""
        self.exit_buttons.value = self._exit_name(kind)

    def use_preset(self, name: str) -> None:
        """Load a textbook game: 'Chicken (1962)', "Prisoner's dilemma" or 'Stag hunt'."""
        for key in PRESETS:
            if key.casefold() == str(name).strip().casefold():
                self.preset.value = key
                return
        raise ValueError(f"Unknown game {name!r}; choose one of: {', '.join(PRESETS)}.")

    def equilibria(self) -> list[Equilibrium]:
        """The stable outcomes (Nash equilibria) of the game as now set."""
        return equilibria(*self.payoffs())

    def war_risk(self) -> float | None:
        """Chance that both stand firm in the mixed equilibrium (None when there is none)."""
        for item in self.equilibria():
            if not item.pure:
                return item.row_mix[0] * item.col_mix[0]
        return None

    def equilibrium_text(self) -> str:
        """What the widget says about the stable outcomes, as plain text."""
        return summary_text(
            *self.payoffs(), exit=self.exit, baseline=self._baseline(), offer=self.offer_text()
        )

    def concession_offered(self) -> bool:
        """Whether the side standing firm offers the exit (never with no exit)."""
        values = {name: slider.value for name, slider in self.sliders.items()}
        values.pop("concession")
        return concession_offered(exit=self.exit, **values)

    def offer_text(self) -> str:
        """Whether the exit is offered, and why, in one sentence (empty with no exit)."""
        values = {name: slider.value for name, slider in self.sliders.items()}
        return offer_text(exit=self.exit, **values)

    def table_html(self) -> str:
        """The payoff table as shown, as HTML."""
        return self.table.value

    def figure_png(self) -> bytes:
        """The best-response figure as shown now, as PNG bytes."""
        return base64.b64decode(self._png())

    # -- Rendering ----------------------------------------------------------------------------

    @staticmethod
    def _check_range(name: str, value: float) -> None:
        label, _default, low, high = PARAMETERS[name]
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(f"{label!r} runs from {low:g} to {high:g}, not {value!r}.")

    @staticmethod
    def _exit_name(kind: str) -> str:
        key = str(kind).strip().casefold()
        for name, label in EXITS.items():
            if key in (name, label.casefold()):
                return name
        raise ValueError(f"Unknown exit {kind!r}; choose one of: {', '.join(EXITS)}.")

    def _baseline(self) -> tuple[np.ndarray, np.ndarray] | None:
        if self.exit == "none":
            return None
        values = {name: slider.value for name, slider in self.sliders.items()}
        return chicken_payoffs(exit="none", **values)

    def _matching_preset(self) -> str:
        """The textbook game whose numbers the sliders hold, else "Your own numbers"."""
        for name, numbers in PRESETS.items():
            # a tolerance: the browser's slider steps can send back 1.8e-15 for 0
            if all(abs(self.sliders[k].value - v) < 1e-6 for k, v in numbers.items()):
                return name
        return OWN_NUMBERS

    def _on_preset(self, change) -> None:
        if self._updating or change["new"] not in PRESETS:
            return
        self._updating = True
        try:
            for name, value in PRESETS[change["new"]].items():
                with self.sliders[name].hold_sync():  # one message per slider, sent together
                    self.sliders[name].value = value
        finally:
            self._updating = False
        self._render()

    def _on_change(self, change) -> None:
        if self._updating:
            return
        old, new = change.get("old"), change.get("new")
        if isinstance(old, float) and isinstance(new, float) and abs(old - new) < 1e-6:
            return  # the browser echoing a value back with rounding noise: nothing changed
        matching = self._matching_preset()
        if self.preset.value != matching:
            self._updating = True  # the button says whose numbers the sliders now hold
            try:
                self.preset.value = matching
            finally:
                self._updating = False
        self._render()

    def _png(self) -> str:
        row, col = self.payoffs()
        key = (tuple(row.ravel()), tuple(col.ravel()))
        if key not in self._png_cache:
            png = self._figure.render(row, col)
            if len(self._png_cache) > 256:
                self._png_cache.clear()
            self._png_cache[key] = base64.b64encode(png).decode("ascii")
        return self._png_cache[key]

    def _render(self) -> None:
        row, col = self.payoffs()
        self.table.value = payoff_table_html(row, col)
        self.summary.value = summary_html(
            row, col, exit=self.exit, baseline=self._baseline(), offer=self.offer_text()
        ) + presets_html(self.preset.value)
        self.figure.value = style.figure_img_html(self._png(), best_response_alt(row, col))
        stable = self.equilibria()
        self.status.value = style.status_html(
            f"<b>{html.escape(self.preset.value)}</b> &middot; "
            f"{html.escape(EXITS[self.exit])} &middot; "
            f"{len(stable)} stable outcome{'s' if len(stable) != 1 else ''}"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = "ChickenGame: " + self.equilibrium_text()
        return bundle


# --------------------------------------------------------------------------------------------
# Text, table and figure (also the static forms for readers on GitHub or paper)
# --------------------------------------------------------------------------------------------


def _equilibrium_lines(row: np.ndarray, col: np.ndarray) -> list[str]:
    found = equilibria(row, col)
    lines = [f"{n}. {e.describe()}" for n, e in enumerate(found, start=1)]
    for e in found:
        if not e.pure:
            lines.append(
                f"   In the mixed equilibrium both stand firm with probability "
                f"{_pct(e.row_mix[0] * e.col_mix[0])}."
            )
    return lines


def summary_text(
    row: np.ndarray,
    col: np.ndarray,
    exit: str = "none",
    baseline: tuple[np.ndarray, np.ndarray] | None = None,
    offer: str = "",
) -> str:
    """The stable outcomes in words, and (with an exit) how they differ from no exit.

    ``offer`` is the sentence of :func:`offer_text` (whether the exit is offered at all).
    """
    found = equilibria(row, col)
    head = f"{len(found)} stable outcome{'s' if len(found) != 1 else ''} (Nash equilibria)"
    head += f" with {EXITS[exit].lower()}:" if exit != "none" else ":"
    lines = [head, *([offer] if offer else []), *_equilibrium_lines(row, col)]
    if is_degenerate(row, col):
        lines.append(
            "Some payoffs are tied, so a player can be indifferent: there may be more stable "
            "outcomes than listed."
        )
    if baseline is not None:
        before = _mixed_war(*baseline)
        after = _mixed_war(row, col)
        if before is not None and after is not None:
            lines.append(
                f"Without the exit, both stand firm with probability {_pct(before)} in the "
                f"mixed equilibrium; with it, {_pct(after)}."
            )
        else:
            lines.append(
                f"Without the exit there are {len(equilibria(*baseline))} stable outcomes; "
                f"with it, {len(found)}."
            )
    return "\n".join(lines)


def _mixed_war(row: np.ndarray, col: np.ndarray) -> float | None:
    for e in equilibria(row, col):
        if not e.pure and len(e.row_mix) == 2:
            return e.row_mix[0] * e.col_mix[0]
    return None


def summary_html(
    row: np.ndarray,
    col: np.ndarray,
    exit: str = "none",
    baseline: tuple[np.ndarray, np.ndarray] | None = None,
    offer: str = "",
) -> str:
    """The stable outcomes as escaped HTML (a heading line, then a list)."""
    lines = summary_text(row, col, exit, baseline, offer).split("\n")
    items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines[1:])
    return (
        f'<div class="crisislab-equilibria-text" role="status"><p><b>'
        f"{html.escape(lines[0])}</b></p><ul>{items}</ul></div>"
    )


def presets_html(current: str = OWN_NUMBERS) -> str:
    """What the textbook-game buttons do, in words: the current one, then all in a fold."""
    e = html.escape
    items = "".join(f"<li><b>{e(name)}</b> {e(note)}</li>" for name, note in PRESET_NOTES.items())
    now = PRESET_NOTES.get(current, "")
    return (
        f'<div class="crisislab-presets"><p>Textbook game: <b>{e(current)}</b>, {e(now)}</p>'
        "<details><summary>What the textbook game buttons do</summary><p>Each button loads "
        "the four payoffs of a game from the textbook, as Washington's numbers (Moscow's are "
        "the same, mirrored); moving a slider makes them your own numbers. &ldquo;Stand "
        "firm&rdquo; plays the part of defecting in the prisoner's dilemma and of hunting "
        f"hare in the stag hunt.</p><ul>{items}</ul></details></div>"
    )


def payoff_table_html(
    row: np.ndarray,
    col: np.ndarray,
    players: tuple[str, str] = PLAYERS,
    strategies: tuple[str, ...] = STRATEGIES,
) -> str:
    """The payoff table with pure equilibria marked by a star and the word 'stable'."""
    stable = set(pure_equilibria(row, col))
    e = html.escape
    head = "".join(f"<th>{e(players[1])}: {e(s.lower())}</th>" for s in strategies)
    body = []
    for i, strategy in enumerate(strategies):
        cells = []
        for j in range(len(strategies)):
            mark = " &#9733; stable" if (i, j) in stable else ""
            weight = "font-weight:bold;" if mark else ""
            cells.append(
                f'<td style="{weight}border:1px solid #999;padding:4px 8px">'
                f"{e(_num(row[i, j]))}, {e(_num(col[i, j]))}{mark}</td>"
            )
        body.append(f"<tr><th>{e(players[0])}: {e(strategy.lower())}</th>{''.join(cells)}</tr>")
    caption = f"Payoffs ({e(players[0])}, {e(players[1])}); &#9733; marks a pure equilibrium."
    return (
        f'<table class="crisislab-payoffs" style="border-collapse:collapse">'
        f"<caption>{caption}</caption><tr><th></th>{head}</tr>{''.join(body)}</table>"
    )


def best_response_alt(row: np.ndarray, col: np.ndarray) -> str:
    """Alt text of the best-response figure: what it shows and where the equilibria are."""
    found = equilibria(row, col)
    spots = "; ".join(
        f"{_pct(e.col_mix[0])} Moscow firm, {_pct(e.row_mix[0])} Washington firm" for e in found
    )
    return (
        "Best-response diagram: the chance Moscow stands firm across, the chance Washington "
        "stands firm up; a solid line for Washington's best reply, a dashed line for Moscow's. "
        f"They cross at the equilibria: {spots or 'none'}."
    )


def _response_lines(row: np.ndarray, col: np.ndarray):
    # Washington's payoff of standing firm minus backing down, when Moscow stands firm with q.
    w0 = row[0, 1] - row[1, 1]  # q = 0: Moscow backs down
    w1 = row[0, 0] - row[1, 0]  # q = 1: Moscow stands firm
    m0 = col[1, 0] - col[1, 1]  # p = 0: Washington backs down
    m1 = col[0, 0] - col[0, 1]  # p = 1
    wx, wy = _best_response_line(w0, w1)
    my, mx = _best_response_line(m0, m1)
    return (wx, wy), (mx, my)


class _ResponseFigure:
    """The best-response figure, drawn once; each update redraws only its lines and markers.

    In the widget (``animated=True``) the axes, labels and legend are drawn once and kept as a
    background; an update restores it and draws the moving artists on top (blitting), which
    keeps an update far below 100 ms. The static figure draws everything the usual way.
    """

    def __init__(self, animated: bool = False) -> None:
        self.fig = style.new_figure(4.4, 4.6)
        ax = self.fig.add_subplot()
        us, su = PLAYER_ACTORS["Washington"], PLAYER_ACTORS["Moscow"]
        (self.wash,) = ax.plot(
            [], [], color=style.actor_colour(us), lw=2.5, label="Washington's best reply"
        )
        (self.mosc,) = ax.plot(
            [], [], color=style.actor_colour(su), lw=2.5, ls="--", label="Moscow's best reply"
        )
        (self.points,) = ax.plot(
            [],
            [],
            ls="none",
            marker="o",
            ms=10,
            mfc="white",
            mec="black",
            mew=2,
            label="Equilibrium",
        )
        size = style.FONT_SIZES["annotation"]
        self.labels = [ax.text(0, 0, "", fontsize=size) for _ in range(6)]
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("Chance Moscow stands firm")
        ax.set_ylabel("Chance Washington stands firm")
        ax.set_title("Best replies and stable outcomes")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=size, ncol=2)
        self.ax = ax
        self.moving = [self.wash, self.mosc, self.points, *self.labels]
        self.canvas = FigureCanvasAgg(self.fig)
        self.background = None
        if animated:
            for artist in self.moving:
                artist.set_animated(True)
            self.canvas.draw()  # lays the figure out once (constrained), then freezes it
            self.fig.set_layout_engine("none")
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)

    def update(self, row: np.ndarray, col: np.ndarray) -> None:
        (wx, wy), (mx, my) = _response_lines(row, col)
        self.wash.set_data(wx, wy)
        self.mosc.set_data(mx, my)
        found = equilibria(row, col)
        xs = [e.col_mix[0] for e in found]
        ys = [e.row_mix[0] for e in found]
        self.points.set_data(xs, ys)
        for n, label in enumerate(self.labels):
            if n < len(found):
                x, y = xs[n], ys[n]
                label.set_position((min(x + 0.04, 0.8), min(max(y + 0.04, 0.02), 0.95)))
                label.set_text(f"E{n + 1} ({found[n].kind})")
            else:
                label.set_text("")

    def render(self, row: np.ndarray, col: np.ndarray) -> bytes:
        """The figure for this game as PNG bytes (blitted onto the kept background)."""
        self.update(row, col)
        if self.background is None:
            return style.figure_png(self.fig)
        self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.ax.draw_artist(artist)
        pixels = np.asarray(self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        Image.fromarray(pixels).convert("RGB").save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


def best_response_figure(row: np.ndarray, col: np.ndarray) -> Figure:
    """The static best-response figure for a game (show it with style.show_figure)."""
    figure = _ResponseFigure()
    figure.update(row, col)
    return figure.fig
