"""How long each explorer takes to follow its main control, against a naive rebuild.

Run from the course folder:  python benchmarks/explorer_latency.py [--rounds 2] [--naive 15]

For every explorer that exists in ``crisislab`` it times the update a student causes most
(DayPicker.select_day, TimelineExplorer.select_day, RangeMap.select, PerspectiveExplorer.select,
ChickenGame.set_payoff, DecisionSimulator.choose, ComparisonExplorer.select_pair) and a naive
version of the same change that builds the widget and its figure from scratch, as an explorer
that does not update artists in place would. Each round starts from a fresh explorer and visits
every state once (median and p95 in ms: first visits, nothing cached), then again (median of
the revisits, where an explorer may serve a cached picture). The speed-up is naive over first.
The timeline has its own, finer benchmark: benchmarks/widget_latency.py.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crisislab import data, style  # noqa: E402
from crisislab.paths import data_dir, relative_to_root  # noqa: E402

Step = Callable[[], None]


@dataclass
class Case:
    """One explorer: how to build it, its sequence of updates, and the naive update."""

    name: str
    update: str
    build: Callable[[], object]
    steps: Callable[[object], list[Step]]
    naive: Callable[[], Iterator[Step]]


def percentile95(times: list[float]) -> float:
    """The 95th percentile (the median when there is only one time)."""
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def timed(step: Step) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def _module(name: str):
    try:
        return importlib.import_module(f"crisislab.{name}")
    except ImportError:
        return None


def day_picker_case() -> Case | None:
    """The lesson-0 day slider: one line of text."""
    intro = _module("intro")
    if intro is None or not hasattr(intro, "DayPicker"):
        return None
    days = list(range(1, intro.DAYS + 1))

    def steps(picker) -> list[Step]:
        return [lambda n=n: picker.select_day(n) for n in days[1:] + days[:1]]

    def naive() -> Iterator[Step]:
        for n in itertools.cycle(days):
            yield lambda n=n: intro.DayPicker(start=n)

    return Case("DayPicker", "select_day", intro.DayPicker, steps, naive)


def timeline_case() -> Case | None:
    """The lesson-1 timeline: cards, status line and the figure (blitted, cached per day)."""
    timeline = _module("timeline")
    if timeline is None or not hasattr(timeline, "TimelineExplorer"):
        return None
    events = data.events(1962)

    def steps(explorer) -> list[Step]:
        days = [d for d in explorer.days if d != explorer.day]
        return [lambda d=d: explorer.select_day(d) for d in days]

    def naive() -> Iterator[Step]:
        # The naive explorer of benchmarks/widget_latency.py: a new figure on every change.
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from widget_latency import NaiveExplorer

        explorer = NaiveExplorer(events)
        for day in itertools.cycle(explorer.days[1:] + explorer.days[:1]):
            yield lambda d=day: explorer.select_day(d)

    return Case(
        "TimelineExplorer",
        "select_day",
        lambda: timeline.TimelineExplorer(events),
        steps,
        naive,
    )


def range_map_case() -> Case | None:
    """The range map: the ring, labels and list of places for a site and missile."""
    maps = _module("maps")
    if maps is None or not hasattr(maps, "RangeMap"):
        return None
    sites, weapons = maps.launch_sites(1962), maps.ranged_weapons(1962)
    pairs = [(s, w) for s in sites for w in weapons]

    def steps(explorer) -> list[Step]:
        current = (explorer.site_buttons.value, explorer.weapon_buttons.value)
        return [lambda p=p: explorer.select(*p) for p in pairs if p != current]

    def naive() -> Iterator[Step]:
        def rebuild(site: str, weapon: str) -> None:
            figure = maps.range_map_figure(site, weapon)
            style.figure_png(figure)
            maps.cities_html(maps.range_view(site, weapon))

        for pair in itertools.cycle(pairs):
            yield lambda p=pair: rebuild(*p)

    return Case("RangeMap", "select", maps.RangeMap, steps, naive)


def perspective_case() -> Case | None:
    """Lesson 2's three capitals side by side for one moment (HTML only, no figure)."""
    perspectives = _module("perspectives")
    if perspectives is None or not hasattr(perspectives, "PerspectiveExplorer"):
        return None
    frames = {name: data.load(name) for name in ("moments", "events_1962", "quotes", "people")}

    def build():
        return perspectives.PerspectiveExplorer(
            frames["moments"], frames["events_1962"], frames["quotes"], frames["people"]
        )

    def steps(explorer) -> list[Step]:
        ids = explorer.moment_ids()
        return [lambda m=m: explorer.select(m) for m in ids[1:] + ids[:1]]

    def naive() -> Iterator[Step]:
        ids = build().moment_ids()
        for moment in itertools.cycle(ids):
            yield lambda m=moment: perspectives.PerspectiveExplorer(
                frames["moments"],
                frames["events_1962"],
                frames["quotes"],
                frames["people"],
                moment=m,
            )

    return Case("PerspectiveExplorer", "select", build, steps, naive)


def chicken_case() -> Case | None:
    """Lesson 3's game of chicken: payoff table, equilibria and the best-response figure."""
    games = _module("games")
    if games is None or not hasattr(games, "ChickenGame"):
        return None
    # A student dragging the "war" slider down its whole range, step by step (0.5).
    values = [5.0 - 0.5 * i for i in range(31)]  # 5.0 .. -10.0

    def steps(game) -> list[Step]:
        return [lambda v=v: game.set_payoff("war", v) for v in values if v != 0.0]

    def naive() -> Iterator[Step]:
        def rebuild(value: float) -> None:
            game = games.ChickenGame(war=value)  # new sliders, table and figure
            game.figure_png()

        for value in itertools.cycle(values):
            yield lambda v=value: rebuild(v)

    return Case("ChickenGame", "set_payoff('war', v)", games.ChickenGame, steps, naive)


def decisions_case() -> Case | None:
    """Lesson 3's decision simulator: a choice, its feedback and the path so far."""
    decisions = _module("decisions")
    if decisions is None or not hasattr(decisions, "DecisionSimulator"):
        return None
    points = decisions.load_decisions()
    choices = [(p.id, o.id) for p in points for o in p.options]

    def steps(simulator) -> list[Step]:
        return [lambda c=c: simulator.choose(*c) for c in choices]

    def naive() -> Iterator[Step]:
        def rebuild(point_id: str, option_id: str) -> None:
            decisions.DecisionSimulator(points).choose(point_id, option_id)

        for choice in itertools.cycle(choices):
            yield lambda c=choice: rebuild(*c)

    return Case(
        "DecisionSimulator", "choose", lambda: decisions.DecisionSimulator(points), steps, naive
    )


def comparison_case() -> Case | None:
    """Lesson 4's 1962/2022 pairs side by side (HTML only, no figure)."""
    compare = _module("compare")
    if compare is None or not hasattr(compare, "ComparisonExplorer"):
        return None
    frames = (
        data.load("pairs"),
        data.events(1962),
        data.events(2022),
        data.load("quotes"),
        data.load("people"),
    )
    pairs = list(frames[0]["id"])

    def steps(explorer) -> list[Step]:
        return [lambda p=p: explorer.select_pair(p) for p in pairs[1:] + pairs[:1]]

    def naive() -> Iterator[Step]:
        for pair in itertools.cycle(pairs):
            yield lambda p=pair: compare.ComparisonExplorer(*frames).select_pair(p)

    return Case(
        "ComparisonExplorer",
        "select_pair",
        lambda: compare.ComparisonExplorer(*frames),
        steps,
        naive,
    )


CASES = (
    day_picker_case,
    timeline_case,
    range_map_case,
    perspective_case,
    chicken_case,
    decisions_case,
    comparison_case,
)


def run(case: Case, rounds: int, naive_count: int) -> tuple[list[float], ...]:
    """Times of the update on first visits (a fresh explorer each round), on revisits of the
    same states (whatever the explorer cached), and of the naive update."""
    fast: list[float] = []
    again: list[float] = []
    for _ in range(rounds):
        explorer = case.build()
        fast += [timed(step) for step in case.steps(explorer)]
        again += [timed(step) for step in case.steps(explorer)]
    naive_steps = case.naive()
    naive = [timed(next(naive_steps)) for _ in range(naive_count)]
    return fast, again, naive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="fresh explorers per explorer")
    parser.add_argument("--naive", type=int, default=15, help="naive updates per explorer")
    parser.add_argument("--only", nargs="*", help="explorer class names to run")
    args = parser.parse_args(argv)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (figures scale with load)")
    print(
        f"data: {relative_to_root(data_dir())}; a fresh explorer for each of {args.rounds} rounds"
    )
    header = f"{'explorer':<20} {'update':<22} {'n':>4} {'median':>9} {'p95':>9}"
    header += f" {'revisit':>9} {'naive med':>10} {'naive p95':>10} {'speed-up':>9}"
    print(header)
    for make in CASES:
        case = make()
        if case is None:
            print(f"{make.__name__}: explorer not in crisislab, skipped")
            continue
        if args.only and case.name not in args.only:
            continue
        fast, again, naive = run(case, args.rounds, args.naive)
        speedup = statistics.median(naive) / statistics.median(fast)
        print(
            f"{case.name:<20} {case.update:<22} {len(fast):>4} "
            f"{statistics.median(fast):>6.2f} ms {percentile95(fast):>6.2f} ms "
            f"{statistics.median(again):>6.2f} ms "
            f"{statistics.median(naive):>7.1f} ms {percentile95(naive):>7.1f} ms "
            f"{speedup:>8.1f}x",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
