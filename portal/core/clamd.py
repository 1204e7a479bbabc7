"""ClamAV's clamd asked, over its socket, whether a file is malware (the ``INSTREAM`` command).

The protocol: ``zINSTREAM\\0``, then the file in chunks, each after its length as four bytes
(network order), then a chunk of length 0; clamd answers one line ending in ``\\0``:
``stream: OK``, ``stream: <signature> FOUND`` or ``<reason> ERROR``. One deadline covers the
connection, the sending and the answer, so a clamd that is slow or never answers costs at most
the timeout.
"""

import contextlib
import socket
import struct
import time
from urllib.parse import urlsplit

CHUNK_BYTES = 64 * 1024
MAX_REPLY_BYTES = 4096


class ScanUnavailable(Exception):
    """clamd gave no verdict: not reachable, too slow, or it answered an error."""


def clamd_address_valid(address: str) -> bool:
    """Whether ``address`` is one clamd can be reached at: ``tcp://host:port``, or a unix
    socket as ``unix:///path`` or ``/path``."""
    try:
        _parse(address)
    except ValueError:
        return False
    return True


def _parse(address: str) -> tuple:
    if address.startswith("/"):
        return socket.AF_UNIX, address
    parts = urlsplit(address)
    if parts.scheme == "unix" and parts.path:
        return socket.AF_UNIX, parts.path
    if parts.scheme == "tcp" and parts.hostname and parts.port:  # .port raises on a bad one
        return socket.AF_INET, (parts.hostname, parts.port)
    raise ValueError(f"not a clamd address: {address!r}")


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("no answer in time")
        return left


def _connect(address: str, deadline: _Deadline) -> socket.socket:
    family, target = _parse(address)
    if family == socket.AF_INET:
        return socket.create_connection(target, timeout=deadline.left())
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(deadline.left())
    try:
        connection.connect(target)
    except OSError:
        connection.close()
        raise
    return connection


def _read_reply(connection: socket.socket, deadline: _Deadline) -> str:
    reply = b""
    while b"\0" not in reply and len(reply) < MAX_REPLY_BYTES:
        connection.settimeout(deadline.left())
        data = connection.recv(MAX_REPLY_BYTES)
        if not data:
            break
        reply += data
    return reply.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def clamd_scan(file, *, address: str, timeout: float) -> str | None:
    """The name of what clamd found in ``file`` (a Django ``File``), or None when it found
    nothing. Raises ScanUnavailable when there is no verdict. The file is left at its start."""
    deadline = _Deadline(timeout)
    try:
        with _connect(address, deadline) as connection:
            # clamd stops reading when a stream passes its StreamMaxLength, and says why in
            # its reply: a closed pipe while sending is read as that reply.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                connection.settimeout(deadline.left())
                connection.sendall(b"zINSTREAM\0")
                file.seek(0)
                for chunk in file.chunks(CHUNK_BYTES):
                    connection.settimeout(deadline.left())
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.settimeout(deadline.left())
                connection.sendall(struct.pack("!L", 0))
            reply = _read_reply(connection, deadline)
    except (OSError, ValueError) as error:  # TimeoutError is an OSError
        raise ScanUnavailable(f"{type(error).__name__}: {error}") from error
    finally:
        file.seek(0)
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return reply.removeprefix("stream: ").removesuffix(" FOUND") or "unknown"
    raise ScanUnavailable(f"clamd answered {reply!r}" if reply else "clamd closed without answer")
