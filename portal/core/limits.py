"""Per-client limits (status look-ups, email codes, texts, invitations), counted atomically.

Every attempt is counted by one atomic step of the store, so attempts arriving at the same moment
(from several threads, processes or servers) each see their own count, and exactly ``limit`` get
through a window. With ``REDIS_URL`` set, Redis counts (``SET NX EX`` then ``INCR`` in one
``MULTI``): the first attempt starts the window, and Redis forgets the key when it ends. Otherwise
the database counts, in one ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` statement (SQLite
and PostgreSQL), restarting a window that has passed; ``rate_limit_purge`` deletes those rows.
The cache is not used: the embedded default's file cache cannot add one atomically.

A window is fixed: it starts with the first attempt under a key and lasts ``window`` seconds,
whatever happens in it. Keys are hashed, so no address or email is kept in clear.
"""

import hashlib
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .http import client_address
from .models import RateLimitCounter

REDIS_PREFIX = "onedoor:limit:"


def rate_limit_allows(request, *, scope: str, limit: int, window: int) -> bool:
    """Count this attempt from the request's address in ``scope``; False once the address
    used up ``limit`` attempts within ``window`` seconds."""
    return rate_limit_count(f"{scope}:{client_address(request)}", limit=limit, window=window)


def rate_limit_count(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt under ``key`` (a person, an address, a pair of them); False once
    ``limit`` attempts were made within ``window`` seconds."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    if settings.REDIS_URL:
        attempts = _redis_count(settings.REDIS_URL, digest, window=window)
    else:
        attempts = _database_count(digest, limit=limit, window=window)
    return attempts <= limit


def rate_limit_purge(*, now: datetime | None = None) -> int:
    """Delete the database counters whose window has passed; how many."""
    deleted, _by_model = RateLimitCounter.objects.filter(
        expires_at__lte=now or timezone.now()
    ).delete()
    return deleted


@lru_cache(maxsize=4)
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url)


def _redis_count(url: str, digest: str, *, window: int) -> int:
    key = REDIS_PREFIX + digest
    pipeline = _redis(url).pipeline(transaction=True)
    pipeline.set(key, 0, ex=window, nx=True)
    pipeline.incr(key)
    _started, attempts = pipeline.execute()
    return attempts


# One statement: insert the key's counter at 1, or start it again at 1 if its window has passed,
# or add one to it (up to ``limit + 1``: the number stays small however long an attack lasts).
# PostgreSQL locks the row for the update and SQLite runs one writer at a time, so each attempt
# gets a count with every earlier one in it. The table's name is RateLimitCounter's.
_COUNT_SQL = """
INSERT INTO "core_ratelimitcounter" ("key", "count", "expires_at") VALUES (%s, 1, %s)
ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE
        WHEN "core_ratelimitcounter"."expires_at" <= %s THEN 1
        WHEN "core_ratelimitcounter"."count" > %s THEN "core_ratelimitcounter"."count"
        ELSE "core_ratelimitcounter"."count" + 1
    END,
    "expires_at" = CASE
        WHEN "core_ratelimitcounter"."expires_at" <= %s THEN excluded."expires_at"
        ELSE "core_ratelimitcounter"."expires_at"
    END
RETURNING "count"
"""


def _database_count(digest: str, *, limit: int, window: int) -> int:
    now = timezone.now()
    at = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        ends = at(now + timedelta(seconds=window))
        cursor.execute(_COUNT_SQL, [digest, ends, at(now), limit, at(now)])
        (attempts,) = cursor.fetchone()
    return attempts
