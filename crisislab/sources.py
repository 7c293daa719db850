"""Citations: turn source ids into readable references, rendered from ``data/sources.csv``.

Lessons end with a Sources section made by :func:`bibliography`, never typed by hand, and any
text can cite with :func:`cite`. All text is HTML-escaped; links open the page that was read.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from . import data


def _split(ids: str | Iterable[str]) -> list[str]:
    if isinstance(ids, str):
        ids = ids.split(";")
    return [i.strip() for i in ids if i and i.strip()]


def _table():
    return data.load("sources").set_index("id", drop=False)


def cite(ids: str | Iterable[str]) -> str:
    """A short bracketed citation, e.g. ``[frus61-63v11d19; dobbs-2008]``."""
    return "[" + "; ".join(_split(ids)) + "]"


def reference_text(source_id: str, table=None) -> str:
    """One source as plain text: author, title, publisher, year, address, kind."""
    table = _table() if table is None else table
    if source_id not in table.index:
        return f"{source_id}: (not in the bibliography)"
    row = table.loc[source_id]
    parts = [row["author"], f"{row['title']}"]
    if row["publisher"]:
        parts.append(row["publisher"])
    parts.append("n.d." if row["year"] is pd.NA else str(row["year"]))
    text = ". ".join(p.rstrip(".") for p in parts) + "."
    if row["url"]:
        text += f" {row['url']}"
    return f"[{source_id}] {text} ({row['kind']})"


def reference_html(source_id: str, table=None) -> str:
    """One source as an HTML list item, escaped, with a link when it has an address."""
    table = _table() if table is None else table
    if source_id not in table.index:
        return f"<li>[{html.escape(source_id)}] (not in the bibliography)</li>"
    row = table.loc[source_id]
    title = f"<i>{html.escape(row['title'])}</i>"
    if row["url"]:
        title = (
            f'<a href="{html.escape(row["url"], quote=True)}" target="_blank" '
            f'rel="noopener">{title}</a>'
        )
    bits = [html.escape(row["author"]), title]
    if row["publisher"]:
        bits.append(html.escape(row["publisher"]))
    bits.append("n.d." if row["year"] is pd.NA else str(row["year"]))
    return (
        f"<li>[{html.escape(source_id)}] "
        + ", ".join(bits)
        + f" <small>({html.escape(row['kind'])})</small></li>"
    )


class Bibliography:
    """A list of sources that displays as HTML, with a plain-text form for nbval and readers."""

    def __init__(self, ids: Iterable[str]) -> None:
        seen: list[str] = []
        for source_id in ids:
            for part in _split(source_id):
                if part not in seen:
                    seen.append(part)
        self.ids = seen

    def _repr_html_(self) -> str:
        table = _table()  # loaded once for the whole list, not once per source
        items = "".join(reference_html(i, table) for i in self.ids)
        return f'<ul class="crisislab-sources">{items}</ul>'

    def __repr__(self) -> str:
        table = _table()
        return "\n".join(reference_text(i, table) for i in self.ids)


def bibliography(*id_lists: str | Iterable[str]) -> Bibliography:
    """The Sources section for ids gathered from text, tables or event rows."""
    ids: list[str] = []
    for item in id_lists:
        ids.extend(_split(item))
    return Bibliography(ids)
