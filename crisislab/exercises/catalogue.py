"""Every exercise question of the course: the banks loaded once, on the first lookup.

Lazily, so that importing the checks stays fast and never reads data; a bank that fails to
import is noted in :data:`LOAD_ERRORS` (a test keeps it empty) and its questions answer "there
is no question", never a traceback.

    >>> from crisislab.exercises.catalogue import questions
    >>> [q.id for q in questions(lesson=1)][:2]
    ['01.photos-date', '01.shootdown-date']
"""

from __future__ import annotations

from .registry import _REGISTRY, Question


def questions(lesson: int | None = None) -> list[Question]:
    """Every registered question (or one lesson's), in lesson order, then registration order."""
    _load_banks()
    found = [q for q in _REGISTRY.values() if lesson is None or q.lesson == lesson]
    return sorted(found, key=lambda q: q.lesson)


def get(question_id: object) -> Question | None:
    """The question with this id, or None."""
    if not isinstance(question_id, str):
        return None
    _load_banks()
    return _REGISTRY.get(question_id)


#: Bank modules that failed to import, with the error.
LOAD_ERRORS: dict[str, str] = {}
_LOADED = False


def _load_banks() -> None:
    """Import every ``bank/lessonNN.py`` once, on first use.

    A module that fails to import is noted in :data:`LOAD_ERRORS` and its questions answer
    "there is no question", never a traceback.
    """
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import importlib
    import pkgutil
    import re

    from . import bank

    names = sorted(m.name for m in pkgutil.iter_modules(bank.__path__))
    for name in names:
        if re.fullmatch(r"lesson\d{2}", name):
            try:
                importlib.import_module(f"{bank.__name__}.{name}")
            except Exception as exc:  # reported by the tests, never raised at a student
                LOAD_ERRORS[name] = f"{type(exc).__name__}: {exc}"
