"""Shared test helpers."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    """The course folder."""
    return ROOT


def _loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if str(host).lower() in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """Tests run offline: connecting to anything but loopback raises (kernels: test_offline)."""
    for name in ("connect", "connect_ex"):
        original = getattr(socket.socket, name)

        def guarded(self, address, _original=original):
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
                raise OSError(101, f"network blocked in the course's tests: {address[0]}")
            return _original(self, address)

        monkeypatch.setattr(socket.socket, name, guarded)
