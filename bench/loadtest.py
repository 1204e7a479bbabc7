"""The load and fault test of the reference deployment: `make loadtest` (not part of `make test`).

Starts the cluster of bench/cluster.py (PostgreSQL, Redis, SeaweedFS S3, HAProxy over two
gunicorn app servers, two task workers, the scheduler), then, for a bounded time, clients
behind the load balancer run these flows, each in its own threads:

- reader: anonymous reads of the home page, sector pages, service pages and the fees page;
- citizen: signs in, fills every step of a service's form with its uploads, submits, pays
  with the demo gateway;
- officer: signs in with the second factor, takes the next application and forwards it;
- look-up: the status look-up by reference and PIN.

A third of the way in, one app server and one worker are killed (SIGKILL, process group and
all) and started again ``LOADTEST_DOWN_SECONDS`` later. After the run, once the sweeps have run
(the outbox's lease and the orphaned files' age are run out as if the time had passed), it
checks the database, the bucket and what the mail and SMS stand-ins received
(bench/consistency.py), prints the table of throughput, p95 and errors per flow and the error
rate while a server was down, and exits non-zero when a check fails.

    make loadtest                                    # 120 s
    LOADTEST_SECONDS=30 LOADTEST_CITIZENS=2 make loadtest
"""

import html
import http.cookiejar
import json
import os
import random
import re
import sys
import threading
import time
from collections import defaultdict
from io import BytesIO
from urllib.parse import urljoin

import requests

from bench.cluster import BUCKET, Cluster, describe
from bench.consistency import (
    moves_problems,
    outbox_problems,
    payments_problems,
    percentile,
    storage_problems,
    submissions_problems,
)
from bench.providers import received
from bench.run import TOTP_SECRET, totp_code

SECONDS = float(os.environ.get("LOADTEST_SECONDS", "120"))
READERS = int(os.environ.get("LOADTEST_READERS", "3"))
CITIZENS = int(os.environ.get("LOADTEST_CITIZENS", "3"))
OFFICERS = int(os.environ.get("LOADTEST_OFFICERS", "2"))
LOOKUPS = int(os.environ.get("LOADTEST_LOOKUPS", "1"))
DOWN_SECONDS = float(os.environ.get("LOADTEST_DOWN_SECONDS", "10"))
SERVICE = "/en/business/enterprise-registration/"
PASSWORD = "a long load-test passphrase"

# Accounts for the clients: verified citizens, and officers like the demo's (same groups and
# offices) with the bench's authenticator.
MAKE_ACCOUNTS = """
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from portal.accounts.models import User
model = User.objects.get(email="officer@onedoor.example")
for number in range({citizens}):
    user = User.objects.create_user(email=f"load-citizen-{{number}}@example.org",
                                    password={password!r}, first_name="Load", last_name=str(number))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
for number in range({officers}):
    user = User.objects.create_user(email=f"load-officer-{{number}}@example.org",
                                    password={password!r}, is_staff=model.is_staff)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.set(model.groups.all())
    for field in ("offices",):
        if hasattr(user, field):
            getattr(user, field).set(getattr(model, field).all())
    TOTP.activate(user, {secret!r})
"""

# What the checks read from the database, as JSON.
READ_FACTS = """
import json
from django.db.models import Count
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from payments.models import Payment, PaymentEvent
from portal.applications.models import Application, Document, Event
from portal.notifications.models import OutboxMessage
from portal.notifications.services import _message_id
now = timezone.now()
applications = Application.objects.exclude(status="draft")
documents = Document.objects.values("application__reference").annotate(n=Count("pk"))
forwards = Event.objects.filter(kind="forwarded")
settled = PaymentEvent.objects.filter(to_status="paid").exclude(from_status="paid")
paid = Payment.objects.filter(status="paid")
lost = DBTaskResult.objects.filter(exception_class_path="portal.core.task_sweep.WorkerLost")
def key(m):
    return _message_id(m) if m.channel == "email" else f"onedoor-outbox-{m.key}"
print(json.dumps({
    "references": list(applications.values_list("reference", flat=True)),
    "documents": {row["application__reference"]: row["n"] for row in documents},
    "files": list(Document.objects.values_list("file", flat=True)),
    "forwards": list(forwards.values_list("application_id", "from_stage_id")),
    "settled": list(settled.values_list("payment_id", flat=True)),
    "paid_applications": list(paid.values_list("application_id", flat=True)),
    "messages": [
        {"key": key(m), "status": m.status}
        for m in OutboxMessage.objects.filter(next_attempt_at__lte=now)
    ],
    "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
    "ready": DBTaskResult.objects.ready().count(),
    "lost": lost.count(),
}, default=str))
"""

# The outbox's lease run out, as if its ten minutes had passed: what a killed worker was
# sending is handed back by the sweep, which the scheduler would run.
RUN_OUT_LEASES = """
from portal.notifications.models import OutboxMessage
from portal.notifications.services import outbox_lease, outbox_sweep
from django.utils import timezone
stuck = OutboxMessage.objects.filter(status="sending")
run_out = stuck.update(claimed_at=timezone.now() - outbox_lease() * 2)
print(run_out, "lease(s) run out;", outbox_sweep(), "message(s) queued")
"""


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, "PNG")
    return buffer.getvalue()


PDF, PNG = _pdf(), _png()


class Failed(Exception):
    """A flow's step got an answer other than the one a working portal gives."""


class Stats:
    """Every request: its flow, when it started, how long it took, whether it failed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests: list[tuple[str, float, float, bool]] = []
        self.flows: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # done, failed

    def request(self, flow: str, started: float, seconds: float, ok: bool) -> None:
        with self.lock:
            self.requests.append((flow, started, seconds, ok))

    def flow(self, flow: str, ok: bool) -> None:
        with self.lock:
            self.flows[flow][0 if ok else 1] += 1


class Client:
    """A browser-like client through the load balancer: keeps its cookies itself (the
    portal's are Secure; this speaks plain HTTP on loopback), follows redirects, and counts
    each request under its flow."""

    def __init__(self, base: str, flow: str, stats: Stats):
        self.base, self.flow, self.stats = base, flow, stats
        self.cookies: dict[str, str] = {}
        self.http = requests.Session()
        self.http.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))

    def _keep(self, response) -> None:
        for value in response.raw.headers.getlist("Set-Cookie"):
            name, _sep, rest = value.partition("=")
            kept = rest.split(";", 1)[0]
            if kept.strip('"') and "max-age=0" not in value.lower():
                self.cookies[name.strip()] = kept
            else:
                self.cookies.pop(name.strip(), None)

    def request(self, method: str, path: str, *, ok=(200,), **kwargs):
        url = urljoin(self.base, path)
        for _hop in range(8):
            headers = {
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                "Referer": url,
            }
            started = time.monotonic()
            try:
                response = self.http.request(
                    method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
                )
            except requests.RequestException as error:
                self.stats.request(self.flow, started, time.monotonic() - started, False)
                raise Failed(f"{method} {path}: {type(error).__name__}") from error
            good = response.status_code in (*ok, 301, 302, 303)
            self.stats.request(self.flow, started, time.monotonic() - started, good)
            if not good:
                raise Failed(f"{method} {url}: HTTP {response.status_code}")
            self._keep(response)
            if response.status_code not in (301, 302, 303):
                return response
            url, method, kwargs = urljoin(url, response.headers["Location"]), "GET", {}
        raise Failed(f"too many redirects from {path}")

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


def token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not found:
        raise Failed("no CSRF token on the page")
    return found.group(1)


def form_fields(page: str, *, skip_files: set[str] = frozenset()) -> tuple[dict, dict]:
    """The last POST form of the page filled as an applicant would: the first choice of each
    radio and select, every checkbox ticked, text in every text field, a PDF (or a PNG where
    only images are accepted) in every file field not in ``skip_files``."""
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", page, re.S | re.I)
    body = forms[-1] if forms else page
    data: dict[str, str] = {}
    files: dict[str, tuple] = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        name = name.group(1)
        kind = (re.search(r'type="([^"]+)"', tag) or [None, "text"])[1]
        value = html.unescape((re.search(r'value="([^"]*)"', tag) or [None, ""])[1])
        if kind == "hidden":
            data[name] = value
        elif kind in ("radio", "checkbox"):
            data.setdefault(name, value or "on")
        elif kind == "file":
            if name not in skip_files:
                accept = (re.search(r'accept="([^"]*)"', tag) or [None, ""])[1]
                files[name] = (
                    ("id-card.pdf", PDF, "application/pdf")
                    if "pdf" in accept or not accept
                    else ("photo.png", PNG, "image/png")
                )
        elif kind == "email":
            data[name] = value or "somchai@example.org"
        elif kind == "tel":
            data[name] = value or "+856 20 5555 1234"
        elif kind == "number":
            data[name] = value or "3"
        elif kind == "date":
            data[name] = value or "1990-05-17"
        elif kind in ("text", "search"):
            parts = {"-day": "17", "-month": "5", "-year": "1990"}
            suffix = next((s for s in parts if name.endswith(s)), "")
            data[name] = value or parts.get(suffix, "Somchai Phommachanh")
    for found in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        options = [v for v in re.findall(r'<option[^>]*value="([^"]*)"', found.group(2)) if v]
        if options:
            data[found.group(1)] = options[0]
    for found in re.finditer(r'<textarea[^>]*name="([^"]+)"', body):
        data[found.group(1)] = "Opening a small coffee shop."
    return data, files


class Run:
    """The shared state of one load test run."""

    def __init__(self, cluster: Cluster, stats: Stats, deadline: float):
        self.cluster, self.stats, self.deadline = cluster, stats, deadline
        self.lock = threading.Lock()
        self.submitted: dict[str, int] = {}  # reference -> documents uploaded
        self.pins: list[tuple[str, str]] = []
        self.paid: list[str] = []
        self.forwarded = 0
        self.errors: list[str] = []
        self.pages: list[str] = ["/en/", "/en/fees/", "/en/business/", SERVICE]

    def running(self) -> bool:
        return time.monotonic() < self.deadline

    def loop(self, flow: str, client_factory, step) -> None:
        """Run ``step(client)`` until the deadline, counting each flow done or failed; a
        failed flow starts again with a fresh client after a short pause."""
        client = None
        while self.running():
            try:
                if client is None:
                    client = client_factory()
                step(client)
                self.stats.flow(flow, True)
            except Failed as error:
                self.stats.flow(flow, False)
                with self.lock:
                    self.errors.append(f"{flow}: {error}")
                client = None
                time.sleep(0.5)

    # The flows ------------------------------------------------------------------------------

    def reader(self) -> None:
        rng = random.Random()

        def read(client: Client) -> None:
            client.get(rng.choice(self.pages))

        self.loop("reader", lambda: Client(self.cluster.url, "reader", self.stats), read)

    def sign_in(self, client: Client, email: str, *, second_factor: bool = False) -> None:
        page = client.get("/en/accounts/login/").text
        response = client.post(
            "/en/accounts/login/",
            {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token(page)},
        )
        if second_factor:
            if "2fa/authenticate" not in response.url:
                raise Failed(f"{email}: no second step asked")
            response = client.post(
                response.url,
                {"code": totp_code(TOTP_SECRET), "csrfmiddlewaretoken": token(response.text)},
            )
        if "sessionid" not in client.cookies or "/accounts/" in response.url:
            raise Failed(f"{email} could not sign in")

    def citizen(self, number: int) -> None:
        def signed_in() -> Client:
            client = Client(self.cluster.url, "citizen", self.stats)
            self.sign_in(client, f"load-citizen-{number}@example.org")
            return client

        def apply(client: Client) -> None:
            client.get(SERVICE)
            response = client.get(f"{SERVICE}apply/step-1/")
            uploaded: set[str] = set()
            for _step in range(12):
                data, files = form_fields(response.text, skip_files=uploaded)
                uploaded |= set(files)
                response = client.request("POST", response.url, data=data, files=files or None)
                if "/apply/" not in response.url:
                    break
            found = re.search(r"/my/applications/([A-Z0-9-]+)/$", response.url)
            if not found or "Application submitted" not in response.text:
                raise Failed(f"the form did not end in a submission ({response.url})")
            reference = found.group(1)
            pin = re.search(r"Tracking PIN:\s*(?:<[^>]+>\s*)*(\d{6})", response.text)
            with self.lock:
                self.submitted[reference] = len(uploaded)
                if pin:
                    self.pins.append((reference, pin.group(1)))
            page = client.get(f"/en/my/applications/{reference}/pay/")
            data, _files = form_fields(page.text)
            checkout = client.post(page.url, data)
            if "/payments/demo/" not in checkout.url:
                raise Failed(f"{reference}: no demo checkout ({checkout.url})")
            done = client.post(
                checkout.url, {"csrfmiddlewaretoken": token(checkout.text), "outcome": "succeed"}
            )
            if reference not in done.url:
                raise Failed(f"{reference}: the payment did not return ({done.url})")
            with self.lock:
                self.paid.append(reference)

        self.loop("citizen", signed_in, apply)

    def officer(self, number: int) -> None:
        def signed_in() -> Client:
            client = Client(self.cluster.url, "officer", self.stats)
            self.sign_in(client, f"load-officer-{number}@example.org", second_factor=True)
            return client

        def work(client: Client) -> None:
            queue = client.get("/admin/applications/")
            taken = client.post(
                "/admin/applications/take-next/", {"csrfmiddlewaretoken": token(queue.text)}
            )
            found = re.search(r"/admin/applications/inspect/(\d+)/", taken.url)
            if not found:
                time.sleep(1)  # nothing waiting at this officer's stages
                return
            forward = f"/admin/applications/{found.group(1)}/act/forward/"
            if forward not in taken.text:
                return  # not forwardable here (a decision, a fee unpaid): taken, left
            page = client.get(forward)
            data, _files = form_fields(page.text)
            client.post(forward, data)
            with self.lock:
                self.forwarded += 1

        self.loop("officer", signed_in, work)

    def look_up(self) -> None:
        rng = random.Random()

        def ask(client: Client) -> None:
            with self.lock:
                reference, pin = rng.choice(self.pins) if self.pins else ("AAAA-AAAA-A", "000000")
            page = client.get("/en/track/")
            client.post(
                "/en/track/",
                {"csrfmiddlewaretoken": token(page.text), "reference": reference, "pin": pin},
            )

        self.loop(
            "status look-up", lambda: Client(self.cluster.url, "status look-up", self.stats), ask
        )


def faults(run: Run, cluster: Cluster, at: float, window: list[float]) -> None:
    """At ``at``: SIGKILL app-1 and worker-1; DOWN_SECONDS later start them again.
    ``window`` gets (killed, back) in the monotonic clock."""
    time.sleep(max(0.0, at - time.monotonic()))
    print(f"  killing app-1 and worker-1 (SIGKILL) at {time.strftime('%X')}", flush=True)
    window.append(time.monotonic())
    cluster.kill("app-1")
    cluster.kill("worker-1")
    time.sleep(DOWN_SECONDS)
    cluster.restart("app-1")
    cluster.restart("worker-1")
    window.append(time.monotonic())
    print(f"  app-1 and worker-1 started again at {time.strftime('%X')}", flush=True)


def drain(cluster: Cluster, timeout: float = 120) -> dict:
    """Wait until the queue has nothing ready or running; the facts then."""
    deadline = time.monotonic() + timeout
    while True:
        facts = json.loads(cluster.manage("shell", "-c", READ_FACTS, capture=True).splitlines()[-1])
        if (not facts["ready"] and not facts["running"]) or time.monotonic() > deadline:
            return facts
        time.sleep(2)


def table(stats: Stats, window: list[float], started: float, seconds: float) -> list[str]:
    killed, back = window if len(window) == 2 else (float("inf"), float("inf"))
    lines = [
        "| flow | flows done | flows failed | requests | req/s | p50 ms | p95 ms | errors |"
        " errors while down | error rate while down |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    by_flow: dict[str, list] = defaultdict(list)
    for row in stats.requests:
        by_flow[row[0]].append(row)
    for flow in ("reader", "citizen", "officer", "status look-up", None):
        rows = stats.requests if flow is None else by_flow.get(flow, [])
        latencies = [seconds_ * 1000 for _f, _s, seconds_, ok in rows if ok]
        # A request was made while the server was down if it was still waiting when it died.
        down = [row for row in rows if row[1] <= back and row[1] + row[2] >= killed]
        down_errors = sum(1 for row in down if not row[3])
        done, failed = (
            stats.flows.get(flow, [0, 0])
            if flow
            else [sum(v[0] for v in stats.flows.values()), sum(v[1] for v in stats.flows.values())]
        )
        lines.append(
            f"| {flow or 'all'} | {done} | {failed} | {len(rows)} | {len(rows) / seconds:.1f} | "
            f"{percentile(latencies, 0.5):.0f} | {percentile(latencies, 0.95):.0f} | "
            f"{sum(1 for row in rows if not row[3])} | {down_errors} / {len(down)} | "
            f"{(down_errors / len(down) * 100) if down else 0:.1f}% |"
        )
    return lines


def main() -> None:
    cluster = Cluster(extra_env={"TRACKING_LOOKUP_LIMIT": "1000000000"})
    exit_code = 1
    try:
        cluster.start()
        print(describe(cluster).rsplit("\n", 1)[0], flush=True)
        cluster.manage(
            "shell",
            "-c",
            MAKE_ACCOUNTS.format(
                citizens=CITIZENS, officers=OFFICERS, password=PASSWORD, secret=TOTP_SECRET
            ),
        )
        stats = Stats()
        started = time.monotonic()
        run = Run(cluster, stats, started + SECONDS)
        print(
            f"Load for {SECONDS:.0f} s: {READERS} readers, {CITIZENS} citizens, {OFFICERS} "
            f"officers, {LOOKUPS} look-ups",
            flush=True,
        )
        threads = [threading.Thread(target=run.reader) for _ in range(READERS)]
        threads += [threading.Thread(target=run.citizen, args=(n,)) for n in range(CITIZENS)]
        threads += [threading.Thread(target=run.officer, args=(n,)) for n in range(OFFICERS)]
        threads += [threading.Thread(target=run.look_up) for _ in range(LOOKUPS)]
        window: list[float] = []
        threads.append(
            threading.Thread(target=faults, args=(run, cluster, started + SECONDS / 3, window))
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        exit_code = report(cluster, run, stats, window, started, elapsed)
    finally:
        cluster.stop()
    sys.exit(exit_code)


def report(cluster, run, stats, window, started, elapsed) -> int:
    print("\nAfter the run: the sweeps, then the checks.")
    print(
        "  " + cluster.manage("shell", "-c", RUN_OUT_LEASES, capture=True).strip().splitlines()[-1]
    )
    print(
        "  "
        + cluster.manage(
            "purge_orphan_files", capture=True, env={"ORPHAN_FILE_RETENTION_HOURS": "0"}
        ).strip()
    )
    facts = drain(cluster)
    objects = []
    paginator = cluster.s3_client().get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=BUCKET, Prefix="private/documents/"):
        objects += [item["Key"].removeprefix("private/") for item in page.get("Contents", [])]
    delivered = [r["message_id"] for r in received(cluster.mail_log)]
    delivered += [r["key"] for r in received(cluster.sms_log)]
    checks = {
        "every submission seen exactly once, with its documents": submissions_problems(
            run.submitted, facts["references"], facts["documents"], 5
        ),
        "every document in the bucket, no object without its row": storage_problems(
            facts["files"], objects
        ),
        "no application moved twice": moves_problems(tuple(pair) for pair in facts["forwards"]),
        "no payment settled twice": payments_problems(facts["settled"], facts["paid_applications"]),
        "every due message sent, none twice (provider-side id)": outbox_problems(
            facts["messages"], delivered
        ),
        'nothing stuck "running" or waiting': (
            [f"{facts['running']} task(s) running"] if facts["running"] else []
        )
        + ([f"{facts['ready']} task(s) still waiting"] if facts["ready"] else []),
    }
    print(
        f"\n{len(run.submitted)} submissions confirmed to clients, {len(run.paid)} paid, "
        f"{run.forwarded} forwards, {len(facts['messages'])} messages due "
        f"({len(delivered)} received by the providers), {len(objects)} document objects, "
        f"{facts['lost']} task(s) a killed worker left running marked failed.\n"
    )
    failed = False
    for label, problems in checks.items():
        print(f"  {'ok  ' if not problems else 'FAIL'} {label}")
        for problem in problems[:10]:
            print(f"         {problem}")
        failed |= bool(problems)
    if len(window) == 2:
        print(f"\napp-1 and worker-1 were down for {window[1] - window[0]:.1f} s.")
    print(f"Throughput and latency per flow over {elapsed:.0f} s, through HAProxy:\n")
    for line in table(stats, window, started, elapsed):
        print(line)
    if run.errors:
        print(f"\nFirst errors clients saw ({len(run.errors)} in all):")
        for error in run.errors[:8]:
            print(f"  {error}")
    print("\nFAILED: a check found a problem." if failed else "\nAll checks passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    main()
