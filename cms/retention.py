"""The retention time each service sets for its finished applications' personal data, handed
to the purge (``portal.applications.retention``), which does not read pages itself."""

from .models import ServicePage


def retention_by_page() -> dict[int, int]:
    """The service pages (every language version) that set their own retention time, by id;
    the others follow ``PERSONAL_DATA_RETENTION_DAYS``."""
    return dict(
        ServicePage.objects.filter(retention_days__isnull=False).values_list("pk", "retention_days")
    )


def personal_data_purge() -> int:
    """Remove the personal data of every finished application past its retention time."""
    from portal.applications.retention import applications_retention_purge

    return applications_retention_purge(retention_by_page=retention_by_page())
