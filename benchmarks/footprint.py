"""How much disk the course's environment takes, against the bare stack it is built on.

Run from the course folder:  python benchmarks/footprint.py [--dev] [--keep FOLDER]

It builds two virtual environments in a temporary folder with ``python -m venv`` and pip:
the course's (``pip install -r requirements.txt``, what a student installs) and the bare stack
(jupyterlab, ipywidgets, matplotlib and nbval at the versions the course pins), then compares
their size on disk (``du``) and names the packages that only the course's environment holds.
With ``--dev`` it also builds ``requirements-dev.txt`` (the test and authoring tools).
Target: the course's environment at most 1.25x the bare stack. pip reads the machine's own
configuration (index, wheel folder, cache), so it runs offline where that is local.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.25
BARE = ("jupyterlab", "ipywidgets", "matplotlib", "nbval")

#: Run inside each environment: bytes on record per installed distribution.
SIZES = """
import json, importlib.metadata as m
out = {}
for dist in m.distributions():
    total = 0
    for f in dist.files or ():
        try:
            total += dist.locate_file(f).stat().st_size
        except OSError:
            pass
    out[dist.metadata["Name"].lower()] = total
print(json.dumps(out))
"""


def pins(path: Path) -> dict[str, str]:
    """``name -> version`` for every ``name==version`` line of a requirements file (and -r)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        elif match := re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line):
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def build(folder: Path, requirements: list[str]) -> float:
    """Create a venv in ``folder`` and pip-install ``requirements``; return seconds taken."""
    import time

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "-qq"]
    subprocess.run([*pip, *requirements], check=True)
    return time.perf_counter() - start


def disk_kib(folder: Path) -> int:
    """Disk usage of a folder in KiB, as ``du -sk`` reports it."""
    out = subprocess.run(["du", "-sk", str(folder)], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[0])


def dist_sizes(folder: Path) -> dict[str, int]:
    """Bytes per installed distribution in the venv at ``folder``."""
    out = subprocess.run(
        [str(folder / "bin" / "python"), "-c", SIZES], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def mib(kib: float) -> str:
    return f"{kib / 1024:7.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="also build requirements-dev.txt")
    parser.add_argument("--keep", type=Path, help="build here and keep the environments")
    args = parser.parse_args(argv)

    dev_pins = pins(ROOT / "requirements-dev.txt")
    bare = [f"{name}=={dev_pins[name]}" for name in BARE]
    plans = {
        "bare stack": bare,
        "course (requirements.txt)": ["-r", str(ROOT / "requirements.txt")],
    }
    if args.dev:
        plans["dev (requirements-dev.txt)"] = ["-r", str(ROOT / "requirements-dev.txt")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="crisislab-footprint-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        for label, requirements in plans.items():
            folder = work / re.sub(r"\W+", "-", label).strip("-")
            seconds = build(folder, requirements)
            site = next((folder / "lib").glob("python3*/site-packages"))
            results[label] = (disk_kib(folder), disk_kib(site), dist_sizes(folder), seconds)
            print(f"built {label} in {seconds:.0f} s", file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"Python {sys.version.split()[0]}; bare stack: {', '.join(bare)}")
    print(f"{'environment':<28} {'venv on disk':>14} {'site-packages':>14} {'ratio':>7}")
    base = results["bare stack"][0]
    for label, (total, site, _sizes, _s) in results.items():
        print(f"{label:<28} {mib(total):>14} {mib(site):>14} {total / base:>6.2f}x")
    bare_sizes = results["bare stack"][2]
    for label, (_t, _s, sizes, _sec) in results.items():
        if label == "bare stack":
            continue
        extra = {n: b for n, b in sizes.items() if n not in bare_sizes}
        top = sorted(extra.items(), key=lambda item: -item[1])[:8]
        listed = ", ".join(f"{n} {b / 2**20:.1f}" for n, b in top)
        print(f"only in {label}: {sum(extra.values()) / 2**20:.1f} MiB ({listed} MiB)")
    ratio = results["course (requirements.txt)"][0] / base
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"course / bare: {ratio:.2f}x (target <= {TARGET_RATIO}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
