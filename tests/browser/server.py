"""Start and stop a throwaway Jupyter server on a temporary copy of the course.

The server listens on 127.0.0.1 at a free port with a random token, reads its settings from
fresh folders (so no one's own JupyterLab settings or workspaces leak into a test run), and is
stopped by its own process id.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

COPIED = ("lessons", "exercises", "data")

#: Settings that make a fresh JupyterLab quiet and predictable: no news or update toasts, and
#: every notebook cell kept in the page (windowing off) so tests can find widgets anywhere.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@dataclass
class Server:
    """A running server: where it is, how to log in, and the folder it serves."""

    process: subprocess.Popen
    base_url: str
    token: str
    root: Path
    log: Path

    def url(self, path: str) -> str:
        """An address on the server, with the token so the browser is logged in."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, to explain a failure."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_course(source: Path, target: Path) -> Path:
    """Copy the folders a student opens (lessons, exercises, data) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(
                source / name,
                target / name,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            )
    return target


def _fresh_environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CRISISLAB_"))}
    env.pop("IPYTHONDIR", None)
    folders = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    for name, values in LAB_SETTINGS.items():
        path = folders["JUPYTERLAB_SETTINGS_DIR"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_until_ready(server: Server, timeout: float = 60.0) -> None:
    """Poll /api/status until the server answers, or fail with the end of its log."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"Jupyter exited with code {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            status_url = server.url("/api/status")
            with urllib.request.urlopen(status_url, timeout=2) as response:
                if response.status == 200:
                    json.load(response)
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError) as exc:
            last = str(exc)
        time.sleep(0.25)
    raise RuntimeError(
        f"Jupyter did not answer within {timeout:.0f} s ({last}):\n{server.log_tail()}"
    )


def start(root: Path, home: Path) -> Server:
    """Start JupyterLab (which also serves Notebook 7) on ``root``; return once it answers."""
    port, token = free_port(), secrets.token_hex(16)
    log = home / "jupyter.log"
    home.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    handle = log.open("w")
    process = subprocess.Popen(
        command, cwd=root, env=_fresh_environment(home), stdout=handle, stderr=subprocess.STDOUT
    )
    handle.close()
    server = Server(process, f"http://127.0.0.1:{port}", token, root, log)
    try:
        wait_until_ready(server)
    except Exception:
        stop(server)
        raise
    return server


def stop(server: Server, timeout: float = 20.0) -> None:
    """Stop the server by its process id: SIGTERM (it shuts its kernels down), then SIGKILL."""
    process = server.process
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
