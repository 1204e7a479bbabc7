"""Measure the portal under a real WSGI server on loopback, with production-like settings.

Starts gunicorn (DEBUG off, hashed and compressed static files, a fresh SQLite database with
the demo content) and, in one run, measures throughput and latency of each path beside a
minimal Django view served by the same process, printing each as a ratio to that view.
Figures are printed, not asserted: compare them with the budget in docs/architecture.md.

    make bench                      # defaults
    BENCH_SECONDS=10 make bench     # longer runs
"""

import gzip
import http.client
import os
import re
import secrets
import socket
import statistics
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
# The service whose form step is measured (a demo service with a form), as signed-in citizen.
FORM_SERVICE = "/en/business/enterprise-registration/"
PATHS = [
    ("minimal Django view", "/_bench/minimal/"),
    ("home page", "/en/"),
    ("sector page", "/en/business/"),
    ("service page", "/en/business/enterprise-registration/"),
    # Any query parameter but ?sort= bypasses the anonymous page cache.
    ("service page, uncached", "/en/business/enterprise-registration/?uncached=1"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data_dir: str) -> dict:
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "EMAIL_HOST"):
        env.pop(key, None)
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
) -> tuple[int, list[float], int]:
    """Keep-alive clients request ``path`` for ``seconds`` (a GET, or a POST of ``form``);
    returns (count, latencies, errors)."""
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = cookies
    body = urllib.parse.urlencode(form) if form is not None else None
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    method, expected = ("POST", 302) if body is not None else ("GET", 200)
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
    return _cookies(response, cookies)


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


def report(label: str, count: int, latencies: list[float], errors: int, baseline: float):
    rate = count / SECONDS
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000 if len(latencies) > 1 else float("nan")
    print(f"{label:<24} {rate:>8.0f} {p50:>8.1f} {p95:>8.1f} {errors:>7} {rate / baseline:>6.2f}x")


def fetch_page(port: int, path: str, cookies: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookies})
    response = conn.getresponse()
    html = response.read().decode()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status}")
    return html


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="onedoor-bench-") as data_dir:
        env = environment(data_dir)
        print("Preparing a fresh database with the demo content and collected static files...")
        manage("migrate", "--no-input", "-v", "0", env=env)
        # DEBUG is off, as in production: the fresh database is said not to be a production one.
        manage("demo", "--not-production", env=env)
        manage("db_worker", "--batch", "--no-startup-delay", "-v", "0", env=env)
        manage("collectstatic", "--no-input", "-v", "0", env=env)
        print(f"Seeding {QUEUE_ROWS} applications for the officers' queue...")
        manage("seed_applications", str(QUEUE_ROWS), "--not-production", env=env, quiet=True)

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
                hammer(port, path, 0.5, 1)
            print(
                f"\ngunicorn 1 worker x 4 threads, {CLIENTS} keep-alive clients, "
                f"{SECONDS:.0f} s per path\n"
            )
            print(
                f"{'path':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'ratio':>7}"
            )
            baseline = None
            for label, path in PATHS:
                count, latencies, errors = hammer(port, path, SECONDS, CLIENTS)
                baseline = baseline or count / SECONDS
                report(label, count, latencies, errors, baseline)
            cookies = sign_in(port, "citizen@onedoor.example", "onedoor-citizen")
            cookie_header = "; ".join(f"{k}={v}" for k, v in cookies.items())
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
            for label, kwargs in (
                ("form step GET", {}),
                ("form step POST + draft", {"form": form}),
            ):
                count, latencies, errors = hammer(
                    port, step, SECONDS, CLIENTS, cookies=cookie_header, **kwargs
                )
                report(label, count, latencies, errors, baseline)
            officer = sign_in(port, "officer@onedoor.example", "onedoor-officer")
            officer_cookies = "; ".join(f"{k}={v}" for k, v in officer.items())
            for label, path in (
                ("queue, my stages", "/admin/applications/?queue=mine"),
                ("queue, overdue", "/admin/applications/?due=overdue"),
            ):
                count, latencies, errors = hammer(
                    port, path, SECONDS, CLIENTS, cookies=officer_cookies
                )
                report(label, count, latencies, errors, baseline)
            print(f"(the queue has {QUEUE_ROWS} applications; budget: p95 under 300 ms)")
            weights = page_weight(port, "/en/business/enterprise-registration/")
            total = sum(weights.values())
            print(
                f"\nservice page weight, compressed: {total / 1024:.1f} KB "
                f"(HTML {weights['html'] / 1024:.1f}, CSS {weights['css'] / 1024:.1f}, "
                f"JS {weights['js'] / 1024:.1f}; budget 60 KB)"
            )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
