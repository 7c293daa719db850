"""How long the timeline explorer takes to follow the day slider, against a naive redraw.

Run from the course folder:  python benchmarks/widget_latency.py [--views now washington moscow]

It times ``TimelineExplorer.select_day`` over every day of the slider (cards, status line and
figure all updated, as when a student drags the slider), first on a fresh explorer (no day
rendered yet), then again (PNG cached per day and view), and compares with a naive explorer
that builds and renders its figure from scratch on every change. It prints median and p95 in
milliseconds. Targets: median <= 20 ms, and at least 5x faster than the naive version.
It uses the course data when present, else the small test fixture (and says so).
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crisislab import data, style, timeline  # noqa: E402
from crisislab.paths import data_dir  # noqa: E402

TARGET_MEDIAN_MS = 20.0
TARGET_SPEEDUP = 5.0


class NaiveExplorer(timeline.TimelineExplorer):
    """The explorer as it would be without artist updates: a new figure on every change."""

    def _png(self, day, view):
        figure = timeline._TimelineFigure(self.events, self.days)
        for name, artists in figure.view_artists.items():
            for artist in artists:
                artist.set_visible(name == view)
        figure.mark(day, view, self._label(day))
        png = style.figure_png(figure.fig)
        return base64.b64encode(png).decode("ascii")


def load_events():
    """The 1962 events from data/, or the fixture dataset when the course data is not there."""
    if (data_dir() / "events_1962.csv").exists():
        return data.events(1962), "data/events_1962.csv"
    from tests.datafixtures import write_dataset

    folder = write_dataset(Path(tempfile.mkdtemp()) / "data")
    return data.events(1962, folder), "tests/datafixtures.py (course data not found)"


def time_days(explorer, days) -> list[float]:
    """Milliseconds of select_day for each day, in slider order."""
    times = []
    for day in days:
        start = time.perf_counter()
        explorer.select_day(day)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return f"median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", nargs="+", default=["now"], choices=list(timeline.VIEWS))
    args = parser.parse_args(argv)
    events, origin = load_events()

    cold, warm, naive = [], [], []
    for view in args.views:
        fast = timeline.TimelineExplorer(events, view=view)
        days = fast.days
        cold += time_days(fast, days)
        warm += time_days(fast, days)
        slow = NaiveExplorer(events, view=view)
        naive += time_days(slow, days)

    print(f"Timeline explorer: select_day over all {len(days)} days of the slider")
    print(f"data: {origin}, {len(events)} events; views: {', '.join(args.views)}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (figures scale with load)")
    print(f"fast, first visit of each day:        {summary(cold)}")
    print(f"fast, second visit (PNG cached):      {summary(warm)}")
    print(f"naive, figure rebuilt on each change: {summary(naive)}")
    speedup = statistics.median(naive) / statistics.median(cold)
    median = statistics.median(cold)
    fast_enough = "met" if median <= TARGET_MEDIAN_MS else "NOT met"
    faster = "met" if speedup >= TARGET_SPEEDUP else "NOT met"
    print(
        f"median, first visits: {median:.1f} ms (target <= {TARGET_MEDIAN_MS:.0f}: {fast_enough})"
    )
    print(f"speed-up over naive: {speedup:.1f}x (target >= {TARGET_SPEEDUP:.0f}x: {faster})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
