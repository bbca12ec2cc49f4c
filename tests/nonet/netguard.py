"""No network in the test suite: every TCP/UDP connection and name lookup raises NetworkBlocked
and is logged, in the test process and in every Python process it starts (through the
sitecustomize.py beside this file, on the PYTHONPATH that conftest.py sets).

extractor needs no network unless the user asks for an online geocoder; conftest.py fails the
session when anything tried. Local sockets (AF_UNIX, used by multiprocessing) stay allowed.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from typing import Any

LOG_ENV = "EXTRACTOR_NETGUARD_LOG"
_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_quiet = False


class NetworkBlocked(OSError):
    """A test tried to reach the network."""


def _blocked(what: str) -> NetworkBlocked:
    if not _quiet:
        log = os.environ.get(LOG_ENV)
        if log:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"pid {os.getpid()}: {what}\n")
    return NetworkBlocked(f"network access is blocked in the test suite: {what}")


def install() -> None:
    """Patch the socket module in this process (idempotent)."""
    if getattr(socket, "_extractor_netguard", False):
        return
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in _NETWORK_FAMILIES:
            raise _blocked(f"connect to {address!r}")
        original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in _NETWORK_FAMILIES:
            raise _blocked(f"connect to {address!r}")
        return original_connect_ex(self, address)

    def sendto(self: socket.socket, *args: Any) -> int:
        if self.family in _NETWORK_FAMILIES:
            raise _blocked(f"sendto {args[-1]!r}")
        return original_sendto(self, *args)

    def lookup(name: str) -> Any:
        def refuse(host: Any, *args: Any, **kwargs: Any) -> Any:
            raise _blocked(f"{name}({host!r})")

        return refuse

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[assignment]
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, lookup(name))
    socket._extractor_netguard = True  # type: ignore[attr-defined]


@contextlib.contextmanager
def expected() -> Iterator[None]:
    """Attempts made on purpose (the guard's own test) are not logged."""
    global _quiet
    _quiet = True
    try:
        yield
    finally:
        _quiet = False
