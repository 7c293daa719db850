"""What a question is, and the one place questions are registered: id, lesson, prompt, kind.

The question banks (:mod:`crisislab.exercises.bank`, one module per lesson) call
:func:`register` on import; :mod:`crisislab.exercises.catalogue` imports the banks and answers
lookups. This module imports nothing of the course, so no import cycle can pass through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

KINDS = ("date", "number", "choice", "multiple", "order", "name", "time", "text")
#: Kinds a person scores with a rubric: never "correct", at best "submitted".
SCORED_BY_A_PERSON = ("text",)

#: The form of an answer, by kind, when a question does not say it more precisely. A form never
#: holds a value that could be an answer ("X" and "Y" are never option letters).
DEFAULT_FORMS = {
    "date": 'a date in quotes, such as "1 January 1900"',
    "number": "a number (no quotes needed), or code that computes it",
    "choice": 'one letter from the options above, in quotes, like "X"',
    "multiple": 'every letter that applies, inside the quotes, separated by commas, like "X, Y"',
    "order": "all the letters above in your order, inside the quotes, separated by commas, "
    'like "X, Y, Z"',
    "name": 'a person\'s name in quotes, like "Firstname Lastname"',
    "time": 'a time and its day in quotes, like "14:30 on 1 January 1900", or a datetime',
    "text": "a few sentences of your own between the triple quotes",
}


@dataclass(frozen=True)
class Question:
    """One registered question: what is asked, of which kind, and how to build its facts."""

    id: str
    lesson: int
    prompt: str
    kind: str
    facts: Callable[[], object] = field(repr=False, compare=False)
    objective: int | None = None  # 1-based number of the lesson objective it practises
    form: str = ""  # the form of a well-formed answer (never a value), shown under the prompt

    @property
    def answer_form(self) -> str:
        """The form of an answer: the question's own, or its kind's default."""
        return self.form or DEFAULT_FORMS.get(self.kind, "")

    @property
    def scored_by_a_person(self) -> bool:
        """True for free text: it is submitted for a person to score, never auto-marked."""
        return self.kind in SCORED_BY_A_PERSON


_REGISTRY: dict[str, Question] = {}


def register(question: Question) -> Question:
    """Add a question to the registry; ids are unique and kinds known (an author's mistake)."""
    if question.id in _REGISTRY:
        raise ValueError(f"question {question.id!r} is registered twice")
    if question.kind not in KINDS:
        raise ValueError(f"question {question.id!r} has unknown kind {question.kind!r}")
    _REGISTRY[question.id] = question
    return question
