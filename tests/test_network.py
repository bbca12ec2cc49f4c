"""No network: the whole suite runs with sockets blocked (conftest.py and nonet/), here and in
every process it starts; these tests prove the guard is on, so a green suite means that reading,
extracting, batches and workers never reached the network."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import netguard
import pytest


def test_connections_are_blocked_in_the_test_process() -> None:
    with netguard.expected(), pytest.raises(netguard.NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with netguard.expected(), pytest.raises(netguard.NetworkBlocked):
        socket.getaddrinfo("example.org", 443)


def test_connections_are_blocked_in_processes_the_tests_start(tmp_path: Path) -> None:
    log = tmp_path / "attempts.log"
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except OSError as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, netguard.LOG_ENV: str(log)},
    )
    assert result.stdout.startswith("NetworkBlocked network access is blocked")
    assert "'127.0.0.1'" in log.read_text(encoding="utf-8")


def test_local_pipes_still_work() -> None:
    left, right = socket.socketpair()  # AF_UNIX, as multiprocessing uses
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
