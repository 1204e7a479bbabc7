"""A fake bank served on loopback: Bakong's open API (``/v1/check_transaction_by_md5``) and
our LaoQR contract, answering as a test tells it to: paid, unpaid, not found, an error, slow.
A real HTTP server in a thread, so the gateways' own HTTP code is what the tests drive."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "bakong-token-for-tests"


class FakeBank:
    def __init__(self):
        # md5 (or bill number) -> the transaction the bank knows for it
        self.transactions: dict[str, dict] = {}
        self.requests: list[tuple[str, dict, str]] = []
        # (HTTP status, body) to answer every request with, or seconds to wait before answering
        self.broken: tuple[int, str] | None = None
        self.slow: float = 0
        # answer with bytes that are not HTTP at all
        self.garbled = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def pay(self, md5: str, *, amount, currency: str, to: str, hash_: str = "", bill: str = ""):
        transaction = {
            "hash": hash_ or f"hash-{md5[:12]}",
            "fromAccountId": "sokha@aba",
            "toAccountId": to,
            "currency": currency,
            "amount": amount,
            "description": "",
            "createdDateMs": 1_796_000_000_000,
            "acknowledgedDateMs": 1_796_000_001_000,
        }
        self.transactions[md5] = transaction
        if bill:
            self.transactions[bill] = transaction

    def _answer(self, path: str, body: dict, authorization: str) -> tuple[int, dict | str]:
        if self.broken:
            return self.broken
        if authorization != f"Bearer {TOKEN}":
            return 401, {"responseCode": 1, "errorCode": 6, "responseMessage": "Unauthorized"}
        if path == "/v1/check_transaction_by_md5":
            transaction = self.transactions.get(body.get("md5", ""))
            if transaction is None:
                return 200, {
                    "responseCode": 1,
                    "responseMessage": "Transaction could not be found.",
                    "errorCode": 1,
                    "data": None,
                }
            return 200, {"responseCode": 0, "responseMessage": "ok", "errorCode": None,
                         "data": transaction}  # fmt: skip
        if path == "/laoqr":
            transaction = self.transactions.get(body.get("bill_number", ""))
            if transaction is None:
                return 200, {"status": "unpaid"}
            return 200, {
                "status": "paid",
                "transaction_id": transaction["hash"],
                "amount": str(transaction["amount"]),
                "currency": transaction["currency"],
            }
        return 404, "no such path"

    def _handler(self):
        bank = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                authorization = self.headers.get("Authorization", "")
                bank.requests.append((self.path, body, authorization))
                if bank.slow:
                    time.sleep(bank.slow)
                if bank.garbled:
                    self.wfile.write(b"garbled\r\n\r\n")
                    self.close_connection = True
                    return
                status, answer = bank._answer(self.path, body, authorization)
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        return Handler
