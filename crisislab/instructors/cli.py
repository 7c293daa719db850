"""The kit's command line: write the role-play printables or the print pack, check, link."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import relative_to_root, repo_root
from . import roleplay
from .handouts import write_handouts
from .links import COURSE_REPO, nbgitpuller_link
from .plans import all_plan_problems, sync_times
from .role_cards import cards, cards_html, cards_markdown


def roleplay_dir() -> Path:
    """Where the role-play's generated files go: ``instructors/roleplay/``."""
    return repo_root() / "instructors" / "roleplay"


def roleplay_files() -> dict[str, str]:
    """Every generated role-play file, by name, as text."""
    all_cards = cards()
    return {
        "cards.md": cards_markdown(all_cards),
        "cards.html": cards_html(all_cards),
        "record.md": roleplay.record_markdown(),
        "record.html": roleplay.record_html(),
        "forms.html": roleplay.forms_html(),
        "control.html": roleplay.control_html(),
    }


def write_cards(out_dir: Path | str | None = None) -> list[Path]:
    """Write the role cards, the record, the message forms and the Control sheet."""
    out = Path(out_dir) if out_dir is not None else roleplay_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in roleplay_files().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write role-play printables or the print pack, check the plans, or print a hub link."""
    from . import __doc__ as doc

    parser = argparse.ArgumentParser(
        prog="python -m crisislab.instructors",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cards_cmd = commands.add_parser("cards", help="role cards, forms, Control sheet, record")
    cards_cmd.add_argument("--out", type=Path, help="folder (default instructors/roleplay)")
    handouts_cmd = commands.add_parser("handouts", help="readers, worksheets, paper exercises")
    handouts_cmd.add_argument("--out", type=Path, help="folder (default instructors/handouts)")
    handouts_cmd.add_argument("lessons", nargs="*", type=Path, help="lesson notebooks (all)")
    commands.add_parser("check", help="every lesson has a complete 50-minute plan")
    commands.add_parser("times", help="write each lesson's time from the course map into the plans")
    commands.add_parser(
        "pages", help="print everything to PDF and list the page counts in the guide"
    )
    link_cmd = commands.add_parser("link", help="an nbgitpuller link for a JupyterHub")
    link_cmd.add_argument("hub", help="the hub's address, e.g. https://hub.example.org")
    link_cmd.add_argument("--repo", default=COURSE_REPO)
    link_cmd.add_argument("--branch", default="main")
    link_cmd.add_argument("--notebook", default="lessons/00_start_here.ipynb")
    args = parser.parse_args(argv)

    if args.command == "cards":
        for path in write_cards(args.out):
            print(f"wrote {relative_to_root(path)}")
        return 0
    if args.command == "handouts":
        missing = [p for p in args.lessons if not p.is_file()]
        if missing:
            print(f"There is no lesson notebook at {missing[0]}.")
            return 2
        for path in write_handouts(args.out, args.lessons or None):
            print(f"wrote {relative_to_root(path)} ({path.stat().st_size / 1e3:.0f} kB)")
        return 0
    if args.command == "pages":
        from . import pdf

        pack, printables = pdf.measure()
        print(f"updated {relative_to_root(pdf.write_guide(pack, printables))}")
        print(pdf.counts_markdown({**pack, **printables}))
        return 0
    if args.command == "times":
        for path in sync_times():
            print(f"updated {relative_to_root(path)}")
        return 0
    if args.command == "check":
        problems = all_plan_problems()
        for problem in problems:
            print(problem)
        print("Plans: " + ("complete." if not problems else f"{len(problems)} problem(s)."))
        return 1 if problems else 0
    try:
        print(nbgitpuller_link(args.hub, args.repo, args.branch, args.notebook))
    except ValueError as exc:
        print(exc)
        return 2
    return 0
