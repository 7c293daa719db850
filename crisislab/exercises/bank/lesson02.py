"""Lesson 2's exercise questions (strategic empathy), registered on import.

Facts come from the data where they live there: definitions from ``glossary.csv``, who said
what from ``quotes.csv`` and ``people.csv``, moments from ``moments.csv``; the game questions
are answered by :mod:`crisislab.games` solving the game, not by numbers typed here. Nothing is
read at import; a missing row makes the question say its data is unavailable.
"""

from __future__ import annotations

from collections.abc import Callable

from ..facts import (
    ChoiceFacts,
    NameFacts,
    NumberFacts,
    TextFacts,
    Unavailable,
    _people_index,
    _row,
    _sentence,
    _sources,
    _table,
    quote_when,
)
from ..registry import Question, register

LESSON = 2


def _glossary(term: str) -> dict:
    frame = _table("glossary")
    match = frame[frame["term"] == term]
    if match.empty:
        raise Unavailable(f"glossary.csv has no term {term!r}")
    return match.iloc[0].to_dict()


# ---------------------------------------------------------------- objective 1: the definition

_DEFINE_OPTIONS = (
    ("A", "Agreeing with the adversary's aims, so as to avoid war"),
    ("B", "Feeling sorry for the adversary's position"),
    ("C", "Understanding what drives and constrains the adversary, without having to agree"),
    ("D", "Predicting the adversary by assuming it will act as we would in its place"),
)


def _define_facts() -> ChoiceFacts:
    strategic = _glossary("strategic empathy")
    sympathy = _glossary("sympathy")
    mirror = _glossary("mirror-imaging")
    notes = {
        "A": "That is agreement. Empathy is possible with an opponent whose aims you reject.",
        "B": f"That is sympathy: {_sentence(sympathy['definition'])}",
        "C": f"Strategic empathy: {_sentence(strategic['definition'])}",
        "D": "That is mirror-imaging, the error strategic empathy guards against: "
        f"{_sentence(mirror['definition'])}",
    }
    return ChoiceFacts(
        options=_DEFINE_OPTIONS,
        correct=frozenset({"C"}),
        notes=notes,
        why=notes["C"],
        sources=_sources(strategic, sympathy, mirror),
    )


register(
    Question(
        "02.define",
        LESSON,
        "Which of these describes strategic empathy, in Zachary Shore's sense? Give one letter.",
        "choice",
        _define_facts,
        objective=1,
    )
)

_SYMPATHY_OPTIONS = (
    ("A", "Khrushchev could not withdraw the missiles without something to show his colleagues."),
    ("B", "Khrushchev was right to defend Cuba with nuclear missiles."),
    ("C", "Kennedy feared that his generals might push the crisis out of his control."),
    ("D", "Poor Kennedy: it must have been awful to be caught between his generals and Moscow."),
)


def _sympathy_facts() -> ChoiceFacts:
    empathy = _glossary("empathy")
    sympathy = _glossary("sympathy")
    notes = {
        "A": "Empathy: it names Khrushchev's constraint without approving of the deployment.",
        "B": "That is agreement with Khrushchev's choice, not understanding of it: you can "
        "understand his reasons and still judge the deployment wrong.",
        "C": "Empathy: it describes Kennedy's fear and situation, whatever you think of him.",
        "D": f"That is sympathy (feeling with him). {_sentence(sympathy['definition'])}",
    }
    return ChoiceFacts(
        options=_SYMPATHY_OPTIONS,
        correct=frozenset({"A", "C"}),
        notes=notes,
        why=_sentence(empathy["definition"]),
        sources=_sources(empathy, sympathy),
        multiple=True,
    )


register(
    Question(
        "02.empathy-not-sympathy",
        LESSON,
        "Which of these statements show empathy (understanding), rather than sympathy or "
        "agreement? Give every letter that applies.",
        "multiple",
        _sympathy_facts,
        objective=1,
    )
)

# ---------------------------------------------------------------- objective 2: misperceptions

_TERMS = (
    ("A", "mirror-imaging"),
    ("B", "security dilemma"),
    ("C", "spiral model"),
    ("D", "fundamental attribution error"),
)


def _misperception_facts(
    right: str, hints: dict[str, str], case_sources: str
) -> Callable[[], ChoiceFacts]:
    def facts() -> ChoiceFacts:
        rows = {label: _glossary(term) for label, term in _TERMS}
        notes = {}
        for label, term in _TERMS:
            definition = _sentence(rows[label]["definition"])
            if label == right:
                notes[label] = f"Yes, {term}: {definition}"
            else:
                notes[label] = f"{hints.get(label, '')} ({term}: {definition})".strip()
        sources = ";".join(p for p in (case_sources, _sources(*rows.values())) if p)
        return ChoiceFacts(
            options=tuple((label, term) for label, term in _TERMS),
            correct=frozenset({right}),
            notes=notes,
            why=notes[right],
            sources=sources,
        )

    return facts


register(
    Question(
        "02.mirror-imaging",
        LESSON,
        "On 19 September 1962 a US intelligence estimate judged that the Soviets were unlikely "
        "to put offensive missiles in Cuba, because that would be too risky, as Washington saw "
        "the risks. Which misperception is that? Give one letter.",
        "choice",
        _misperception_facts(
            "A",
            {
                "B": "Not quite: nobody's defensive step is at issue here, but how the analysts "
                "guessed Moscow's reasoning.",
                "C": "The spiral model is about fear feeding fear in a chain of counter-moves; "
                "this is one side assuming the other thinks like it.",
                "D": "Close, but this error explains the other's acts by its character; here the "
                "analysts assumed Moscow weighed risks as they would.",
            },
            "cia-smith-2007-snie-85-3-62",
        ),
        objective=2,
    )
)

register(
    Question(
        "02.security-dilemma",
        LESSON,
        "Washington saw its Jupiter missiles in Turkey as defensive; Moscow saw its missiles in "
        "Cuba as defending Cuba. Each saw the other's missiles as a threat. Which idea "
        "describes this? Give one letter.",
        "choice",
        _misperception_facts(
            "B",
            {
                "A": "Mirror-imaging is assuming the other thinks as you do; here each side's "
                "own safety measure makes the other less safe.",
                "C": "Close: the spiral model grows out of this. But the situation itself, where "
                "one side's security is the other's insecurity, has its own name.",
                "D": "This is not about explaining acts by character, but about measures that "
                "make the other side less safe.",
            },
            "rs-2022-strategic-empathy",
        ),
        objective=2,
    )
)

register(
    Question(
        "02.attribution",
        LESSON,
        "On 27 October an SA-2 battery shot down a U-2 over Cuba; who gave the order is still "
        "disputed. Washington had planned to answer any shoot-down as a hostile act of the "
        "Soviet side, and Khrushchev wrote to Castro as if the Cubans had fired. Which error is "
        "it to read a local act as a leader's deliberate choice? Give one letter.",
        "choice",
        _misperception_facts(
            "D",
            {
                "A": "Mirror-imaging is assuming the other reasons as you do; here the act of "
                "local commanders was read as a leader's intention.",
                "B": "The security dilemma is about defensive measures that threaten others; "
                "here the question is who meant what.",
                "C": "The spiral is what such readings can lead to; the error itself is in how "
                "the act was explained.",
            },
            "wilson-malinovsky-khrushchev-1962-10-28;dobbs-2008-book;wilson-114504",
        ),
        objective=2,
    )
)

# ---------------------------------------------------------------- objective 3: weigh evidence


def _quote_speaker_facts(quote_id: str, wrong: dict[str, str]) -> Callable[[], NameFacts]:
    def facts() -> NameFacts:
        from ..text import normalise_name

        quote = _row("quotes", quote_id)
        by_id, aliases = _people_index()
        person_id = quote["speaker_id"]
        if person_id not in by_id:
            raise Unavailable(f"people.csv has no row {person_id!r}")
        person = by_id[person_id]
        accepted = {normalise_name(person["id"]), normalise_name(person["name"])}
        accepted |= {normalise_name(a) for a in str(person.get("aliases", "")).split(";")}
        accepted.discard("")
        others = {k: v for k, v in aliases.items() if v[0] != person_id}
        accepted -= set(others)
        why = f"{person['name']} ({person['role']}), {quote_when(quote)}. {quote['context']}"
        return NameFacts(
            person_id,
            person["name"],
            frozenset(accepted),
            others,
            wrong,
            _sentence(why),
            _sources(quote),
        )

    return facts


register(
    Question(
        "02.who-said-concern",
        LESSON,
        "Who wrote, on 27 October 1962: 'I understand your concern for the security of the "
        "United States, Mr. President, because this is the primary duty of a President. But we "
        "too are disturbed about these same questions'?",
        "name",
        _quote_speaker_facts(
            "q-khrushchev-27oct-concern",
            {
                "jfk": "Look at who is addressed in the quotation, then reread the quotes "
                "table (or the letters) to see who wrote these words on 27 October.",
                "dobrynin": "Dobrynin carried messages, but this is from a letter signed in "
                "Moscow by his leader.",
                "castro": "Castro wrote to Khrushchev, not to Kennedy.",
                "gromyko": "Gromyko was foreign minister; the letter came from his leader.",
            },
        ),
        objective=3,
    )
)


def _memoir_facts() -> ChoiceFacts:
    memoir = _row("quotes", "q-khrushchev-memoir-rfk-warning")
    cable = _row("quotes", "q-rfk-27oct-generals")
    options = (
        ("A", "Dobrynin's cable to Moscow, written on 27 October 1962"),
        ("B", "The article (Responsible Statecraft, 2022)"),
        ("C", "Sergei Khrushchev's account of his father's words to Gromyko"),
        ("D", "Kennedy's address to the nation of 22 October 1962"),
    )
    notes = {
        "A": "Dobrynin's cable, written that night, reports generals 'itching for a fight' but "
        "no coup: a record made at the time weighs more than a memoir written years later.",
        "B": "The article quotes the memoir; it repeats the account rather than testing it.",
        "C": "Sergei Khrushchev's account is about his father's reading of the message, and it "
        "too came decades later.",
        "D": "Kennedy's address was public and five days earlier: it says nothing of the "
        "27 October meeting.",
    }
    return ChoiceFacts(
        options=options,
        correct=frozenset({"A"}),
        notes=notes,
        why=notes["A"],
        sources=_sources(cable, memoir),
    )


register(
    Question(
        "02.memoir-vs-cable",
        LESSON,
        "Khrushchev's memoirs say Robert Kennedy warned that the military might overthrow the "
        "President. Which source, written at the time, records the same meeting without any "
        "such warning? Give one letter.",
        "choice",
        _memoir_facts,
        objective=3,
    )
)

_EXPLANATIONS = (
    ("A", "Strategic empathy between the two leaders"),
    ("B", "American military superiority and the deliberate use of nuclear risk"),
    ("C", "Luck"),
    ("D", "Castro's part in the crisis"),
)


def _trachtenberg_facts() -> ChoiceFacts:
    source = _row("sources", "trachtenberg-1985")
    notes = {
        "A": "That is the article's explanation; Trachtenberg looks at power and risk instead.",
        "B": "Trachtenberg weighs the view that America's nuclear superiority shaped the "
        "outcome, and argues that the risk of war was deliberately exploited by the American "
        "side.",
        "C": "Luck is Radchenko and Zubok's emphasis, not Trachtenberg's.",
        "D": "Trachtenberg's argument is about the two superpowers' forces, not about Cuba's "
        "leader.",
    }
    return ChoiceFacts(
        options=_EXPLANATIONS,
        correct=frozenset({"B"}),
        notes=notes,
        why=notes["B"],
        sources=_sources(source) + ";trachtenberg-1985",
    )


register(
    Question(
        "02.trachtenberg",
        LESSON,
        "Marc Trachtenberg (1985) weighs the role of America's nuclear superiority and argues "
        "that the risk of nuclear war was deliberately exploited by the American side. Which "
        "explanation of the peaceful outcome is that? Give one letter.",
        "choice",
        _trachtenberg_facts,
        objective=3,
    )
)

# ---------------------------------------------------------------- the game of chicken

_GAME_CELLS = (
    ("A", (0, 0), "Both stand firm"),
    ("B", (0, 1), "Washington stands firm, Moscow backs down"),
    ("C", (1, 0), "Washington backs down, Moscow stands firm"),
    ("D", (1, 1), "Both back down"),
)
_TEXTBOOK = {"win": 3.0, "compromise": 2.0, "back_down": 1.0, "war": 0.0}


def _stable_facts() -> ChoiceFacts:
    from ...games import chicken_payoffs, pure_equilibria

    row, col = chicken_payoffs(**_TEXTBOOK)
    stable = set(pure_equilibria(row, col))
    correct, notes = set(), {}
    for label, cell, text in _GAME_CELLS:
        i, j = cell
        if cell in stable:
            correct.add(label)
            notes[label] = f"{text}: neither gains by changing alone."
        else:
            better = []
            if row[1 - i, j] > row[i, j]:
                better.append(f"Washington would rather switch ({row[1 - i, j]:g} > {row[i, j]:g})")
            if col[i, 1 - j] > col[i, j]:
                better.append(f"Moscow would rather switch ({col[i, 1 - j]:g} > {col[i, j]:g})")
            notes[label] = f"{text} is not stable: " + " and ".join(better) + "."
    return ChoiceFacts(
        options=tuple((label, text) for label, _cell, text in _GAME_CELLS),
        correct=frozenset(correct),
        notes=notes,
        why="In chicken, the stable pure outcomes are those where exactly one side backs down.",
        sources="senatehouse-russell-1959",
        multiple=True,
    )


register(
    Question(
        "02.chicken-stable",
        LESSON,
        "In the game of chicken with payoffs win 3, both back down 2, back down alone 1 and "
        "both stand firm 0 (the lesson's ChickenGame with no exit), which outcomes are stable "
        "pure Nash equilibria? Give every letter that applies.",
        "multiple",
        _stable_facts,
        objective=3,
    )
)


def _war_risk_facts() -> NumberFacts:
    from ...games import chicken_payoffs, equilibria

    def risk(**settings) -> tuple[float, float]:
        for item in equilibria(*chicken_payoffs(**_TEXTBOOK, **settings)):
            if not item.pure:
                return 100 * item.row_mix[0] * item.col_mix[0], 100 * item.row_mix[0]
        raise Unavailable("the game has no mixed equilibrium with these payoffs")

    both, each = risk(exit="private", concession=1.5)
    before, _ = risk()
    return NumberFacts(
        answer=both,
        tolerance=0.6,
        unit="%",
        why=f"Each side now stands firm with probability {each:.1f}%, so both do "
        f"{each:.1f}% x {each:.1f}% = {both:.1f}%, down from {before:.0f}% without the exit.",
        sources="senatehouse-russell-1959",
        wrong=(
            (before, "That is the chance without the exit: choose the private concession."),
            (each, "That is the chance that ONE side stands firm; both must, so multiply."),
            (both / 100, "That is a fraction: as a percentage, multiply it by 100."),
        ),
        advice="Check the exit ('private') and the concession (1.5) you set in the game.",
    )


register(
    Question(
        "02.war-risk",
        LESSON,
        "In the same game, add a private concession worth 1.5 to the side that backs down "
        "(ChickenGame(exit='private', concession=1.5)). In the mixed equilibrium, what is the "
        "chance, in %, that both sides stand firm?",
        "number",
        _war_risk_facts,
        objective=3,
        form="a percentage from 0 to 100 (no % sign needed), or code that computes it",
    )
)

# ---------------------------------------------------------------- objective 4: empathy map

register(
    Question(
        "02.empathy-map",
        LESSON,
        "Write an empathy map for Kennedy, Khrushchev or Castro on a day between 16 and 28 "
        "October 1962: what they fear, what they want, who presses them, what they cannot say "
        "in public, and what would let them back down. Cite a source id for each part.",
        "text",
        lambda: TextFacts(
            model_answer=(
                "John F. Kennedy, Saturday 27 October 1962. Fears: a war that neither side "
                "controls, set off by a shoot-down or a strike his generals want; a U-2 has just "
                "been shot down [wilson-malinovsky-khrushchev-1962-10-28]. Wants: the missiles "
                "out of Cuba without war, and without looking weak at home or to allies. "
                "Pressures: the Joint Chiefs, who ask for an air strike; hawks in the ExComm; "
                "congressional leaders such as Senator Russell [rs-2022-strategic-empathy; "
                "hnn-stern-160841]. Cannot say in public: that he would trade the Jupiter "
                "missiles in Turkey, which would look like selling out a NATO ally. Way out: a "
                "Soviet withdrawal in exchange for a public no-invasion pledge and a private, "
                "oral promise on Turkey [wilson-dobrynin-rfk-1962-10-27; "
                "nsarchive-cwihp-dobrynin-1962-10-30]."
            ),
            rubric=(
                "Names one leader and one day, and keeps to what that leader could know then.",
                "Fills all five parts: fears, wants, pressures, what cannot be said in public, "
                "the way out.",
                "Describes the leader's situation without judging it (empathy, not sympathy or "
                "agreement).",
                "The way out fits what the leader cannot say in public.",
                "Cites a source id (a quote, an event or a source) for each part.",
            ),
            sources="rs-2022-strategic-empathy;wilson-dobrynin-rfk-1962-10-27",
            min_words=40,
            evidence="q-khrushchev-27oct-concern",
        ),
        objective=4,
    )
)
