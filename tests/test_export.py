"""Save my answers: a readable Markdown file, never overwritten, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisislab import export
from crisislab.checks import check
from tests.fixtures_exercises import use_course_data


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    return use_course_data(tmp_path / "data", monkeypatch)


def _answer_some():
    check("01.photos-date", "14 October 1962")
    check("01.order", "A, B, C, D, E")
    check(
        "01.reflection",
        "Washington did not know about the submarine B-59 or its nuclear torpedo, so the "
        "Chiefs' plan for an invasion looked far safer than it was that Saturday.",
    )


def test_saved_file_reads_on_its_own(course_data, tmp_path):
    _answer_some()
    path = export.save_answers("01_thirteen_days", tmp_path / "my_work")
    assert path == tmp_path / "my_work" / "01_thirteen_days.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# My answers: 01_thirteen_days")
    assert "1 correct, 1 not yet, 8 not attempted, 1 submitted for scoring" in text
    assert "## 01.photos-date" in text and "14 October 1962" in text
    assert "**Check:** Not yet." in text and "came after" in text  # the order hint
    assert "Washington did not know about the submarine B-59" in text  # the reflection in full
    assert "A model answer" in text
    assert "## 01.distance-washington" in text
    # each question's prompt and options stand beside the answer
    assert "**Question.** Put these events in the order they happened" in text
    assert "- A. " in text and "- E. " in text


def test_never_overwrites_and_numbers_new_files(course_data, tmp_path):
    folder = tmp_path / "my_work"
    folder.mkdir()
    (folder / "01_thirteen_days.md").write_text("my earlier work", encoding="utf-8")
    first = export.save_answers("01_thirteen_days", folder)
    second = export.save_answers("01_thirteen_days", folder)
    assert (first.name, second.name) == ("01_thirteen_days-2.md", "01_thirteen_days-3.md")
    assert (folder / "01_thirteen_days.md").read_text(encoding="utf-8") == "my earlier work"


def test_interrupted_write_leaves_no_partial_file(course_data, tmp_path, monkeypatch):
    folder = tmp_path / "my_work"

    def power_cut(_fd):
        raise KeyboardInterrupt  # the write stops after the text, before it is moved into place

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(KeyboardInterrupt):
        export.save_answers("01_thirteen_days", folder)
    assert list(folder.iterdir()) == []


def test_failed_replace_leaves_no_temp_file(course_data, tmp_path, monkeypatch):
    folder = tmp_path / "my_work"

    def refuse(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "link", refuse)  # no hard links either: the fallback path
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        export.write_new(folder / "x.md", "text")
    assert list(folder.iterdir()) == []


def test_write_new_refuses_to_overwrite(tmp_path):
    target = tmp_path / "x.md"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(FileExistsError):
        export.write_new(target, "new")
    assert target.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


def test_save_button_saves_and_says_where_without_printing(course_data, tmp_path, capsys):
    _answer_some()
    button = export.SaveButton("01_thirteen_days", tmp_path / "my_work")
    assert button.button.description == "Save my answers"
    button.button.click()
    assert capsys.readouterr().out == ""  # nothing printed: nbval stays clean
    assert (tmp_path / "my_work" / "01_thirteen_days.md").exists()
    shown = button.shown_text()
    assert shown.startswith("Saved to") and "01_thirteen_days.md" in shown
    assert "Binder" in shown and "download" in shown
    bundle = button._repr_mimebundle_()
    assert bundle["text/plain"].startswith("[Save my answers] button")


def test_save_button_reports_a_failure_in_the_widget(course_data, tmp_path, capsys):
    blocker = tmp_path / "my_work"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    button = export.SaveButton("01_thirteen_days", blocker)
    assert button.save() is None
    assert button.shown_text().startswith("Not saved")
    assert capsys.readouterr().out == ""


def test_unsafe_names_are_cleaned(course_data, tmp_path):
    path = export.save_answers("../../etc/01 thirteen days!", tmp_path)
    assert path.parent == tmp_path and path.name == "01_thirteen_days.md"


def test_a_save_racing_another_never_overwrites_it(course_data, tmp_path, monkeypatch):
    """Another save lands on the same name while ours is being written: both survive."""
    folder = tmp_path / "my_work"
    real_fsync = os.fsync

    def other_save_lands(fd):
        target = folder / "01_thirteen_days.md"
        if not target.exists():
            target.write_text("the other save", encoding="utf-8")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", other_save_lands)
    path = export.save_answers("01_thirteen_days", folder)
    assert path.name == "01_thirteen_days-2.md"
    assert (folder / "01_thirteen_days.md").read_text(encoding="utf-8") == "the other save"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01_thirteen_days-2.md",
        "01_thirteen_days.md",
    ]


def test_no_overwrite_even_if_the_file_appears_at_the_last_moment(
    course_data, tmp_path, monkeypatch
):
    """Another save lands between our last check and the move into place: it must survive."""
    folder = tmp_path / "my_work"
    target = folder / "x.md"

    def racing(original):
        def move(source, destination, *args, **kwargs):
            if Path(destination) == target and not target.exists():
                target.write_text("someone else's", encoding="utf-8")
            return original(source, destination, *args, **kwargs)

        return move

    monkeypatch.setattr(os, "replace", racing(os.replace))
    monkeypatch.setattr(os, "link", racing(os.link))
    with pytest.raises(FileExistsError):
        export.write_new(target, "mine")
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert [p.name for p in folder.iterdir()] == ["x.md"]


def test_an_interrupted_save_keeps_earlier_work_and_the_next_save_works(
    course_data, tmp_path, monkeypatch
):
    folder = tmp_path / "my_work"
    first = export.save_answers("01_thirteen_days", folder)
    before = first.read_text(encoding="utf-8")

    def power_cut(_fd):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", power_cut)
        with pytest.raises(KeyboardInterrupt):
            export.save_answers("01_thirteen_days", folder)
    assert first.read_text(encoding="utf-8") == before
    assert [p.name for p in folder.iterdir()] == [first.name]  # no temp file left behind
    second = export.save_answers("01_thirteen_days", folder)
    assert second.name == "01_thirteen_days-2.md"


def test_after_a_kernel_restart_answers_are_read_again_from_the_notebook(
    course_data, tmp_path, monkeypatch
):
    """Nothing checked in this session: literal answers come from the file; code ones say why."""
    import nbformat

    from crisislab.checks import clear_attempts
    from crisislab.paths import repo_root

    clear_attempts()
    nb = nbformat.read(str(repo_root() / "exercises" / "01_thirteen_days.ipynb"), 4)
    for cell in nb.cells:
        cell.source = cell.source.replace('photos_date = "..."', 'photos_date = "14 October 1962"')
        cell.source = cell.source.replace(
            "distance = ...", "distance = geo.distance_km(1, 2, 3, 4)"
        )
        cell.source = cell.source.replace('met_dobrynin = "..."', "met_dobrynin = Robert Kennedy")
    folder = tmp_path / "exercises"
    folder.mkdir()
    nbformat.write(nb, str(folder / "01_thirteen_days.ipynb"))
    monkeypatch.chdir(folder)
    text = export.render_markdown("01_thirteen_days")
    photos = text.split("## 01.photos-date")[1].split("## ")[0]
    assert "14 October 1962" in photos and "**Check:** Correct." in photos
    assert "read from the notebook file as last saved" in photos
    distance = text.split("## 01.distance-washington")[1].split("## ")[0]
    assert "Not saved: this answer is computed by code" in distance
    name = text.split("## 01.rfk-dobrynin")[1].split("## ")[0]
    assert "Not saved:" in name and "between quotes" in name  # the slip, named
    assert "Not checked in this session" not in text
    button = export.SaveButton("01_thirteen_days", tmp_path / "my_work")
    button.save()
    assert "2 answer(s) could not be saved" in button.shown_text()


def test_without_the_notebook_file_the_save_says_so(course_data, tmp_path, monkeypatch):
    from crisislab.checks import clear_attempts

    clear_attempts()
    monkeypatch.chdir(tmp_path)
    text = export.render_markdown("07_no_such_lesson", lesson=1)
    assert "was not found next to this one" in text
