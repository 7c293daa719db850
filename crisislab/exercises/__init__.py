"""The exercise system: questions, checks, grading, saved work and authoring, in one place.

- :mod:`.registry` registers every question; :mod:`.bank` holds one module per lesson.
- :mod:`.facts` builds what a question knows from ``data/``; :mod:`.text` reads free text.
- :mod:`.checks` is the student-facing ``check``/``ask`` (also ``crisislab.checks``).
- :mod:`.novice` turns a typo or a missing quote into one plain sentence.
- :mod:`.answers` reads answers from a notebook file, without running it, or from a kernel.
- :mod:`.grading` is ``python -m crisislab.grade``; :mod:`.export` is "Save my answers";
  :mod:`.authoring` is ``python -m crisislab.authoring``.

Imports go one way: registry <- facts/bank; checks <- registry, facts, text; answers <- checks;
grading and export <- answers. Nothing imports ``crisislab.exercises`` at package level.
"""
