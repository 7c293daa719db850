"""The letters module: tokenising and counting on tiny texts with known answers, the stored
letters (loaded and validated), the summary table and the figure's content."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crisislab import letters
from crisislab.data import DataError
from tests.datafixtures import write_dataset

LETTER_COLUMNS = [
    "id",
    "date",
    "sender_id",
    "recipient_id",
    "title",
    "frus_volume",
    "frus_document",
    "url",
    "source_ids",
    "note",
    "research_note",
]


def write_letters(folder: Path, texts: dict[str, str]) -> Path:
    """A letters.csv and data/letters/*.txt in a fixture dataset (sender alternates)."""
    rows = []
    for number, (letter_id, text) in enumerate(texts.items()):
        sender, recipient = ("khrushchev", "jfk") if number % 2 == 0 else ("jfk", "khrushchev")
        rows.append(
            {
                "id": letter_id,
                "date": f"1962-10-2{6 + number}",
                "sender_id": sender,
                "recipient_id": recipient,
                "title": f"Letter {number}",
                "frus_volume": "XI",
                "frus_document": str(84 + number),
                "url": "https://history.state.gov/historicaldocuments/frus1961-63v11/d84",
                "source_ids": "dobbs-2008",
                "note": "test",
                "research_note": "",
            }
        )
        (folder / "letters").mkdir(exist_ok=True)
        (folder / "letters" / f"{letter_id}.txt").write_text(text, encoding="utf-8")
    with (folder / "letters.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=LETTER_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    folder = write_dataset(tmp_path / "data")
    write_letters(
        folder,
        {
            "k-one": "War is our enemy. War, war and wars! You know it. Peace, you said.",
            "j-two": "Dear Mr. Chairman:\n\nI have read your letter\u2014the weapons must go."
            "\n\nThe war must not come.",
        },
    )
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    return folder


# ---------------------------------------------------------------- counting tiny texts


def test_tokenize_lowercases_and_drops_punctuation_and_dashes():
    text = "The KNOT -- of war\u2014isn\u2019t Cuba's; 26th October!"
    assert letters.tokenize(text) == [
        "the",
        "knot",
        "of",
        "war",
        "isn\u2019t",
        "cuba's",
        "26th",
        "october",
    ]


def test_word_count_counts_words_not_punctuation():
    assert letters.word_count("") == 0
    assert letters.word_count("-- \u2014 ; !") == 0
    assert letters.word_count("Peace -- peace, and PEACE.") == 4
    # a dash between two words separates them, unlike str.split()
    assert letters.word_count("agree\u2014upon") == 2 and len("agree\u2014upon".split()) == 1


def test_count_word_is_whole_word_and_case_insensitive():
    text = "War, war and wars; warfare. WAR!"
    assert letters.count_word(text, "war") == 3
    assert letters.count_word(text, " War ") == 3
    assert letters.count_word(text, "wars") == 1
    assert letters.count_word(text, "peace") == 0


def test_content_words_and_top_words_leave_out_stop_words_with_stable_ties():
    text = "The knot of war, the knot. You and I; rope rope knot."
    assert letters.content_words(letters.tokenize(text)) == [
        "knot",
        "war",
        "knot",
        "rope",
        "rope",
        "knot",
    ]
    assert letters.top_words(text, 3) == [("knot", 3), ("rope", 2), ("war", 1)]
    # ties are alphabetical, so the result never depends on dictionary order
    assert letters.top_words("zeta alpha", 2) == [("alpha", 1), ("zeta", 1)]
    assert letters.top_words(text, 0) == []
    assert letters.top_words(text, 2, stop_words=()) == [("knot", 3), ("rope", 2)]


def test_theme_counts_use_the_theme_lists():
    counts = letters.theme_counts("War and peace. You, your missiles; peace!")
    assert counts == {"war": 2, "peace": 2, "the other side": 2}
    custom = letters.theme_counts("red red blue", {"colour": ["red"]})
    assert custom == {"colour": 2}


# ---------------------------------------------------------------- the stored letters


def test_text_reads_a_stored_letter(dataset):
    assert letters.text("k-one").startswith("War is our enemy")
    assert list(letters.index()["id"]) == ["k-one", "j-two"]


def test_text_refuses_an_unknown_id_a_missing_file_and_bad_bytes(dataset):
    with pytest.raises(DataError, match="letters.csv.*id"):
        letters.text("nope")
    (dataset / "letters" / "j-two.txt").unlink()
    with pytest.raises(DataError, match="letters/j-two.txt"):
        letters.text("j-two")
    (dataset / "letters" / "j-two.txt").write_bytes(b"\xff\xfe bad")
    with pytest.raises(DataError, match="UTF-8"):
        letters.text("j-two")
    (dataset / "letters" / "j-two.txt").write_text("<script>x</script>", encoding="utf-8")
    with pytest.raises(DataError, match="markup"):
        letters.text("j-two")


def test_letters_table_is_validated(dataset):
    path = dataset / "letters.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("1962-10-27", "1963-10-27"), encoding="utf-8"
    )
    with pytest.raises(DataError, match="letters.csv, row 2.*date"):
        letters.index()


def test_summary_counts_each_letter(dataset):
    table = letters.summary().set_index("id")
    assert table.loc["k-one", "words"] == 14
    assert table.loc["k-one", "war"] == 4  # war x3 + "wars"
    assert table.loc["k-one", "peace"] == 1
    assert table.loc["k-one", "the other side"] == 2
    assert table.loc["k-one", "war per 1000"] == pytest.approx(285.7, abs=0.1)
    assert "excerpt" not in table.columns
    assert table.loc["j-two", "sender"] == "John F. Kennedy"


def test_theme_figure_shows_one_labelled_bar_per_letter_and_theme(dataset):
    table = letters.summary()
    fig = letters.theme_figure(table)
    ax = fig.axes[0]
    bars = [p for p in ax.patches]
    assert len(bars) == len(table) * len(letters.THEMES)
    heights = sorted(round(b.get_height(), 1) for b in bars)
    assert 285.7 in heights
    assert [t.get_text() for t in ax.get_xticklabels()] == ["War", "Peace", "The other side"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Khrushchev, 26 Oct", "Kennedy, 27 Oct"]
    hatches = {b.get_hatch() for b in bars}
    assert len(hatches) == 2  # not colour alone
    alt = letters.theme_alt(table)
    assert "war 286" in alt and "John F. Kennedy" in alt


# ---------------------------------------------------------------- finding and quoting


def test_paragraphs_and_passages_quote_the_stored_text_verbatim(dataset):
    assert letters.paragraphs("k-one") == [
        "War is our enemy. War, war and wars! You know it. Peace, you said."
    ]
    assert letters.paragraphs("j-two")[1] == "I have read your letter\u2014the weapons must go."
    block = letters.passage("j-two", 2)
    bundle = block._repr_mimebundle_()
    assert bundle["text/plain"].startswith("> I have read your letter\u2014the weapons")
    assert "John F. Kennedy, letter of 27 October 1962 (paragraph 2;" in bundle["text/plain"]
    assert "FRUS XI, doc. 85" in block.caption() and "[dobbs-2008]" in block.caption()
    assert "<blockquote" in bundle["text/html"] and "&mdash;" in bundle["text/html"]
    with pytest.raises(IndexError, match="paragraphs 1 to 3"):
        letters.passage("j-two", 4)
    with pytest.raises(IndexError):
        letters.passage("j-two", 0)


def test_find_lists_the_paragraphs_of_a_whole_word(dataset):
    assert letters.find("j-two", "war") == [3]
    assert letters.find("j-two", " WEAPONS ") == [2]
    assert letters.find("j-two", "wa") == []  # whole words only
    assert letters.find("k-one", "war") == [1]
    with pytest.raises(DataError):
        letters.find("nope", "war")


def test_passage_html_escapes_the_text(dataset):
    (dataset / "letters" / "j-two.txt").write_text("Cuba & Turkey > Berlin", encoding="utf-8")
    assert (
        "Cuba &amp; Turkey &gt; Berlin"
        in letters.passage("j-two", 1)._repr_mimebundle_()["text/html"]
    )


# ---------------------------------------------------------------- the real letters (FRUS vol. VI)

REAL = {
    "khrushchev-1962-10-26": 65,
    "khrushchev-1962-10-27": 66,
    "kennedy-1962-10-27": 67,
    "khrushchev-1962-10-28": 68,
}


def test_real_letters_are_the_frus_volume_vi_texts():
    table = letters.index().set_index("id")
    assert set(REAL) <= set(table.index)
    for letter_id, number in REAL.items():
        row = table.loc[letter_id]
        assert row["frus_volume"] == "1961-63 vol. VI"
        assert int(row["frus_document"]) == number
        assert row["source_ids"] == f"frus61-63v6d{number}"
        assert row["url"].endswith(f"/frus1961-63v06/d{number}")
        assert "full text" in row["note"].lower() and "excerpt" not in row["note"].lower()
        text = letters.text(letter_id)
        assert "[...]" not in text
        assert letters.word_count(text) > 400


def test_real_letters_open_and_close_as_printed():
    first = letters.paragraphs("khrushchev-1962-10-26")
    assert first[0] == "Dear Mr. President:" and first[-1] == "October 26, 1962."
    reply = letters.paragraphs("kennedy-1962-10-27")
    assert reply[0] == "Dear Mr. Chairman:" and reply[-1] == "/s/John F. Kennedy"
    assert letters.paragraphs("khrushchev-1962-10-28")[-1] == "N. Khrushchev"


def test_knot_of_war_and_the_turkey_proposal_are_where_the_lesson_quotes_them():
    knot = letters.find("khrushchev-1962-10-26", "knot")
    assert knot and "the knot of war" in letters.paragraphs("khrushchev-1962-10-26")[knot[0] - 1]
    turkey = letters.find("khrushchev-1962-10-27", "turkey")
    proposal = letters.paragraphs("khrushchev-1962-10-27")[turkey[2] - 1]
    assert proposal.startswith("I therefore make this proposal:")
    assert "will remove its analogous means from Turkey" in proposal
    # the reply and the acceptance never name Turkey: the silence the lesson points out
    assert letters.find("kennedy-1962-10-27", "turkey") == []
    assert letters.find("khrushchev-1962-10-28", "turkey") == []
