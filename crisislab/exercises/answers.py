"""Read a student's answers from an exercise notebook, without trusting anything it displays.

An answer cell such as ``photos_date = "14 October 1962"`` is parsed with :mod:`ast` and its
value read as a literal (a string, number, list, or ``date(...)``/``datetime(...)``): the file
is never executed for that. An answer computed by code (``distance = geo.distance_km(...)``) is
collected from a fresh kernel run: a collector cell, inserted right after the answer cell and
carrying a one-time token, prints the value in a tagged JSON encoding (dates and times keep
their type and zone), which :func:`decode` turns back into Python values outside the kernel.

Which cell is the answer cell is decided from the notebook's structure: the last visible code
cell that sets the checked name after the question's ``ask("id")`` cell and before its first
``check("id", name)`` cell (what a top-to-bottom run would check). A cell added after the check,
a cell whose code is hidden, a redefined ``check``, a patched module or a forged output cannot
change what is read.
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat

from .novice import explain_syntax_error

LITERAL, COMPUTED, MISSING = "literal", "computed", "missing"
#: Set in the grader's kernel so that exercise notebooks keep plain tracebacks there.
PLAIN_ERRORS_ENV = "CRISISLAB_PLAIN_ERRORS"
_CHECK_RE = re.compile(r"""\bcheck\(\s*["']([^"']+)["']\s*(?:,\s*([A-Za-z_]\w*))?""")


@dataclass
class Answer:
    """One question's answer as found in a notebook, and where it came from."""

    question_id: str
    value: object = ...
    how: str = MISSING  # "literal", "computed" or "missing"
    where: str = ""  # the answer cell as the student sees it
    slip: str = ""  # why no value could be read (empty when one was)


@dataclass
class _Located:
    question_id: str
    check_index: int | None
    answer_index: int | None = None
    name: str | None = None
    expression: str | None = None  # what to evaluate for a computed answer
    answer: Answer = field(default_factory=lambda: Answer(""))


# ---------------------------------------------------------------- how a student sees a cell


def heading_above(nb: nbformat.NotebookNode, index: int) -> str:
    """The last Markdown heading above cell ``index`` (without its #), or ""."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown":
            headings = [line for line in cell.source.splitlines() if line.startswith("#")]
            if headings:
                return headings[-1].lstrip("#").strip()
    return ""


def cell_label(nb: nbformat.NotebookNode, index: int) -> str:
    """A cell as a student finds it: the heading above it and its first line."""
    heading = heading_above(nb, index)
    lines = [line.strip() for line in nb.cells[index].source.splitlines() if line.strip()]
    first = lines[0] if lines else "(empty)"
    first = first if len(first) <= 60 else first[:57] + "..."
    under = f'under "{heading}"' if heading else "at the top"
    return f'the cell {under} that starts "{first}"'


# ---------------------------------------------------------------- literals


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def literal_value(node: ast.expr) -> object:
    """The value of a literal expression, or raise ValueError; never executes anything.

    Accepts what :func:`ast.literal_eval` accepts, plus ``date(...)``, ``datetime(...)`` and
    ``time(...)`` with literal arguments and ``tzinfo=ZoneInfo("Zone/Name")``.
    """
    if isinstance(node, ast.Call):
        name = _callee(node.func)
        if name == "ZoneInfo" and len(node.args) == 1 and not node.keywords:
            return ZoneInfo(str(literal_value(node.args[0])))
        if name in ("date", "datetime", "time"):
            args = [literal_value(a) for a in node.args]
            kwargs = {k.arg: literal_value(k.value) for k in node.keywords if k.arg}
            if len(kwargs) != len(node.keywords):
                raise ValueError("** arguments")
            if any(not isinstance(a, int) or isinstance(a, bool) for a in args):
                raise ValueError("not a literal date")
            return {"date": date, "datetime": datetime, "time": time}[name](*args, **kwargs)
        raise ValueError("a call")
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [literal_value(item) for item in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    return ast.literal_eval(node)


def _assigns(node: ast.stmt, name: str) -> ast.expr | None:
    """The value a top-level statement assigns to ``name`` (None if it does not)."""
    if isinstance(node, ast.Assign):
        if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node.value
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        if node.target.id == name and node.value is not None:
            return node.value
    return None


def _binds(node: ast.stmt, name: str) -> bool:
    """True when a statement may set ``name`` in any way (assignment, loop, import, aug)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id == name and isinstance(sub.ctx, ast.Store):
            return True
        if isinstance(sub, (ast.Import, ast.ImportFrom)):
            if any((a.asname or a.name.split(".")[0]) == name for a in sub.names):
                return True
    return False


def _mentions(node: ast.stmt, name: str) -> bool:
    return any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(node))


# ---------------------------------------------------------------- finding the answer cells


def _check_calls(source: str) -> list[tuple[str, ast.expr | None, str | None]]:
    """Each ``check("id", answer)`` in a cell: (id, answer node or None, answer name or None)."""
    tree = _parse(source)
    if tree is None:
        return [(qid, None, name or None) for qid, name in _CHECK_RE.findall(source)]
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and _callee(node.func) == "check"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            arg = node.args[1] if len(node.args) > 1 else None
            name = arg.id if isinstance(arg, ast.Name) else None
            found.append((node.args[0].value, arg, name))
    return found


def locate(nb: nbformat.NotebookNode, question_ids: list[str]) -> dict[str, _Located]:
    """Where each question's check cell and answer cell are, and the literal answers."""
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    calls = {i: _check_calls(nb.cells[i].source) for i in code}
    located: dict[str, _Located] = {}
    for qid in question_ids:
        check_index = next((i for i in code for c in calls[i] if c[0] == qid), None)
        item = _Located(qid, check_index, answer=Answer(qid))
        located[qid] = item
        if check_index is None:
            item.answer.slip = "its check cell is missing (it was deleted or changed)."
            continue
        arg, name = next((c[1], c[2]) for c in calls[check_index] if c[0] == qid)
        item.answer.where = cell_label(nb, check_index)
        if name is None and arg is None:
            item.answer.slip = f"{item.answer.where} checks no answer."
            continue
        if name is None:  # an answer written in the check cell itself
            try:
                item.answer.value, item.answer.how = literal_value(arg), LITERAL
            except Exception:
                item.expression, item.answer.how = ast.unparse(arg), COMPUTED
                item.answer_index = check_index - 1
            continue
        item.name = name
        start = _window_start(nb, code, calls, qid, check_index)
        for i in reversed([i for i in code if start <= i < check_index and not _hidden(nb, i)]):
            tree = _parse(nb.cells[i].source)
            if tree is None:
                if re.search(rf"^\s*{re.escape(name)}\s*[:=][^=]", nb.cells[i].source, re.M):
                    item.answer_index = i
                    item.answer.where = cell_label(nb, i)
                    item.answer.slip = _syntax_slip(nb.cells[i].source, item.answer.where)
                    break
                continue
            if any(_binds(node, name) for node in tree.body):
                item.answer_index = i
                item.answer.where = cell_label(nb, i)
                _read_value(item, tree, name)
                break
        else:
            item.answer.slip = (
                f"no cell between the question and {item.answer.where} gives `{name}` a value."
            )
    return located


def _hidden(nb: nbformat.NotebookNode, index: int) -> bool:
    """True for a cell whose code is hidden from view: it cannot be an answer cell."""
    meta = nb.cells[index].get("metadata", {})
    tags = set(meta.get("tags", []))
    return bool(
        meta.get("jupyter", {}).get("source_hidden")
        or meta.get("hide_input")
        or tags & {"hide-input", "remove-input", "remove-cell", "hide-cell"}
    )


def _window_start(nb, code, calls, qid, check_index) -> int:
    """Where a question's answer may start: after its ask cell, else after the previous check."""
    asks = [
        i
        for i in code
        if i < check_index
        and re.search(rf"""\bask\(\s*["']{re.escape(qid)}["']""", nb.cells[i].source)
    ]
    if asks:
        return asks[-1] + 1
    previous = [i for i in code if i < check_index and calls[i]]
    return previous[-1] + 1 if previous else 0


def _read_value(item: _Located, tree: ast.Module, name: str) -> None:
    """A literal answer from its cell, or mark it computed (to be collected from a kernel)."""
    last = None
    for position, node in enumerate(tree.body):
        if _binds(node, name):
            last = position
    node = tree.body[last]
    value = _assigns(node, name)
    later = any(_mentions(n, name) for n in tree.body[last + 1 :])
    if value is not None and not later:
        try:
            item.answer.value, item.answer.how = literal_value(value), LITERAL
            return
        except Exception:
            pass
    item.expression, item.answer.how = name, COMPUTED


def _syntax_slip(source: str, where: str) -> str:
    try:
        compile(source, "<answer cell>", "exec", dont_inherit=True)
    except SyntaxError as error:
        return f"{where} cannot run: {explain_syntax_error(error)}"
    except Exception:
        pass
    return f"{where} cannot run."


def read_answers(nb: nbformat.NotebookNode, question_ids: list[str]) -> dict[str, Answer]:
    """Every answer that can be read from the file alone; computed ones are marked, unread."""
    return {qid: item.answer for qid, item in locate(nb, question_ids).items()}


# ---------------------------------------------------------------- computed answers, via a kernel

_COLLECTOR = """\
def __crisislab_collect(token, getter):
    import datetime as _dt
    import decimal as _dec
    import json as _json
    import sys as _sys

    def enc(v, depth=0):
        if depth > 4:
            return {"t": "other", "type": "nested"}
        if v is Ellipsis:
            return {"t": "ellipsis"}
        if v is None:
            return {"t": "none"}
        if isinstance(v, bool):
            return {"t": "bool", "v": bool(v)}
        if isinstance(v, str):
            return {"t": "str", "v": str.__str__(v)[:60000]}
        if isinstance(v, int):
            return {"t": "int", "v": str(int(v))}
        if isinstance(v, (float, _dec.Decimal)):
            return {"t": "float", "v": repr(float(v))}
        if isinstance(v, _dt.datetime):
            zone = getattr(v.tzinfo, "key", None)
            return {"t": "datetime", "v": _dt.datetime.isoformat(v), "tz": zone}
        if isinstance(v, _dt.date):
            return {"t": "date", "v": _dt.date.isoformat(v)}
        if isinstance(v, _dt.time):
            return {"t": "time", "v": _dt.time.isoformat(v)}
        if isinstance(v, (list, tuple)):
            return {"t": "list", "v": [enc(x, depth + 1) for x in list(v)[:100]]}
        if isinstance(v, (set, frozenset)):
            return {"t": "set", "v": [enc(x, depth + 1) for x in sorted(v, key=str)[:100]]}
        item = getattr(type(v), "item", None)
        if callable(item) and type(v).__module__.startswith("numpy"):
            return enc(item(v), depth + 1)
        return {"t": "other", "type": type(v).__name__}

    try:
        out = enc(getter())
    except NameError:
        out = {"t": "missing"}
    except Exception as error:
        out = {"t": "error", "type": type(error).__name__}
    _sys.stdout.write(token + _json.dumps(out) + "\\n")


__crisislab_collect(%(token)r, lambda: (%(expression)s))
del __crisislab_collect
"""


class Unreadable:
    """A computed answer of a type the grader cannot rebuild (shown by its type's name)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


def decode(obj: dict) -> object:
    """A value from the collector's tagged encoding; raises ValueError on a malformed one."""
    tag = obj.get("t")
    if tag == "ellipsis":
        return ...
    if tag == "none":
        return None
    if tag == "bool":
        return bool(obj["v"])
    if tag == "str":
        return str(obj["v"])
    if tag == "int":
        return int(obj["v"])
    if tag == "float":
        return float(obj["v"])
    if tag == "datetime":
        moment = datetime.fromisoformat(obj["v"])
        if obj.get("tz") and moment.tzinfo is not None:
            moment = moment.astimezone(ZoneInfo(obj["tz"]))
        return moment
    if tag == "date":
        return date.fromisoformat(obj["v"])
    if tag == "time":
        return time.fromisoformat(obj["v"])
    if tag == "list":
        return [decode(item) for item in obj["v"]]
    if tag == "set":
        return {decode(item) for item in obj["v"]}
    if tag == "other":
        return Unreadable(str(obj.get("type", "object")))
    raise ValueError(f"unknown tag {tag!r}")


def collect_computed(
    nb: nbformat.NotebookNode,
    located: dict[str, _Located],
    folder: Path,
    timeout: int,
) -> tuple[list[str], str]:
    """Run a copy of the notebook with collector cells; fill in the computed answers.

    Returns the cells that raised an error (as a student sees them) and a problem ("" if the
    notebook ran). The notebook given is never changed.
    """
    from .. import notebooks

    token = f"crisislab-{secrets.token_hex(16)}:"
    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.setdefault("crisislab_origin", -1)
    for index, cell in enumerate(run.cells):
        cell.metadata["crisislab_origin"] = index
    inserts: dict[int, list[str]] = {}
    for qid, item in located.items():
        if item.answer.how == COMPUTED and item.answer_index is not None and item.expression:
            inserts.setdefault(item.answer_index, []).append(qid)
    cells = []
    for index, cell in enumerate(run.cells):
        cells.append(cell)
        for qid in inserts.get(index, []):
            source = _COLLECTOR % {"token": token, "expression": located[qid].expression}
            collector = nbformat.v4.new_code_cell(source)
            collector.metadata["crisislab_collect"] = qid
            cells.append(collector)
    run.cells = cells
    client = notebooks.course_client(
        run, folder, timeout, allow_errors=True, interrupt_on_timeout=True
    )
    previous = os.environ.get(PLAIN_ERRORS_ENV)
    os.environ[PLAIN_ERRORS_ENV] = "1"
    problem = ""
    try:
        import subprocess

        client.execute(stderr=subprocess.DEVNULL)
    except Exception as exc:  # the kernel died or could not start: say so, do not crash
        problem = f"the notebook could not be run ({type(exc).__name__})."
    finally:
        if previous is None:
            os.environ.pop(PLAIN_ERRORS_ENV, None)
        else:
            os.environ[PLAIN_ERRORS_ENV] = previous
    errors: list[str] = []
    for cell in run.cells:
        qid = cell.metadata.get("crisislab_collect")
        if qid is not None:
            _fill_computed(located[qid].answer, cell, token)
            continue
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                origin = cell.metadata.get("crisislab_origin", 0)
                errors.append(f"{cell_label(nb, origin)} raised {output.get('ename', 'an error')}.")
    for item in located.values():
        if item.answer.how == COMPUTED and item.answer.value is ... and not item.answer.slip:
            item.answer.slip = problem or f"{item.answer.where} did not run to the end."
    return errors, problem


def _fill_computed(answer: Answer, cell: nbformat.NotebookNode, token: str) -> None:
    for output in cell.get("outputs", []):
        if output.get("output_type") != "stream":
            continue
        for line in output.get("text", "").splitlines():
            if not line.startswith(token):
                continue
            try:
                payload = json.loads(line[len(token) :])
            except ValueError:
                continue
            tag = payload.get("t")
            if tag == "missing":
                answer.slip = f"{answer.where} did not give its answer a value (it stopped early)."
            elif tag == "error":
                answer.slip = (
                    f"computing the answer in {answer.where} raised {payload.get('type')}."
                )
            else:
                try:
                    answer.value = decode(payload)
                except (ValueError, KeyError, TypeError):
                    answer.slip = f"the answer of {answer.where} could not be read."
            return
    if not answer.slip:
        answer.slip = f"{answer.where} did not run to the end."
