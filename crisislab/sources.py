"""Citations: turn source ids into readable references, rendered from ``data/sources.csv``.

Lessons end with a Sources section made by :func:`bibliography`, never typed by hand, and any
text can cite with :func:`cite`. All text is HTML-escaped; links open the page that was read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from datetime import date

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


_ROMAN = {5: "V", 6: "VI", 7: "VII", 9: "IX", 10: "X", 11: "XI", 15: "XV"}
_BODY_WORDS = re.compile(
    r"\b(office|department|center|centre|agency|ministry|committee|federation|embassy|mission|"
    r"presidium|staff|library|archive|news|press|times|post|kremlin|house|nations|council|"
    r"government|service|institute|university|project|contributors|reuters|associated)\b",
    re.I,
)


def short_label(source_id: str, table=None) -> str:
    """A reader's label for a source: "Dobbs 2008", "FRUS vol. VI doc. 65", "TASS 2022"."""
    frus = re.fullmatch(r"frus61-63v(\d+)d(\d+)", source_id)
    if frus:
        volume = int(frus.group(1))
        return f"FRUS vol. {_ROMAN.get(volume, volume)} doc. {frus.group(2)}"
    table = _table() if table is None else table
    if source_id not in table.index:
        return source_id
    row = table.loc[source_id]
    author = re.sub(r"\([^)]*\)", "", str(row["author"]))
    first = re.split(r";|,| and |&", author)[0].strip()
    words = first.split()
    if 2 <= len(words) <= 4 and not _BODY_WORDS.search(first):
        start = len(words) - 1
        while start > 1 and words[start - 1][:1].islower():  # "vanden Heuvel", "de Gaulle"
            start -= 1
        name = " ".join(words[start:]).rstrip(".")
    else:
        name = first if len(first) <= 30 else (row["publisher"] or first)[:30].strip()
    year = "" if pd.isna(row["year"]) else f" {row['year']}"
    return f"{name}{year}"


MARKER_TARGET = "#Sources"


def marker(source_id: str, label: str | None = None, table=None) -> str:
    """One short citation marker for a lesson's markdown, linking to its Sources list.

    ``[Dobbs 2008](#Sources "dobbs-2008")``: the reader sees a short label, the link leads to
    the Sources heading, and the id rides in the link's title, where tests find it.
    """
    return f'[{label or short_label(source_id, table)}]({MARKER_TARGET} "{source_id}")'


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
    return f"[{source_id}] {text} ({row['tier']})"


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
            f'rel="noopener" style="text-decoration:underline">{title}</a>'
        )
    bits = [html.escape(row["author"]), title]
    if row["publisher"]:
        bits.append(html.escape(row["publisher"]))
    bits.append("n.d." if row["year"] is pd.NA else str(row["year"]))
    return (
        f"<li>[{html.escape(source_id)}] "
        + ", ".join(bits)
        + f" <small>({html.escape(row['tier'])})</small></li>"
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


# --------------------------------------------------------------------------------------------
# Quotations: when the words were said, and how they reached us
# --------------------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """``27 October 1962`` (no leading zero, in every renderer alike)."""
    return f"{day.day} {day:%B %Y}"


def _said(value: object) -> str:
    text = str(value or "").strip()
    if len(text) == 4 and text.isdigit():
        return text
    try:
        return long_date(date.fromisoformat(text))
    except ValueError:
        return text


def _year(value: object) -> str:
    return str(value or "").strip()[:4]


def _recollection_word(source_ids: str) -> str:
    """ "interview" when the quotation's memoir source is an interview, else "memoirs"."""
    table = _table()
    for source_id in _split(source_ids):
        if source_id in table.index:
            row = table.loc[source_id]
            text = f"{row['title']} {row['publisher']}".casefold()
            if "interview" in text or "oral history" in text:
                return "interview"
    return "memoirs"


def quote_when(row: Mapping) -> str:
    """When a quotation was said, shown so that a later account never passes for a record.

    ``27 October 1962`` for a record made at the time; ``27 October 1962, as reported at the
    time`` for words another person reported then; ``24 October 1962, as reported later by
    others`` for words known only from later accounts by others; ``memoirs (1970), recalling
    27 October 1962`` for the speaker's own later recollection.
    """
    kind = row.get("kind") or "record"
    said = _said(row.get("said_on"))
    about = row.get("about_date")
    about_text = long_date(about) if isinstance(about, date) else ""
    if kind == "recollection":
        word = _recollection_word(str(row.get("source_ids") or ""))
        text = f"{word} ({_year(row.get('said_on'))})" if said else f"later {word}"
        return f"{text}, recalling {about_text}" if about_text else text
    if kind == "reported_later":  # said_on is when the words were said, not when reported
        about_text = about_text or said
        text = "as reported later by others"
        return f"{about_text}, {text}" if about_text else text
    if kind == "reported_at_time":
        return f"{said or about_text or 'undated'}, as reported at the time"
    return said or about_text or "undated"


def quote_attribution(row: Mapping, speaker: str | None = None) -> str:
    """Speaker and when, e.g. ``Nikita Khrushchev, memoirs (1970), recalling 27 October 1962``."""
    who = speaker or str(row.get("speaker_id") or "")
    return f"{who}, {quote_when(row)}"
