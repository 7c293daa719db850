"""Kind help for novice slips: the exercise set-up installs an IPython exception handler.

Run in a real IPython shell: a SyntaxError (text without quotes) and a NameError (a check cell
run before its answer cell) each show one plain sentence, never a traceback.
"""

from __future__ import annotations

import pytest

from crisislab.exercises import novice
from tests.fixtures_exercises import use_course_data


@pytest.fixture
def shell(tmp_path, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    use_course_data(tmp_path / "data", monkeypatch)
    monkeypatch.delenv("CRISISLAB_PLAIN_ERRORS", raising=False)
    ip = InteractiveShell.instance()
    ip.run_cell("from crisislab.checks import ask, check")
    assert novice.explain_slips(ip)
    novice._SLIPS.clear()
    yield ip
    ip.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def _run(shell, source, capsys):
    result = shell.run_cell(source, store_history=True)
    out = capsys.readouterr()
    return result, out.out + out.err


def test_text_without_quotes_gets_one_plain_sentence(shell, capsys):
    _, shown = _run(shell, "photos_date = 14 October 1962", capsys)
    assert "Traceback" not in shown and "SyntaxError" not in shown
    assert "between quotes" in shown and 'photos_date = "14 October 1962"' in shown


def test_a_check_cell_run_before_its_answer_is_not_attempted_naming_the_slip(shell, capsys):
    _run(shell, "photos_date = 14 October 1962", capsys)
    _, shown = _run(shell, 'check("01.photos-date", photos_date)', capsys)
    assert "Traceback" not in shown and "NameError" not in shown
    assert shown.startswith("Not attempted [01.photos-date]")
    assert "could not run" in shown and "between quotes" in shown


def test_a_check_cell_with_no_answer_cell_run_yet(shell, capsys):
    _, shown = _run(shell, 'check("01.shootdown-date", shootdown_date)', capsys)
    assert shown.startswith("Not attempted [01.shootdown-date]")
    assert "`shootdown_date` has no value yet" in shown


@pytest.mark.parametrize(
    "source, words",
    [
        ("turkey_letter = B", 'put the letter between quotes, "B"'),
        ("met_dobrynin = Kennedy", 'put it between quotes, "Kennedy"'),
        ('reflection = """\nunfinished', 'with """ as well'),
        ('name = "Robert Kennedy', "not closed"),
        ('order = ["A", "B"', "not matched"),
    ],
)
def test_common_slips_each_get_a_sentence(shell, capsys, source, words):
    _, shown = _run(shell, source, capsys)
    assert "Traceback" not in shown
    assert shown.startswith("Oops:") and words in shown


def test_other_errors_keep_their_traceback(shell, capsys):
    _, shown = _run(shell, "1 / 0", capsys)
    assert "ZeroDivisionError" in shown


def test_the_graders_kernel_keeps_plain_tracebacks(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("CRISISLAB_PLAIN_ERRORS", "1")
    assert novice.explain_slips(InteractiveShell.instance()) is False
    InteractiveShell.clear_instance()


def test_outside_ipython_it_does_nothing():
    assert novice.explain_slips(object()) is False
