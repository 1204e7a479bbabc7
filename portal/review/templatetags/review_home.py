"""Whether the reader of the admin's home edits pages (else Wagtail's page search is not theirs)."""

from django import template
from wagtail.admin.auth import user_has_any_page_permission

register = template.Library()


@register.simple_tag(takes_context=True)
def edits_pages(context) -> bool:
    return user_has_any_page_permission(context["request"].user)
