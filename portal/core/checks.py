"""Checks for production (``check --deploy``): the public address every emailed link, text
message and QR code starts with is set, and is HTTPS; uploads are scanned for viruses."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .clamd import clamd_address_valid


@register(Tags.security, deploy=True)
def check_public_address(app_configs, **kwargs):
    address = urlsplit(settings.PORTAL_BASE_URL)
    if address.scheme == "https" and address.hostname:
        return []
    return [
        Error(
            f"PORTAL_BASE_URL is {settings.PORTAL_BASE_URL or 'not set'}: links in emails, text "
            "messages, certificates and slips would not reach the portal over HTTPS.",
            hint="Set PORTAL_BASE_URL to the portal's public address, such as "
            "https://portal.example.gov.",
            id="core.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_virus_scanner(app_configs, **kwargs):
    if settings.CLAMD_ADDRESS:
        return []
    return [
        Warning(
            "CLAMD_ADDRESS is not set: uploads are accepted without a virus scan.",
            hint="Run ClamAV's clamd and set CLAMD_ADDRESS to its socket, such as "
            "tcp://127.0.0.1:3310 or /run/clamav/clamd.ctl.",
            id="core.W001",
        )
    ]


@register(Tags.security)
def check_virus_scanner_address(app_configs, **kwargs):
    if not settings.CLAMD_ADDRESS or clamd_address_valid(settings.CLAMD_ADDRESS):
        return []
    return [
        Error(
            f"CLAMD_ADDRESS is {settings.CLAMD_ADDRESS!r}: not an address clamd can be reached "
            "at, so every upload would be refused.",
            hint="Write it as tcp://host:port or as the path of clamd's unix socket.",
            id="core.E002",
        )
    ]
