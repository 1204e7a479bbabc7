"""QR codes as inline SVG: printed on slips and certificates, drawn without any image file."""

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, label: str) -> SafeString:
    """An SVG QR code of ``text`` (a URL), an image named ``label`` for screen readers."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    # The SVG is drawn here by the qrcode library from our own text: nothing to escape.
    named = f'<svg role="img" aria-label="{escape(label)}" class="onedoor-qr" '
    return mark_safe(svg.replace("<svg ", named, 1))  # noqa: S308
