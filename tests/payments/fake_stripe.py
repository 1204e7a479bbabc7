"""A fake of Stripe's API for the real stripe SDK: an HTTP client that keeps checkout sessions,
payment intents and refunds in memory, replays idempotency keys like Stripe, and signs webhook
payloads with a test secret. No test touches the network."""

import hashlib
import hmac
import itertools
import json
import time
from urllib.parse import parse_qsl, urlsplit

import stripe

WEBHOOK_SECRET = "whsec_test_onedoor"
_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}_test{next(_ids):06d}"


class FakeStripe(stripe.HTTPClient):
    name = "onedoor-fake"

    def __init__(self):
        super().__init__()
        self.sessions: dict[str, dict] = {}
        self.intents: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.replies: dict[str, tuple] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.idempotency_keys: list[str | None] = []
        # Set to (HTTP status, error code) to have Stripe refuse refunds, or every request.
        self.refunds_refused: tuple[int, str] | None = None
        self.everything_refused: tuple[int, str] | None = None

    # --- the HTTP side the SDK calls ---------------------------------------------------------

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlsplit(url).path
        params = dict(parse_qsl(post_data or "", keep_blank_values=True))
        self.requests.append((method, path, params))
        key = (headers or {}).get("Idempotency-Key")
        self.idempotency_keys.append(key)
        if method == "post" and key in self.replies:
            return self.replies[key]
        reply = self._route(method, path, params)
        if method == "post" and key:
            self.replies[key] = reply
        return reply

    def close(self):
        pass

    def _route(self, method, path, params):
        parts = path.strip("/").split("/")
        if self.everything_refused:
            return self._error(*self.everything_refused)
        if self.refunds_refused and parts[:2] == ["v1", "refunds"]:
            return self._error(*self.refunds_refused)
        if parts[:3] == ["v1", "checkout", "sessions"]:
            if method == "post" and len(parts) == 3:
                return self._ok(self._create_session(params))
            if method == "get" and len(parts) == 4 and parts[3] in self.sessions:
                return self._ok(self.sessions[parts[3]])
        if parts[:2] == ["v1", "payment_intents"] and method == "get" and parts[2] in self.intents:
            return self._ok(self.intents[parts[2]])
        if parts[:2] == ["v1", "refunds"] and method == "post":
            return self._ok(self._create_refund(params))
        return self._error(404, "resource_missing")

    @staticmethod
    def _ok(body):
        return json.dumps(body), 200, {"request-id": _id("req")}

    @staticmethod
    def _error(status, code):
        message = code.replace("_", " ").capitalize() + "."
        body = {"error": {"type": "invalid_request_error", "code": code, "message": message}}
        # Stripe tells the SDK not to retry what would fail again.
        return json.dumps(body), status, {"stripe-should-retry": "false"}

    def _create_session(self, params):
        session_id = _id("cs")
        metadata = {
            key[len("metadata[") : -1]: value
            for key, value in params.items()
            if key.startswith("metadata[")
        }
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params["mode"],
            "status": "open",
            "payment_status": "unpaid",
            "client_reference_id": params.get("client_reference_id"),
            "metadata": metadata,
            "currency": params["line_items[0][price_data][currency]"],
            "amount_total": int(params["line_items[0][price_data][unit_amount]"]),
            "payment_intent": None,
            "success_url": params["success_url"],
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "expires_at": int(params.get("expires_at", time.time() + 3600)),
        }
        self.sessions[session_id] = session
        return session

    def _create_refund(self, params):
        intent = self.intents[params["payment_intent"]]
        amount = int(params.get("amount", intent["amount"]))
        intent["amount_refunded"] = intent.get("amount_refunded", 0) + amount
        refund = {"id": _id("re"), "object": "refund", "amount": amount, "status": "succeeded"}
        self.refunds[refund["id"]] = refund
        return refund

    # --- what happens at Stripe, and the webhooks it sends ----------------------------------------

    def pay(self, session_id: str, *, asynchronous: bool = False) -> dict:
        """The payer completes the Checkout page."""
        session = self.sessions[session_id]
        intent_id = _id("pi")
        self.intents[intent_id] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": session["amount_total"],
            "currency": session["currency"],
            "metadata": dict(session["metadata"]),
        }
        session.update(
            status="complete",
            payment_status="unpaid" if asynchronous else "paid",
            payment_intent=intent_id,
        )
        return session

    def expire(self, session_id: str) -> dict:
        self.sessions[session_id].update(status="expired")
        return self.sessions[session_id]

    def event(self, event_type: str, obj: dict, *, event_id: str | None = None) -> dict:
        return {
            "id": event_id or _id("evt"),
            "object": "event",
            "api_version": "2025-01-01",
            "type": event_type,
            "created": int(time.time()),
            "data": {"object": dict(obj)},
        }

    def charge_refunded(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        intent = self.intents[session["payment_intent"]]
        return {
            "id": _id("ch"),
            "object": "charge",
            "payment_intent": intent["id"],
            "currency": intent["currency"],
            "amount": intent["amount"],
            "amount_refunded": intent.get("amount_refunded", intent["amount"]),
        }


def signed(payload: dict, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> tuple:
    """The body and the Stripe-Signature header Stripe would send."""
    body = json.dumps(payload)
    timestamp = at or int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return body, f"t={timestamp},v1={digest.hexdigest()}"
