from django import template

from ..services import audit_text as _audit_text

register = template.Library()


@register.filter
def audit_text(value) -> str:
    """A recorded text as one line: line breaks and control characters written out."""
    return _audit_text(value)
