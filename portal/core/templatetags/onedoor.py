"""Template tags every page uses."""

from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The portal's languages, each with the address of this page in that language."""
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    prefix = f"/{current}/"
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    return [
        {
            "code": code,
            "name": LANG_INFO.get(code, {}).get("name_local", code),
            "url": f"/{code}/{rest}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
