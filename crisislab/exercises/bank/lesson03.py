"""Lesson 3's questions (Decisions under pressure): the options, the letters, the deal.

Registered with :func:`crisislab.questions.register` on import. As elsewhere, facts are read
from ``data/`` when an answer is checked: who advocated which option comes from
``decisions.json``, word counts and paragraph numbers from the letter texts (the full texts
printed in FRUS 1961-63 vol. VI), and notes from the events table.
Where a right answer is a fixed letter, it is stored hashed so that it is not given away.
"""

from __future__ import annotations

from ..facts import (
    ChoiceFacts,
    NumberFacts,
    TextFacts,
    Unavailable,
    _event,
    _long_date,
    _person_facts,
    _sentence,
    _sources,
)
from ..registry import Question, register

LESSON = 3


def _letter_text(letter_id: str) -> str:
    from ... import letters

    try:
        return letters.text(letter_id)
    except Exception as exc:  # a missing or malformed file: the question says so
        raise Unavailable(f"the letter {letter_id} could not be read ({exc})") from None


def _letter_row(letter_id: str) -> dict:
    from ... import letters

    try:
        frame = letters.index()
    except Exception as exc:
        raise Unavailable(f"letters.csv could not be loaded ({exc})") from None
    match = frame[frame["id"] == letter_id]
    if match.empty:
        raise Unavailable(f"letters.csv has no row {letter_id!r}")
    return match.iloc[0].to_dict()


def _letter_sources(letter_id: str) -> str:
    return str(_letter_row(letter_id)["source_ids"])


def _letter_reference(letter_id: str) -> str:
    """'FRUS 1961-63 vol. VI, doc. 67', or the source ids when the row names no FRUS document."""
    row = _letter_row(letter_id)
    volume, number = row.get("frus_volume"), row.get("frus_document")
    if isinstance(volume, str) and volume.strip() and number == number and number is not None:
        return f"FRUS {volume}, doc. {int(number)}"
    return str(row["source_ids"])


def _letter_paragraphs(letter_id: str) -> list[str]:
    from ... import letters

    _letter_text(letter_id)  # a missing or malformed file becomes Unavailable
    return letters.paragraphs(letter_id)


# ---------------------------------------------------------------- who argued for what

register(
    Question(
        "03.blockade-critic",
        LESSON,
        "Which Air Force chief told Kennedy on 19 October that a blockade and political talk "
        "would look like 'a pretty weak response'?",
        "name",
        _person_facts(
            "lemay",
            "e62-jcs-meeting-lemay",
            {
                "maxwell-taylor": "Taylor chaired the Joint Chiefs, but he was an Army general: "
                "who spoke for the Air Force?",
                "mcnamara": "McNamara was Secretary of Defense and argued for the blockade.",
                "jfk": "Kennedy was the one being told; who told him?",
            },
            "{name} ({role}) said it at the meeting with the Joint Chiefs on {date}; the "
            "Chiefs wanted military action rather than a blockade.",
        ),
        objective=1,
    )
)

_ADVOCATE_OPTIONS = (
    ("A", "lemay"),
    ("B", "mcnamara"),
    ("C", "richard-russell"),
    ("D", "rusk"),
    ("E", "rfk"),
)
_MILITARY = ("air-strike", "invasion")


def _military_facts() -> ChoiceFacts:
    from ... import data
    from ...decisions import load_decisions

    try:
        point = next(p for p in load_decisions() if p.id == "oct16-response")
        people = data.load("people").set_index("id")
    except StopIteration:
        raise Unavailable("decisions.json has no point 'oct16-response'") from None
    except Exception as exc:
        raise Unavailable(f"the decisions could not be loaded ({exc})") from None
    advocated: dict[str, list[str]] = {}
    for option in point.options:
        for person in option.advocates:
            advocated.setdefault(person, []).append(option.label)
    correct, notes, options = set(), {}, []
    for label, person in _ADVOCATE_OPTIONS:
        if person not in people.index:
            raise Unavailable(f"people.csv has no row {person!r}")
        name = people.loc[person, "name"]
        options.append((label, name))
        argued = [o for o in point.options if person in o.advocates]
        if any(o.id in _MILITARY for o in argued):
            correct.add(label)
            notes[label] = f"{name} argued for: {'; '.join(o.label for o in argued)}."
        elif argued:
            notes[label] = (
                f"{name} argued for another first step ({'; '.join(o.label for o in argued)})."
            )
        else:
            notes[label] = f"The course's data does not record {name} arguing for force first."
    if not correct:
        raise Unavailable("no listed person advocates an air strike or invasion in the data")
    sources = ";".join(dict.fromkeys(s for o in point.options for s in o.source_ids))
    return ChoiceFacts(
        options=tuple(options),
        correct=frozenset(correct),
        notes=notes,
        why="The military options had advocates among the Chiefs and in Congress; the "
        "President's civilian advisers mostly moved toward the blockade.",
        sources=sources,
        multiple=True,
    )


register(
    Question(
        "03.military-advocates",
        LESSON,
        "Which of these people argued for a military first step (an air strike or an "
        "invasion) rather than a blockade? Give every letter that applies (the decision "
        "simulator's first point lists who argued for what).",
        "multiple",
        _military_facts,
        objective=1,
    )
)

# ---------------------------------------------------------------- what each letter asked

_OFFER_OPTIONS = (
    ("A", "Soviet missiles out of Cuba if US missiles left Turkey"),
    ("B", "No need for Soviet military specialists in Cuba if the US promised not to invade"),
    ("C", "A summit meeting in Vienna before any other step"),
    ("D", "The quarantine lifted first, then talks about the missiles"),
)
_OFFER_HASHES = frozenset({"27a59f570f0c99e7b14f6719897540553780202f557e33a3420a70a151f5ca67"})


def _offer_facts() -> ChoiceFacts:
    first, second = _event("e62-khrushchev-letter-26oct"), _event("e62-khrushchev-letter-27oct")
    notes = {
        "A": f"That was the second, public letter ({_long_date(second['date'])}): "
        f"{_sentence(second['description'])}",
        "B": f"{_sentence(first['description'])}",
        "C": "The letters of 26 and 27 October propose no summit.",
        "D": "Khrushchev objected to the quarantine, but the 26 October letter's offer turns on "
        "an American promise about Cuba.",
    }
    return ChoiceFacts(
        options=_OFFER_OPTIONS,
        correct=_OFFER_HASHES,
        notes=notes,
        why="The private letter of 26 October hinted at the deal that ended the crisis: "
        "missiles out in exchange for a promise not to invade Cuba.",
        sources=_sources(first, second),
        hashed=True,
    )


register(
    Question(
        "03.letter26-offer",
        LESSON,
        "What did Khrushchev's long private letter of 26 October suggest? Give one letter.",
        "choice",
        _offer_facts,
        objective=2,
    )
)

_PROMISE_OPTIONS = (
    ("A", "To remove the quarantine promptly"),
    ("B", "To give assurances against an invasion of Cuba"),
    ("C", "To remove the US missiles from Turkey"),
    ("D", "To give up the naval base at Guantanamo"),
)
# Each option, and the words that must (or must not) be in the stored letter for it.
_PROMISE_EVIDENCE = {
    "A": ("remove promptly the quarantine", True),
    "B": ("assurances against an invasion of cuba", True),
    "C": ("turkey", False),
    "D": ("guantanamo", False),
}


def _promise_facts() -> ChoiceFacts:
    letter = " ".join(_letter_text("kennedy-1962-10-27").lower().split())
    correct, notes = set(), {}
    for label, (words, expected) in _PROMISE_EVIDENCE.items():
        present = words in letter
        if present != expected:
            raise Unavailable(f"the stored reply no longer reads as expected ({words!r})")
        if expected:
            correct.add(label)
            notes[label] = f"The letter says it: '{words}'."
        else:
            notes[label] = (
                "The reply does not mention it: read the two numbered points again."
                if label == "C"
                else "Nothing in the reply touches Guantanamo."
            )
    return ChoiceFacts(
        options=_PROMISE_OPTIONS,
        correct=frozenset(correct),
        notes=notes,
        why="In public Kennedy accepted the terms of the 26 October letter: the quarantine "
        "lifted and assurances against invasion, once the weapons were removed under UN "
        "supervision. He named the second, public letter only to put its proposal on 'other "
        "armaments' off until after a settlement.",
        sources=_letter_sources("kennedy-1962-10-27"),
        multiple=True,
    )


register(
    Question(
        "03.reply-promises",
        LESSON,
        "Read Kennedy's reply of 27 October (data/letters/kennedy-1962-10-27.txt). What did "
        "the United States offer in it, once the weapons were removed? Give every letter "
        "that applies.",
        "multiple",
        _promise_facts,
        objective=2,
    )
)

# ---------------------------------------------------------------- counting


def _word_count_facts() -> NumberFacts:
    from ... import letters

    content = _letter_text("kennedy-1962-10-27")
    count = letters.word_count(content)
    wrong = []
    split_count = len(content.split())
    if split_count != count:
        wrong.append(
            (
                float(split_count),
                "That looks like text.split(): it splits only at spaces, so two words joined "
                "by a dash (such as 'agree\u2014upon') count as one. Use letters.word_count, "
                "which counts words, not spaces.",
            )
        )
    return NumberFacts(
        answer=float(count),
        tolerance=0.5,
        unit="words",
        why=f"letters.word_count finds {count} words in the reply as printed in "
        f"{_letter_reference('kennedy-1962-10-27')} (the letter only, without the telegram's "
        "framing).",
        sources=_letter_sources("kennedy-1962-10-27"),
        wrong=tuple(wrong),
        unit_words=("word", "words"),
        advice="Count with letters.word_count, as the question says.",
        exact=True,
    )


register(
    Question(
        "03.reply-word-count",
        LESSON,
        "How many words does the stored text of Kennedy's reply of 27 October have, counted "
        "with letters.word_count(letters.text('kennedy-1962-10-27'))?",
        "number",
        _word_count_facts,
        objective=2,
        form="a whole number, or code that computes it",
    )
)


def _war_facts() -> NumberFacts:
    from ... import letters

    content = _letter_text("khrushchev-1962-10-26")
    count = letters.count_word(content, "war")
    tokens = letters.tokenize(content)
    wrong = []
    prefixed = sum(1 for t in tokens if t.startswith("war"))
    if prefixed != count:
        wrong.append(
            (
                float(prefixed),
                "That counts every word starting with 'war' (such as 'wars'): count the "
                "whole word 'war' only, as letters.count_word does.",
            )
        )
    other = letters.count_word(_letter_text("khrushchev-1962-10-27"), "war")
    if other != count:
        wrong.append((float(other), "That is the count in the 27 October letter: use the 26th."))
    reply = letters.count_word(_letter_text("kennedy-1962-10-27"), "war")
    if reply not in (count, other):
        wrong.append((float(reply), "That is the count in Kennedy's reply: use Khrushchev's 26th."))
    ahead = [w for w, n in letters.top_words(content, 50) if n > count]
    if not ahead:
        rank = "more than any other content word"
    else:
        rank = "only " + ", ".join(f"'{w}'" for w in ahead) + " occur more often"
    if reply == 0:
        silence = " Kennedy's reply does not use it at all."
    else:
        silence = f" Kennedy's reply uses it {reply} time{'s' if reply != 1 else ''}."
    return NumberFacts(
        answer=float(count),
        tolerance=0.5,
        unit="times",
        why=f"'war' occurs {count} times in the 26 October letter "
        f"({_letter_reference('khrushchev-1962-10-26')}); among its content words {rank}."
        + silence,
        sources=_letter_sources("khrushchev-1962-10-26"),
        wrong=tuple(wrong),
        unit_words=("time", "times"),
        advice="Count the whole word with letters.count_word, in the letter of 26 October.",
        exact=True,
    )


register(
    Question(
        "03.war-count",
        LESSON,
        "How many times does the word 'war' (the whole word, any case) occur in the stored "
        "text of Khrushchev's letter of 26 October? Use letters.count_word.",
        "number",
        _war_facts,
        objective=2,
        form="a whole number, or code that computes it",
    )
)


def _turkey_facts() -> NumberFacts:
    from ... import letters

    letter = "khrushchev-1962-10-27"
    found = [
        number
        for number, paragraph in enumerate(_letter_paragraphs(letter), start=1)
        if "turkey" in letters.tokenize(paragraph)
    ]
    if not found:
        raise Unavailable(f"the letter {letter} does not name Turkey")
    first = found[0]
    wrong = [
        (
            float(first - 1),
            "That is the Python index: letters.paragraphs(...) is a list whose first item, "
            "paragraph 1, has index 0. letters.find counts from 1.",
        )
    ]
    times = letters.count_word(_letter_text(letter), "turkey")
    if times not in (first, first - 1):
        wrong.append(
            (float(times), "That is how often 'Turkey' occurs, not where: use letters.find.")
        )
    proposal = [
        n
        for n, p in enumerate(_letter_paragraphs(letter), start=1)
        if "proposal" in letters.tokenize(p) and n in found
    ]
    if proposal and proposal[0] != first:
        wrong.append(
            (
                float(proposal[0]),
                "That is the paragraph with the proposal itself; Turkey is named earlier, "
                "where Khrushchev compares the missiles on both sides.",
            )
        )
    return NumberFacts(
        answer=float(first),
        tolerance=0.1,
        unit="(paragraph number)",
        why=f"Turkey first appears in paragraph {first} ({_letter_reference(letter)}), where "
        "Khrushchev lists the US bases and missiles around the Soviet Union; it occurs in "
        f"paragraphs {', '.join(map(str, found))}, {times} times in all.",
        sources=_letter_sources(letter),
        wrong=tuple(wrong),
        unit_words=("paragraph",),
        advice="Use letters.find, which counts paragraphs from 1.",
        exact=True,
    )


register(
    Question(
        "03.turkey-paragraph",
        LESSON,
        "In Khrushchev's letter of 27 October (khrushchev-1962-10-27), in which paragraph does "
        "the word 'Turkey' first occur? Count paragraphs from 1, as letters.find does.",
        "number",
        _turkey_facts,
        objective=2,
        form="a whole number, or code that computes it",
    )
)

# ---------------------------------------------------------------- the public and the secret deal

_TERMS = (
    ("A", "Soviet missiles removed from Cuba, with UN verification offered"),
    ("B", "A US assurance against an invasion of Cuba"),
    ("C", "US Jupiter missiles removed from Turkey"),
    ("D", "The US naval base at Guantanamo given up"),
)
_PUBLIC_HASHES = frozenset(
    {
        "ea373a8cce208d030ae82d86fb264f62512d95faa2d3a06d9fd312d827135f3b",
        "77c7ec37c7eaa4a3913416c1f9b03e9a8cd41aeec96e18280cdb551e3889a98b",
    }
)
_SECRET_HASHES = frozenset({"6371422d87acfae3f780c82581582b0299d886d88a6b5ffc171d5e0e262180bb"})


def _terms_rows() -> tuple[dict, dict, dict]:
    return (
        _event("e62-radio-moscow-acceptance"),
        _event("e62-kennedy-reply-27oct"),
        _event("e62-jupiter-assurance-kept-secret"),
    )


def _public_facts() -> ChoiceFacts:
    broadcast, reply, secret = _terms_rows()
    notes = {
        "A": _sentence(broadcast["description"]),
        "B": _sentence(reply["description"]),
        "C": "Not in public: that part stayed secret. Look at what Robert Kennedy told Dobrynin.",
        "D": "Guantanamo was not part of the settlement.",
    }
    return ChoiceFacts(
        options=_TERMS,
        correct=_PUBLIC_HASHES,
        notes=notes,
        why="The public settlement of 27-28 October named only Cuba.",
        sources=_sources(broadcast, reply),
        multiple=True,
        hashed=True,
    )


def _secret_facts() -> ChoiceFacts:
    broadcast, reply, secret = _terms_rows()
    notes = {
        "A": "That was announced to the world on Moscow radio on 28 October.",
        "B": "That was in Kennedy's published reply of 27 October.",
        "C": _sentence(secret["description"]),
        "D": "Guantanamo was not part of any deal.",
    }
    return ChoiceFacts(
        options=_TERMS,
        correct=_SECRET_HASHES,
        notes=notes,
        why="The Jupiter understanding was given orally and kept from the public for decades.",
        sources=_sources(secret),
        hashed=True,
    )


register(
    Question(
        "03.public-terms",
        LESSON,
        "Which of these were terms of the PUBLIC settlement of 27-28 October 1962? Give every "
        "letter that applies.",
        "multiple",
        _public_facts,
        objective=3,
    )
)

register(
    Question(
        "03.secret-term",
        LESSON,
        "Which term was agreed only in private, through Robert Kennedy and Ambassador "
        "Dobrynin, and kept secret? Give one letter.",
        "choice",
        _secret_facts,
        objective=3,
    )
)

# ---------------------------------------------------------------- reflections

LOGIC_OF_WAR = "then it would not be in our power to stop it, for such is the logic of war"


def _close_reading_facts() -> TextFacts:
    from ... import letters

    first, reply, accept = "khrushchev-1962-10-26", "kennedy-1962-10-27", "khrushchev-1962-10-28"
    content = _letter_text(first)
    top = letters.top_words(content, 1)
    wars = letters.count_word(content, "war")
    lead = (
        f"Counting puts '{top[0][0]}' first in Khrushchev's letter of 26 October "
        f"({top[0][1]} times) and finds 'war' {wars} times"
        if top and top[0][0] != "war"
        else f"Counting puts 'war' first in Khrushchev's letter of 26 October ({wars} times)"
    )
    quoted = " ".join(content.split())
    plea = (
        f" Read closely, the passages with 'war' argue against war: '{LOGIC_OF_WAR}.'"
        if LOGIC_OF_WAR in quoted
        else " Read closely, the passages with 'war' argue against war."
    )
    reply_wars = letters.count_word(_letter_text(reply), "war")
    reply_turkey = letters.count_word(_letter_text(reply), "turkey")
    accept_turkey = letters.count_word(_letter_text(accept), "turkey")
    silence = (
        " Kennedy's reply does not use the word 'war' at all"
        if reply_wars == 0
        else f" Kennedy's reply uses 'war' {reply_wars} times"
    )
    if reply_turkey == 0:
        silence += (
            "; what matters is that it answers the private letter's offer and never names Turkey"
        )
    if accept_turkey == 0:
        silence += ", and Khrushchev's acceptance of 28 October does not name Turkey either"
    return TextFacts(
        model_answer=(
            lead
            + ", which could make the letter look belligerent."
            + plea
            + " The knot image blames Kennedy for tying the knot but asks both men to stop "
            "pulling."
            + silence
            + ". Counting cannot see tone, who is addressed, or what is left out, and in "
            "Khrushchev's letters every word is a translator's choice."
        ),
        rubric=(
            "Quotes a phrase verbatim from a letter in data/letters/.",
            "Says what the counts suggest and how the passage qualifies or contradicts it.",
            "Notices something counting cannot see: tone, irony, an offer, or an omission.",
            "Remembers that Khrushchev's letters are translations (FRUS prints the US "
            "Embassy's and the State Department's), so a single word may be the translator's.",
        ),
        sources=";".join(_letter_sources(i) for i in (first, reply, accept)),
    )


register(
    Question(
        "03.close-reading",
        LESSON,
        "Counting showed which words each letter uses most. What does a close reading of one "
        "letter show that the counts miss? Quote a phrase from data/letters/ and explain it.",
        "text",
        _close_reading_facts,
        objective=2,
    )
)

register(
    Question(
        "03.my-path",
        LESSON,
        "Paste your path through the decision simulator (the cell above the answer prints it) "
        "and add a sentence or two of your own: where did you choose differently from 1962, "
        "and what did the feedback make you think about your choice?",
        "text",
        lambda: TextFacts(
            model_answer=(
                "I chose an air strike on 16 October. The feedback showed that the air "
                "commander could not promise to destroy every missile and that, unknown to "
                "Washington, Soviet forces had tactical nuclear weapons in Cuba; what follows "
                "from that is informed speculation, but it made me see why Kennedy wanted a "
                "first step that left Khrushchev time to choose."
            ),
            rubric=(
                "Includes the path summary (your choices beside the historical ones).",
                "Names one decision where you differed and why you chose as you did.",
                "Separates what happened from what historians speculate might have happened.",
            ),
            sources="",
            path=True,
            min_words=12,
        ),
        objective=1,
        form="your path as the simulator prints it, then one sentence of your own, between "
        "the triple quotes",
    )
)
