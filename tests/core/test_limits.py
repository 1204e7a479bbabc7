"""Per-client limits count every attempt, however many arrive at once: in the database (the
embedded default, SQLite or PostgreSQL) and in Redis when ``REDIS_URL`` is set."""

import os
import threading
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal.core.limits import rate_limit_count, rate_limit_purge
from portal.core.models import RateLimitCounter
from tests.factories import submit_application

THREADS = 50
TEST_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/7"


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis does not answer at {TEST_REDIS_URL}")
    return client


def _forget_redis_counters(client):
    for key in client.scan_iter("onedoor:limit:*"):
        client.delete(key)


@pytest.fixture(params=["database", "redis"])
def counted_in(request, settings):
    """Where the limits count: the database (``REDIS_URL`` empty) or Redis."""
    if request.param == "database":
        settings.REDIS_URL = ""
        yield "database"
        return
    client = _redis_or_skip()
    # As with REDIS_URL in the environment: the cache is Redis too.
    settings.REDIS_URL = TEST_REDIS_URL
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": "onedoor-test",
        },
    }
    _forget_redis_counters(client)
    yield "redis"
    _forget_redis_counters(client)
    client.close()


def at_once(action, times=THREADS):
    """Run ``action`` in ``times`` threads released together; what each returned."""
    barrier = threading.Barrier(times, timeout=30)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:  # the test reports any, a 500 included
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_fifty_attempts_at_once_let_exactly_the_limit_through(counted_in):
    allowed = at_once(lambda: rate_limit_count("burst", limit=10, window=60))
    assert Counter(allowed) == {True: 10, False: THREADS - 10}
    # The next one, alone, is refused too; another key has its own count.
    assert rate_limit_count("burst", limit=10, window=60) is False
    assert rate_limit_count("another", limit=10, window=60) is True
    # Counted where configured: Redis keeps no row in the database.
    assert RateLimitCounter.objects.count() == (2 if counted_in == "database" else 0)


@pytest.mark.django_db(transaction=True)
def test_fifty_status_look_ups_at_once_get_exactly_ten_tries(counted_in, service_page):
    """A burst of look-ups with guessed PINs from one address: ten are answered, the rest are
    told to wait, and the right PIN is refused too until the window has passed."""
    submitted = submit_application(service_page)
    wrong_pin = "000000" if submitted.tracking_pin != "000000" else "111111"

    def look_up():
        response = Client().post("/en/track/", {"reference": submitted.reference, "pin": wrong_pin})
        return response.status_code

    statuses = at_once(look_up)
    assert Counter(statuses) == {200: 10, 429: THREADS - 10}
    right = Client().post(
        "/en/track/", {"reference": submitted.reference, "pin": submitted.tracking_pin}
    )
    assert right.status_code == 429
    assert "Enterprise registration" not in right.content.decode()


@pytest.mark.django_db
def test_a_window_that_has_passed_starts_a_new_count(settings):
    settings.REDIS_URL = ""
    for _attempt in range(3):
        assert rate_limit_count("window", limit=3, window=60) is True
    assert rate_limit_count("window", limit=3, window=60) is False
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert rate_limit_count("window", limit=3, window=60) is True
    counter = RateLimitCounter.objects.get()
    assert counter.count == 1
    assert counter.expires_at > timezone.now() + timedelta(seconds=50)


@pytest.mark.django_db
def test_the_counter_keeps_no_address_or_email_in_clear(settings):
    settings.REDIS_URL = ""
    rate_limit_count("invite:7:somchai@example.org", limit=1, window=600)
    (key,) = RateLimitCounter.objects.values_list("key", flat=True)
    assert "somchai" not in key and "example.org" not in key
    assert len(key) == 64


def test_redis_counters_expire_with_their_window(settings):
    client = _redis_or_skip()
    settings.REDIS_URL = TEST_REDIS_URL
    _forget_redis_counters(client)
    try:
        assert rate_limit_count("expiring", limit=2, window=90) is True
        (key,) = client.scan_iter("onedoor:limit:*")
        assert 0 < client.ttl(key) <= 90
        assert rate_limit_count("expiring", limit=2, window=90) is True
        assert rate_limit_count("expiring", limit=2, window=90) is False
        client.delete(key)  # as Redis does when the window ends
        assert rate_limit_count("expiring", limit=2, window=90) is True
    finally:
        _forget_redis_counters(client)
        client.close()


@pytest.mark.django_db
def test_the_purge_deletes_only_counters_whose_window_has_passed():
    now = timezone.now()
    RateLimitCounter.objects.create(key="a" * 64, count=3, expires_at=now - timedelta(minutes=1))
    RateLimitCounter.objects.create(key="b" * 64, count=9, expires_at=now + timedelta(minutes=5))
    assert rate_limit_purge(now=now) == 1
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["b" * 64]
    assert rate_limit_purge(now=now) == 0


@pytest.mark.django_db
def test_the_scheduled_task_and_the_command_purge_passed_windows(settings):
    from django.core.management import call_command

    from portal.core.tasks import purge_rate_limits

    settings.REDIS_URL = ""
    past = timezone.now() - timedelta(seconds=1)
    RateLimitCounter.objects.create(key="a" * 64, count=1, expires_at=past)
    rate_limit_count("current", limit=5, window=60)
    assert purge_rate_limits.call() == 1
    RateLimitCounter.objects.create(key="c" * 64, count=1, expires_at=past)
    call_command("purge_rate_limits", stdout=StringIO())
    assert RateLimitCounter.objects.count() == 1
