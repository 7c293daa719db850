"""Kind help for a novice's slips: one plain sentence in place of a traceback.

The set-up cell of each exercise notebook calls :func:`explain_slips`, which installs an IPython
custom exception handler for ``NameError`` and ``SyntaxError`` (IPython hands it both: a
``SyntaxError`` while the cell is parsed, a ``NameError`` while it runs). Then

- ``photos_date = 14 October 1962`` says: text, dates and names go between quotes;
- ``turkey_letter = B`` says: put the letter between quotes;
- a check cell run before its answer cell shows a *not attempted* panel that names the slip,
  rather than a second error.

Any other error keeps IPython's usual traceback. The handler never raises: if explaining
fails, the usual traceback is shown instead.
"""

from __future__ import annotations

import ast
import html
import os
import re

from .checks import missing_answer

#: What went wrong in the answer cell that should have defined a name, by name.
_SLIPS: dict[str, str] = {}
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z_]\w*)\s*=(?!=)\s*(.*?)\s*(?:#.*)?$")


class Slip:
    """One plain sentence about a slip, shown as a small panel (text and escaped HTML)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def text(self) -> str:
        return f"Oops: {self.message}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        body = html.escape(self.message)
        return {
            "text/plain": self.text(),
            "text/html": '<div class="crisislab-slip" role="status" style="border:1px solid #ccc;'
            'border-left:6px solid #E69F00;padding:6px 10px;margin:4px 0;max-width:48em">'
            f"<strong>Oops</strong>: {body}</div>",
        }

    def __repr__(self) -> str:
        return self.text()


def _check_call(source: str) -> tuple[str, str] | None:
    """``(question id, answer name)`` when a cell is ``check("id", name)``, else None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "check"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and isinstance(node.args[1], ast.Name)
        ):
            return node.args[0].value, node.args[1].id
    return None


def explain_syntax_error(error: SyntaxError) -> str:
    """One sentence about a SyntaxError, aimed at the likely slip (and remembered by name)."""
    whole = error.text or ""
    line = (whole.strip().splitlines() or [""])[0]
    number = error.lineno or 1
    message = str(getattr(error, "msg", "") or "")
    assigned = _ASSIGNMENT.match(line)
    if "incomplete input" in message:  # IPython's word for code that stops half-way
        if (whole.count('"""') + whole.count("'''")) % 2:
            message = "unterminated triple-quoted string"
        elif sum(whole.count(c) for c in "([{") != sum(whole.count(c) for c in ")]}"):
            message = "was never closed"
        else:
            message = "unterminated string"
    if "unterminated triple-quoted" in message:
        sentence = (
            f'A triple quote (""") opened on line {number} is never closed: end your text '
            'with """ as well.'
        )
    elif "unterminated string" in message or "EOL while scanning" in message:
        sentence = (
            f"A quote opened on line {number} is not closed: end the text with the same "
            'quote mark ("...").'
        )
    elif "was never closed" in message or "does not match" in message or "unmatched" in message:
        sentence = (
            f"A bracket on line {number} is not matched: every ( [ or {{ needs its ) ] or }}."
        )
    elif isinstance(error, IndentationError):
        sentence = f"Line {number} starts with spaces it should not have: remove them."
    elif assigned and assigned[2] and not assigned[2].startswith(("'", '"', "[", "(")):
        sentence = (
            f"Python could not read line {number}, `{line[:80]}`: text, a date or a name "
            f'goes between quotes, like {assigned[1]} = "{assigned[2][:40]}".'
        )
    else:
        sentence = (
            f"Python could not read line {number}, `{line[:80]}` ({message}): check its "
            "quotes, commas and brackets."
        )
    if assigned:
        _SLIPS[assigned[1]] = f"Your answer cell for `{assigned[1]}` could not run: {sentence}"
    return sentence


def explain_name_error(error: NameError, source: str) -> object:
    """A panel for a NameError: a *not attempted* panel in a check cell, else one sentence."""
    name = getattr(error, "name", None) or (re.findall(r"'(\w+)'", str(error)) or ["?"])[0]
    call = _check_call(source)
    if call and call[1] == name:
        return missing_answer(call[0], name, _SLIPS.get(name, ""))
    if re.fullmatch(r"[A-Za-z]", name):
        return Slip(
            f"{name} on its own is a name Python does not know: put the letter between "
            f'quotes, "{name}".'
        )
    return Slip(
        f"Python does not know the name `{name}`. If it is text (a word, a name, a date), put "
        f'it between quotes, "{name}"; if it is a variable from an earlier cell, run that '
        "cell first (Run > Run All Above Selected Cell)."
    )


def _handler(shell, etype, value, tb, tb_offset=None):
    try:
        from IPython.display import display

        if isinstance(value, SyntaxError):
            display(Slip(explain_syntax_error(value)))
        else:
            raw = shell.user_ns.get("_ih") or [""]
            display(explain_name_error(value, raw[-1] if raw else ""))
    except Exception:  # never hide an error behind a failed explanation
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    return None


def explain_slips(shell: object | None = None) -> bool:
    """Install the handler in the running IPython; False (and nothing done) outside IPython."""
    if os.environ.get("CRISISLAB_PLAIN_ERRORS"):  # the grader's kernel keeps tracebacks
        return False
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((NameError, SyntaxError), _handler)
    return True
