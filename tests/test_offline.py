"""Offline: every lesson and exercise notebook runs with the network blocked, fetching nothing.

nbval runs each kernel in a process of its own, so patching ``socket`` in pytest's process
would not reach it. Here each notebook runs with nbclient in a kernel whose ``sitecustomize``
(put first on its PYTHONPATH) blocks every connection except to loopback, from the moment the
interpreter starts, and writes each refused attempt to a log. A notebook passes when it runs
without error, the log stays empty, and nothing it shows (markdown or output) makes the browser
load a remote image, script or style sheet. Tests prove the guard is not vacuous: it refuses a
connection in a plain interpreter, and a notebook that fetches a page is caught in a kernel.

Each notebook is also run once without the guard, at the same time; tests/test_determinism.py
compares the two runs' text outputs, so the suite runs each notebook twice, not four times.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from crisislab import notebooks
from crisislab.paths import repo_root
from tests.browser.server import copy_course

ROOT = repo_root()
NOTEBOOKS = [p.relative_to(ROOT).as_posix() for p in notebooks.course_notebooks(ROOT)]
TIMEOUT = 300

#: The kernel's sitecustomize: refuse and record every non-loopback connection or name lookup.
GUARD = textwrap.dedent(
    '''
    """Offline guard for the course's tests: only loopback connections are allowed."""
    import ipaddress as _ipaddress
    import os as _os
    import socket as _socket

    _LOG = _os.environ.get("CRISISLAB_OFFLINE_LOG", "")
    _LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


    def _local(host):
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host is None or host.lower() in _LOCAL_NAMES:
            return True
        try:
            return _ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False


    def _refuse(what):
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as handle:
                handle.write(what + "\\n")
        raise OSError(101, "network blocked by the course's offline test: " + what)


    def _checked(original):
        def connect(self, address):
            if self.family in (_socket.AF_INET, _socket.AF_INET6) and not _local(address[0]):
                _refuse("connect %s:%s" % (address[0], address[1]))
            return original(self, address)

        return connect


    _socket.socket.connect = _checked(_socket.socket.connect)
    _socket.socket.connect_ex = _checked(_socket.socket.connect_ex)
    _getaddrinfo = _socket.getaddrinfo


    def _literal(host):
        try:
            _ipaddress.ip_address(str(host).split("%")[0])
            return True
        except ValueError:
            return False


    def _guarded_getaddrinfo(host, *args, **kwargs):
        if not _local(host) and not _literal(host):  # a name lookup may reach a DNS server
            _refuse("lookup %s" % host)
        return _getaddrinfo(host, *args, **kwargs)


    _socket.getaddrinfo = _guarded_getaddrinfo
    if _LOG:
        with open(_LOG + ".active", "a", encoding="utf-8") as _handle:
            _handle.write("guard active in pid %d\\n" % _os.getpid())
    '''
)


@dataclass
class Run:
    """One execution of a notebook: the executed notebook, or the error, and the guard's log."""

    notebook: nbformat.NotebookNode | None
    error: BaseException | None
    blocked: list[str]
    guarded: bool


def guard_folder(folder: Path) -> Path:
    """Write the guard as ``sitecustomize.py`` in ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    return folder


def guarded_env(guard: Path, log: Path) -> dict[str, str]:
    """This process's environment, with the guard first on PYTHONPATH and a log to write to."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard), env.get("PYTHONPATH")]))
    env["CRISISLAB_OFFLINE_LOG"] = str(log)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


async def _execute(path: Path, env: dict[str, str], log: Path | None) -> Run:
    nb = notebooks.read(path)
    client = notebooks.course_client(nb, path.parent, TIMEOUT)
    error = None
    try:
        await client.async_execute(env=env)
    except Exception as exc:  # reported by the test, with the notebook's name
        error = exc
    if log is not None and not _lines(Path(str(log) + ".active")):
        error = error or RuntimeError("the offline guard was not loaded in the kernel")
    return Run(nb, error, _lines(log) if log else [], log is not None)


def _execute_pair(path: Path, work: Path, plain: bool = True) -> tuple[Run, ...]:
    """Run the notebook guarded (offline) and, at the same time, plain; return the runs."""
    guard = guard_folder(work / "guard")
    log = work / "logs" / (path.stem + f"-{abs(hash(str(path)))}.log")
    log.parent.mkdir(exist_ok=True)
    plain_env = dict(os.environ)
    plain_env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

    async def both() -> tuple[Run, ...]:
        runs = [_execute(path, guarded_env(guard, log), log)]
        if plain:
            runs.append(_execute(path, plain_env, None))
        return tuple(await asyncio.gather(*runs))

    result: list = []
    # A thread of its own, so no event loop of pytest's (or a plugin's) is in the way.
    worker = threading.Thread(target=lambda: result.append(asyncio.run(both())))
    worker.start()
    worker.join()
    if not result:
        raise RuntimeError(f"executing {path.name} failed before it returned")
    return result[0]


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory) -> Path:
    """A throwaway copy of lessons, exercises and data: notebooks may write next to themselves."""
    return copy_course(ROOT, tmp_path_factory.mktemp("offline") / "course")


_RUNS: dict[str, tuple[Run, Run]] = {}


def executed_pair(name: str, course: Path) -> tuple[Run, Run]:
    """The guarded and the plain run of a course notebook (run once per test session)."""
    if name not in _RUNS:
        _RUNS[name] = _execute_pair(course / name, course.parent)
    return _RUNS[name]


#: What makes a browser fetch from elsewhere when it renders a cell: a remote image, script,
#: style sheet or frame (a plain link the reader may click is fine).
REMOTE = re.compile(
    r"""(?:\bsrc|\bsrcset|<link[^>]*\bhref)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//"""
    r"""|!\[[^\]]*\]\(\s*(?:https?:)?//""",
    re.I,
)


def remote_references(nb: nbformat.NotebookNode) -> list[str]:
    """Remote resources a browser would load to show this notebook (markdown and outputs)."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if mime in ("text/html", "text/markdown", "image/svg+xml"):
                    texts.append("".join(value) if isinstance(value, list) else value)
    return [match.group(0) for text in texts for match in REMOTE.finditer(text)]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_offline_and_fetches_nothing(name, course_copy):
    guarded, _plain = executed_pair(name, course_copy)
    assert guarded.error is None, f"{name} failed with the network blocked: {guarded.error}"
    assert guarded.blocked == [], f"{name} tried to reach the network: {guarded.blocked}"
    found = remote_references(guarded.notebook)
    assert not found, f"{name} makes the browser load remote resources: {found[:5]}"


def test_remote_reference_check_is_not_vacuous():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("See [the FRUS](https://history.state.gov/)."))
    assert remote_references(nb) == []  # a link the reader may follow is fine
    nb.cells.append(nbformat.v4.new_markdown_cell("![map](https://example.org/map.png)"))
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", {"text/html": "<img src='//cdn.example/x.png'>"})
    ]
    nb.cells.append(cell)
    assert len(remote_references(nb)) == 2


def _run_guarded_python(code: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path]:
    guard = guard_folder(tmp_path / "guard")
    log = tmp_path / "blocked.log"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=guarded_env(guard, log),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, log


def test_guard_refuses_outside_connections_and_allows_loopback(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        code = textwrap.dedent(
            f"""
            import socket, urllib.request
            socket.create_connection(("127.0.0.1", {port}), timeout=5).close()  # loopback: fine
            for attempt in (
                lambda: socket.create_connection(("192.0.2.1", 80), timeout=5),
                lambda: socket.socket().connect_ex(("2001:db8::1", 443)),
                lambda: urllib.request.urlopen("https://pypi.org/simple/", timeout=5),
            ):
                try:
                    attempt()
                except OSError as exc:
                    assert "offline test" in str(exc), exc
                else:
                    raise SystemExit("a connection got through")
            print("all refused")
            """
        )
        done, log = _run_guarded_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "all refused"
    blocked = _lines(log)
    assert "connect 192.0.2.1:80" in blocked
    assert "connect 2001:db8::1:443" in blocked
    assert "lookup pypi.org" in blocked
    assert not any("127.0.0.1" in line for line in blocked)


def test_a_fetching_notebook_is_caught_in_the_kernel(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": notebooks.KERNEL_NAME, "display_name": "Python 3"}
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import urllib.request\n"
            "try:\n"
            "    urllib.request.urlopen('http://example.org/', timeout=5)\n"
            "except OSError as exc:\n"
            "    print('refused:', exc)"
        )
    )
    path = tmp_path / "fetch.ipynb"
    nbformat.write(nb, str(path))
    (guarded,) = _execute_pair(path, tmp_path, plain=False)  # no plain run: it would fetch
    assert guarded.error is None
    assert guarded.blocked == ["lookup example.org"]
    printed = guarded.notebook.cells[0].outputs[0]["text"]
    assert printed.startswith("refused:") and "offline test" in printed


def test_the_pytest_process_is_offline_too():
    """tests/conftest.py blocks outside connections in unit tests; loopback still works."""
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=5)
    with socket.create_server(("127.0.0.1", 0)) as server:
        socket.create_connection(server.getsockname(), timeout=5).close()
