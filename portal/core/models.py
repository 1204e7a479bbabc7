"""Rows of the shared primitives: when each periodic task runs next (see ``scheduler``)."""

from django.db import models


class ScheduledTask(models.Model):
    """One periodic task, by the dotted path of its ``django.tasks`` task. Schedulers advance
    ``next_run_at`` by compare-and-set, so a run is enqueued once however many of them run."""

    name = models.CharField(max_length=255, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
