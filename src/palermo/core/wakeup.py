"""The task worker starts a queued task at once, instead of on its next look at the queue.

The worker (`palermo task_worker`) listens on a Unix datagram socket named after the database,
in Linux's abstract namespace (no file to create or clean up). Queuing a task sends it one byte
once the transaction that queued it commits (`django_tasks`' `task_enqueued` signal, received in
`core.receivers`). Nothing depends on the byte arriving: a worker on another machine, a second
worker on this one (the first holds the name) or a system without abstract sockets finds the
task on its next look, every `--interval` seconds.
"""

import contextlib
import hashlib
import select
import socket
import sys
import time

from django.conf import settings

# Abstract socket names are Linux's; elsewhere the worker only polls.
SUPPORTED = sys.platform.startswith("linux")


def address() -> str:
    """The socket's name: one per database, so two sites on one machine do not wake each other."""
    database = settings.DATABASES["default"]
    key = "|".join(
        str(database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME")
    ).encode()
    return "\0palermo-tasks-" + hashlib.sha256(key).hexdigest()[:32]


def wake() -> None:
    """Tell a listening worker that a task waits; nothing happens when none listens."""
    if not SUPPORTED:
        return
    with (
        contextlib.suppress(OSError),
        socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender,
    ):
        sender.setblocking(False)
        sender.sendto(b"!", address())


class Alarm:
    """The worker's end: sleep until woken or until the interval passes."""

    def __init__(self) -> None:
        self.socket: socket.socket | None = None
        if not SUPPORTED:
            return
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            listener.bind(address())
        except OSError:
            # Another worker on this machine listens already; this one polls.
            listener.close()
            return
        listener.setblocking(False)
        self.socket = listener

    @property
    def listening(self) -> bool:
        return self.socket is not None

    def wait(self, timeout: float) -> bool:
        """True when woken before `timeout` seconds; every waiting wake-up is used up."""
        if self.socket is None:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.socket], [], [], timeout)
        if not ready:
            return False
        with contextlib.suppress(BlockingIOError):
            while True:
                self.socket.recv(16)
        return True

    def close(self) -> None:
        if self.socket is not None:
            self.socket.close()
            self.socket = None
