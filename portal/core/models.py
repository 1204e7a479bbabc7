"""Rows of the shared primitives: when each periodic task runs next (see ``scheduler``), and the
per-client limits' counts (see ``limits``)."""

from django.db import models


class ScheduledTask(models.Model):
    """One periodic task, by the dotted path of its ``django.tasks`` task. Schedulers advance
    ``next_run_at`` by compare-and-set, so a run is enqueued once however many of them run."""

    name = models.CharField(max_length=255, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class RateLimitCounter(models.Model):
    """Attempts under one limit's key in its current window, when the database counts them
    (no ``REDIS_URL``). The key is a hash: no address or email is kept in clear. Rows whose
    window has passed are purged on a schedule."""

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key
