"""Telling applicants what happened to their application: by email, and by SMS when they gave
a phone number, in the language they applied in."""

from django.urls import reverse
from django.utils import translation

from portal.core.addresses import page_address
from portal.notifications.services import notification_send

from .models import Application
from .selectors import service_titles_in_language


def notify_applicant(
    application: Application, *, template: str, context: dict, secrets: dict | None = None
) -> None:
    """Write the message ``template`` about ``application`` to the outbox (see
    ``notification_send``, which keeps ``secrets`` only until sent); the context always has the
    application and the link to it."""
    applicant = application.applicant
    # The service's title, and links, in the applicant's language, whoever caused the message.
    service_titles_in_language([application], language=application.language)
    address = page_address(application.service_page)  # the portal of the service
    with translation.override(application.language):
        links = {
            "url": address + reverse("tracking:application_detail", args=[application.reference]),
            # Works without an account too (walk-in applicants): reference given, PIN typed.
            "lookup_url": address
            + reverse("status_lookup")
            + f"?reference={application.reference}",
        }
    notification_send(
        template=template,
        context={"application": application, **links, **context},
        language=application.language,
        email=applicant.email,
        phone=applicant.phone,
        secrets=secrets,
    )
