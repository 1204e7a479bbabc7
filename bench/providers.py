"""Stand-ins for the outside providers of the reference deployment (`make cluster`), each
keeping what it received by the message's provider-side id, so the load test can count
copies: an SMTP server on loopback that writes each email's Message-ID to a file, and an SMS
sender (``SMS_BACKEND=bench.providers.FileSmsSender``) that writes each text's idempotency key
to another. Nothing leaves the machine.
"""

import email
import json
import os
import socketserver
import threading
import time
from pathlib import Path

from portal.notifications.sms import SmsSender


def _append(path: str | Path, record: dict) -> None:
    """One JSON line, written in one call with O_APPEND: lines from several processes never
    interleave."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line)
    finally:
        os.close(descriptor)


def received(path: str | Path) -> list[dict]:
    """The records a provider stand-in wrote (none if it wrote nothing)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class FileSmsSender(SmsSender):
    """Texts "sent" by appending ``{"key", "to"}`` to the file ``CLUSTER_SMS_LOG`` names."""

    @classmethod
    def longest_send(cls) -> float:
        return 1.0

    def send(self, *, to: str, text: str, key: str = "") -> None:
        _append(os.environ["CLUSTER_SMS_LOG"], {"key": key, "to": to, "at": time.time()})


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend without TLS: every message is accepted."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 onedoor-cluster SMTP sink")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-onedoor-cluster\r\n250 8BITMIME\r\n")
            elif verb in {"HELO", "NOOP"}:
                self.reply("250 OK")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    chunks.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = email.message_from_bytes(b"".join(chunks))
                _append(
                    self.server.log_path,
                    {"message_id": message["Message-ID"], "to": recipients, "at": time.time()},
                )
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def smtp_sink(port: int, log_path: str | Path) -> _SmtpServer:
    """Start the SMTP stand-in on 127.0.0.1:``port`` in a thread; ``shutdown()`` stops it."""
    server = _SmtpServer(("127.0.0.1", port), _SmtpHandler)
    server.log_path = str(log_path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
