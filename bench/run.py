"""Measure the portal under a real WSGI server on loopback, with production-like settings.

Starts gunicorn (DEBUG off, hashed and compressed static files, a fresh SQLite database with
the demo content) and, in one run, measures throughput and latency of each path beside a
minimal Django view served by the same process, printing each as a ratio to that view.
Beside it, the pages a Wagtail user compares with (bench/anchors): the home page of
`wagtail start` and a contrib.forms form page with six fields. Each figure is printed as a
ratio to the bare view and to its anchor, with its budget (docs/architecture.md) and a mark
where it falls short, and written to bench/results/<date>-<database>.md. A request answered
with an unexpected status fails the run.

    make bench                      # defaults, SQLite
    make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres   # a fresh database
    BENCH_SECONDS=10 make bench     # longer runs
"""

import base64
import contextlib
import gzip
import hashlib
import hmac
import http.client
import os
import re
import secrets
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
QUEUE_ROWS = int(os.environ.get("BENCH_QUEUE_ROWS", "100000"))
# Seconds each path is asked for before it is measured (see ``hammer``).
WARM_UP = 0.5
# A service page's HTML, CSS and JS, compressed, at most (the performance budget).
WEIGHT_BUDGET_KB = 30
# The service whose form step is measured (a demo service with a form), as signed-in citizen.
FORM_SERVICE = "/en/business/enterprise-registration/"
PATHS = [
    ("minimal Django view", "/_bench/minimal/"),
    # The home page of `wagtail start`, served by the same process (bench/anchors).
    ("Wagtail page", "/en/wagtail-stock/"),
    ("home page", "/en/"),
    ("sector page", "/en/business/"),
    ("service page", "/en/business/enterprise-registration/"),
    # Any query parameter but ?sort= bypasses the page cache: the page rendered anew, as after
    # publishing (a figure to watch; the budget is on a reader's page, cached or not).
    ("service page, rendered anew", "/en/business/enterprise-registration/?uncached=1"),
]


# Wagtail's contrib.forms form page with six fields (bench/anchors), stored on each POST.
ANCHOR_FORM = "/en/wagtail-form/"
MAKE_ANCHORS = """
from wagtail.models import Site
from bench.anchors.models import FormField, FormPage, StockHomePage
home = Site.objects.get(is_default_site=True).root_page
if not StockHomePage.objects.exists():
    stock = StockHomePage(title="Welcome to your new Wagtail site!", slug="wagtail-stock")
    home.add_child(instance=stock)
    form = FormPage(title="Contact us", slug="wagtail-form", intro="Tell us.")
    home.add_child(instance=form)
    for order, (label, kind, choices) in enumerate([
        ("Full name", "singleline", ""), ("Email", "email", ""), ("Phone", "singleline", ""),
        ("Date of birth", "date", ""), ("District", "dropdown", "Xaysetha, Chanthabouly"),
        ("Message", "multiline", ""),
    ]):
        FormField.objects.create(
            page=form, sort_order=order, label=label, field_type=kind, choices=choices
        )
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data_dir: str, database_url: str = "") -> dict:
    """The servers' environment: production-like, on a fresh SQLite database in ``data_dir``
    or the fresh PostgreSQL database ``database_url``; Redis when REDIS_URL is given."""
    env = dict(os.environ)
    for key in ("DATABASE_URL", "AWS_STORAGE_BUCKET_NAME", "EMAIL_HOST"):
        env.pop(key, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATA_DIR=data_dir,
        STATIC_ROOT=str(Path(data_dir) / "static"),
        BENCH_ENDPOINTS="1",
        LOG_LEVEL="WARNING",
        # The look-up is measured by many tries from one address.
        TRACKING_LOOKUP_LIMIT="1000000000",
    )
    return env


def manage(*args, env, quiet=False):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def hammer(
    port: int,
    path: str,
    seconds: float,
    clients: int,
    *,
    cookies: str = "",
    form: dict | None = None,
    expected: int | None = None,
    warm_up: float = WARM_UP,
) -> tuple[int, list[float], int]:
    """Keep-alive clients request ``path`` for ``seconds`` (a GET, or a POST of ``form``);
    returns (count, latencies, errors): an answer other than ``expected`` (200 for a GET, 302
    for a POST by default) is an error. One client asks for it ``warm_up`` seconds first,
    uncounted: the first requests of a path load its templates, code and cached parts, which
    the path measured just before did not."""
    if warm_up:
        hammer(port, path, warm_up, 1, cookies=cookies, form=form, expected=expected, warm_up=0)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = cookies
    body = urllib.parse.urlencode(form) if form is not None else None
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    method = "POST" if body is not None else "GET"
    expected = expected or (302 if body is not None else 200)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, failed = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != expected:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, errors


def _cookies(response, into: dict) -> dict:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _sep, rest = value.partition("=")
            into[name] = rest.split(";", 1)[0]
    return into


# Staff sign in with a second factor, as real ones must: the bench gives them an authenticator
# app with this secret and computes its codes (RFC 6238: 30-second steps, six digits, SHA-1).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
GIVE_TOTP = (
    "from allauth.mfa.models import Authenticator\n"
    "from allauth.mfa.totp.internal.auth import TOTP\n"
    "from portal.accounts.models import User\n"
    "for email in {emails!r}:\n"
    "    user = User.objects.get(email=email)\n"
    "    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():\n"
    "        TOTP.activate(user, {secret!r})\n"
)
STAFF = {
    "officer@onedoor.example": "onedoor-officer",
    "admin@onedoor.example": "onedoor-admin",
}


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def _post_form(port: int, path: str, fields: dict, cookies: dict):
    """GET the form at ``path`` for its CSRF token, then POST ``fields``; returns the answer
    (read) and the cookies."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    html = response.read().decode()
    cookies = _cookies(response, dict(cookies))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    conn.request(
        "POST",
        path,
        body=urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}),
        headers={
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}{path}",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response, _cookies(response, cookies)


def _anonymous_form(port: int, path: str) -> dict:
    """A reader without a session: the Cookie header and the CSRF field of the form at
    ``path``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    html = response.read().decode()
    conn.close()
    cookies = _cookies(response, {})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return {
        "cookies": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "form": {"csrfmiddlewaretoken": token},
    }


# One of the demo citizen's applications with a paid fee, given a tracking PIN the bench
# knows: the look-up by reference and PIN, and the receipt. Prints "reference pin payment".
MAKE_LOOKUP = """
from payments.models import Payment
from portal.applications.models import Application
from portal.applications.pins import tracking_pin_hash
payment = Payment.objects.filter(
    status="paid", application__applicant__email="citizen@onedoor.example"
).select_related("application").order_by("created_at").first()
application = payment.application
Application.objects.filter(pk=application.pk).update(
    tracking_pin_hash=tracking_pin_hash(reference=application.reference, pin="246810")
)
print(application.reference, "246810", payment.pk)
"""


def sign_in_staff(port: int, email: str) -> str:
    """Sign a member of staff in with their password and their authenticator's code; returns
    the Cookie header of the signed-in session."""
    response, cookies = _post_form(
        port, "/en/accounts/login/", {"login": email, "password": STAFF[email]}, {}
    )
    if response.status != 302 or "2fa/authenticate" not in response.getheader("Location", ""):
        raise RuntimeError(f"signing in {email}: HTTP {response.status}, no second step asked")
    response, cookies = _post_form(
        port, "/en/accounts/2fa/authenticate/", {"code": totp_code()}, cookies
    )
    if response.status != 302:
        raise RuntimeError(f"signing in {email}: the code was refused (HTTP {response.status})")
    cookies = _arrive(port, response.getheader("Location"), cookies)
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def sign_in(port: int, email: str, password: str) -> dict:
    """Sign in through the real login form; returns the cookies (session and CSRF)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/en/accounts/login/", headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    html = response.read().decode()
    cookies = _cookies(response, {})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    conn.request(
        "POST",
        "/en/accounts/login/",
        body=urllib.parse.urlencode(
            {"login": email, "password": password, "csrfmiddlewaretoken": token}
        ),
        headers={
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 302:
        raise RuntimeError(f"signing in failed: HTTP {response.status}")
    return _arrive(port, response.getheader("Location"), _cookies(response, cookies))


def _arrive(port: int, location: str, cookies: dict) -> dict:
    """Follow redirects as a browser does, to the page that shows the message waiting ("signed
    in") and empties the cookie that held it; returns the cookies then."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _hop in range(5):
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        conn.request("GET", urllib.parse.urlsplit(location).path, headers=headers)
        response = conn.getresponse()
        response.read()
        cookies = {k: v for k, v in _cookies(response, cookies).items() if v.strip('"')}
        if response.status not in (301, 302):
            break
        location = response.getheader("Location")
    conn.close()
    return cookies


def page_weight(port: int, path: str) -> dict[str, int]:
    """Compressed bytes of the page's HTML and of the CSS and JS it links."""

    def fetch(url: str) -> tuple[bytes, int]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", url, headers={"Host": "127.0.0.1", "Accept-Encoding": "gzip"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        size = (
            len(body)
            if response.getheader("Content-Encoding") == "gzip"
            else len(gzip.compress(body))
        )
        raw = gzip.decompress(body) if response.getheader("Content-Encoding") == "gzip" else body
        return raw, size

    html, html_size = fetch(path)
    weights = {"html": html_size, "css": 0, "js": 0}
    for kind, pattern in (
        ("css", rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'),
        ("js", rb'<script[^>]+src="([^"]+)"'),
    ):
        for url in re.findall(pattern, html):
            weights[kind] += fetch(url.decode())[1]
            if kind == "js":  # modules it imports
                body = fetch(url.decode())[0]
                base = url.decode().rsplit("/", 1)[0]
                for imported in re.findall(rb'from\s*"\./([^"]+)"', body):
                    weights[kind] += fetch(f"{base}/{imported.decode()}")[1]
    return weights


FAILED: list[str] = []
SHORT: list[str] = []
LINES: list[str] = []
RATES: dict[str, float] = {}


def say(line: str = "") -> None:
    """Print a line of the results, and keep it for the results file."""
    print(line)
    LINES.append(line)


def report(
    label: str,
    count: int,
    latencies: list[float],
    errors: int,
    *,
    anchor: str = "minimal Django view",
    at_least: float | None = None,
    p95_under: float | None = None,
):
    """One line of figures: the rate as a ratio to the bare view and to ``anchor``, and the
    budget (``at_least`` times the anchor's rate, or a p95 ``p95_under`` ms), marked where it
    falls short. A path with errors is remembered, and fails the run."""
    if errors or not count:
        FAILED.append(label)
    rate = count / SECONDS
    RATES[label] = rate
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000 if len(latencies) > 1 else float("nan")
    bare = rate / RATES["minimal Django view"] if RATES.get("minimal Django view") else 1.0
    versus = rate / RATES[anchor] if RATES.get(anchor) else float("nan")
    budget, short = "", False
    if at_least is not None:
        budget = f">= {at_least}x {anchor}"
        short = not versus >= at_least
    elif p95_under is not None:
        budget = f"p95 < {p95_under:.0f} ms"
        short = not p95 < p95_under
    if short:
        SHORT.append(label)
    say(
        f"| {label} | {rate:.0f} | {p50:.1f} | {p95:.1f} | {errors} | {bare:.2f}x | "
        f"{'' if anchor == 'minimal Django view' else f'{versus:.2f}x {anchor}'} | {budget} | "
        f"{'**short**' if short else ('ok' if budget else '')} |"
    )


def _cookie(header: str, name: str) -> str:
    """The value of cookie ``name`` in a Cookie header."""
    return dict(part.split("=", 1) for part in header.split("; "))[name]


def fetch_page(port: int, path: str, cookies: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookies})
    response = conn.getresponse()
    html = response.read().decode()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status}")
    return html


@contextlib.contextmanager
def fresh_database():
    """With DATABASE_URL (PostgreSQL): a new database on that server for this run, dropped
    after it; without it, nothing (SQLite in the run's data directory)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield ""
        return
    import psycopg

    address = urllib.parse.urlsplit(url)
    name = f"onedoor_bench_{secrets.token_hex(4)}"
    server = address._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield address._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="onedoor-bench-") as data_dir,
        fresh_database() as database_url,
    ):
        env = environment(data_dir, database_url)
        print("Preparing a fresh database with the demo content and collected static files...")
        manage("migrate", "--no-input", "-v", "0", env=env)
        # DEBUG is off, as in production: the fresh database is said not to be a production one.
        manage("demo", "--not-production", env=env)
        manage("db_worker", "--batch", "--no-startup-delay", "-v", "0", env=env)
        manage("collectstatic", "--no-input", "-v", "0", env=env)
        print(f"Seeding {QUEUE_ROWS} applications for the officers' queue and the dashboards...")
        manage("seed_applications", str(QUEUE_ROWS), "--not-production", env=env, quiet=True)
        manage("seed_statistics", "--not-production", env=env, quiet=True)
        manage("shell", "-c", GIVE_TOTP.format(emails=list(STAFF), secret=TOTP_SECRET), env=env)
        manage("shell", "-c", MAKE_ANCHORS, env=env)
        lookup = (
            subprocess.run(
                [sys.executable, "manage.py", "shell", "-c", MAKE_LOOKUP],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )

        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_for(port)
            for _label, path in PATHS:  # warm up caches and connections
                hammer(port, path, WARM_UP, 1, warm_up=0)
            measure(port, env, lookup)
        finally:
            server.terminate()
            server.wait(timeout=10)
    write_results(env)
    if FAILED:
        print(f"\nFAILED: requests answered with an unexpected status: {', '.join(FAILED)}")
        sys.exit(1)


def measure(port: int, env: dict, lookup: str) -> None:
    say(
        f"gunicorn 1 worker x 4 threads, {CLIENTS} keep-alive clients, {SECONDS:.0f} s per "
        f"path, {QUEUE_ROWS} applications, {database(env)}\n"
    )
    say("| path | req/s | p50 ms | p95 ms | errors | x bare view | x anchor | budget | |")
    say("|---|---|---|---|---|---|---|---|---|")
    budgets = {
        "service page": {"at_least": 0.8},
        "service page, rendered anew": {"anchor": "Wagtail page"},
    }
    for label, path in PATHS:
        count, latencies, errors = hammer(port, path, SECONDS, CLIENTS)
        report(label, count, latencies, errors, **budgets.get(label, {}))

    cookies = sign_in(port, "citizen@onedoor.example", "onedoor-citizen")
    cookie_header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    # Wagtail's own form page, as the same signed-in reader: GET, and POST storing it.
    wagtail_form = {
        "csrfmiddlewaretoken": cookies["csrftoken"],
        "full_name": "Somchai Phommachanh",
        "email": "somchai@example.org",
        "phone": "+856 20 5555 1234",
        "date_of_birth": "1990-05-17",
        "district": "Xaysetha",
        "message": "I would like to register a coffee shop.",
    }
    for label, kwargs in (
        ("Wagtail form page GET", {}),
        ("Wagtail form page POST", {"form": wagtail_form, "expected": 200}),
    ):
        count, latencies, errors = hammer(
            port, ANCHOR_FORM, SECONDS, CLIENTS, cookies=cookie_header, **kwargs
        )
        report(label, count, latencies, errors)
    count, latencies, errors = hammer(port, FORM_SERVICE, SECONDS, CLIENTS, cookies=cookie_header)
    report("service page, signed in", count, latencies, errors, anchor="Wagtail page", at_least=1.5)
    step = f"{FORM_SERVICE}apply/step-1/"
    service_id = re.search(
        r'name="service-(\d+)-current_step"',
        fetch_page(port, step, cookie_header),
    ).group(1)
    form = {
        "csrfmiddlewaretoken": cookies["csrftoken"],
        f"service-{service_id}-current_step": "step-1",
        "step-1-full_name": "Somchai Phommachanh",
        "step-1-fee_option": "option_1",
    }
    for label, kwargs, anchor in (
        ("form step GET", {}, "Wagtail form page GET"),
        ("form step POST + draft", {"form": form}, "Wagtail form page POST"),
    ):
        count, latencies, errors = hammer(
            port, step, SECONDS, CLIENTS, cookies=cookie_header, **kwargs
        )
        report(label, count, latencies, errors, anchor=anchor, at_least=1.5)
    count, latencies, errors = hammer(
        port, "/en/my/applications/", SECONDS, CLIENTS, cookies=cookie_header
    )
    report("my applications", count, latencies, errors)
    count, latencies, errors = hammer(port, "/en/track/", SECONDS, CLIENTS)
    report("status look-up page", count, latencies, errors, at_least=0.3)
    reference, pin, payment = lookup.split()
    look_up = _anonymous_form(port, "/en/track/")
    for label, typed in (("look-up POST, right PIN", pin), ("look-up POST, wrong PIN", "000000")):
        count, latencies, errors = hammer(
            port,
            "/en/track/",
            SECONDS,
            CLIENTS,
            cookies=look_up["cookies"],
            form={**look_up["form"], "reference": reference, "pin": typed},
            expected=200,
        )
        report(label, count, latencies, errors, at_least=0.3)
    count, latencies, errors = hammer(
        port,
        f"/en/my/applications/{reference}/receipts/{payment}/",
        SECONDS,
        CLIENTS,
        cookies=cookie_header,
    )
    report("receipt", count, latencies, errors)

    officer_cookies = sign_in_staff(port, "officer@onedoor.example")
    for label, path in (
        ("queue, my stages", "/admin/applications/?queue=mine"),
        ("queue, overdue", "/admin/applications/?due=overdue"),
        ("queue, a search", "/admin/applications/?q=Somchai"),
        ("queue, second page", "/admin/applications/?p=2"),
    ):
        count, latencies, errors = hammer(port, path, SECONDS, CLIENTS, cookies=officer_cookies)
        report(label, count, latencies, errors, p95_under=300)
    # "Take next": each POST hands the officer the next application (and says so on the page
    # it goes to), as an officer at the counter does all day.
    count, latencies, errors = hammer(
        port,
        "/admin/applications/take-next/",
        SECONDS,
        CLIENTS,
        cookies=officer_cookies,
        form={"csrfmiddlewaretoken": _cookie(officer_cookies, "csrftoken")},
    )
    report("queue, take next", count, latencies, errors, p95_under=300)

    manager_cookies = sign_in_staff(port, "admin@onedoor.example")
    counting: dict[str, float] = {}
    for label, path, cookies in (
        ("dashboard, this month", "/admin/dashboard/", manager_cookies),
        ("dashboard, this year", "/admin/dashboard/?period=year", manager_cookies),
        ("admin home (headline)", "/admin/", manager_cookies),
        ("public statistics", "/en/statistics/", ""),
        ("statistics, uncached", "/en/statistics/?uncached=1", ""),
    ):
        # The first request counts the figures (kept a minute, shared): its time alone.
        started = time.perf_counter()
        fetch_page(port, path, cookies)
        counting[label] = (time.perf_counter() - started) * 1000
        count, latencies, errors = hammer(port, path, SECONDS, CLIENTS, cookies=cookies)
        report(label, count, latencies, errors, p95_under=500)
    say()
    say(
        "Counting the figures (the first request, alone): "
        + ", ".join(f"{label} {ms:.0f} ms" for label, ms in counting.items())
    )
    weights = page_weight(port, FORM_SERVICE)
    total = sum(weights.values())
    if total > WEIGHT_BUDGET_KB * 1024:
        SHORT.append("service page weight")
    say(
        f"Service page weight, compressed: {total / 1024:.1f} KB "
        f"(HTML {weights['html'] / 1024:.1f}, CSS {weights['css'] / 1024:.1f}, "
        f"JS {weights['js'] / 1024:.1f}; budget {WEIGHT_BUDGET_KB} KB, docs/architecture.md)"
    )
    if SHORT:
        say(f"Short of the budget: {', '.join(SHORT)}")


def database(env: dict) -> str:
    return "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"


def machine() -> str:
    """The machine the figures were taken on."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):  # no /proc: not Linux
        models = [
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"


def write_results(env: dict) -> None:
    """The figures of this run in bench/results/<date>-<database>.md, to commit and review."""
    folder = ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    day = time.strftime("%Y-%m-%d")
    path = folder / f"{day}-{database(env).lower()}.md"
    path.write_text(
        f"# make bench, {day}, {database(env)}\n\n{machine()}\n\n" + "\n".join(LINES) + "\n",
        encoding="utf-8",
    )
    print(f"\nResults written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
