"""What applicants tell us about a service once their application is complete."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    """One rating (1 to 5) and comment per completed application."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        # The dashboards' latest comments: read newest first, each checked against the
        # period's facts, stopping at the tenth (without it, every comment was joined to every
        # fact and sorted: 300 ms for a year at a million applications).
        indexes = [models.Index(fields=["created_at", "id"], name="feedback_latest")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.rating}"
