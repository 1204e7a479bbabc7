"""Wagtail's admin template tags, with the two parts of every admin page that are the same from
one page to the next kept instead of rebuilt: the sidebar's menu and the keyboard shortcuts
dialog. Together they cost a quarter of the officers' queue page.

The template engine's ``libraries`` option (settings) gives this module the name
``wagtailadmin_tags``, so every admin template loads it; every other tag and filter is
Wagtail's own, unchanged.
"""

import hashlib
import re
import threading

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags as wagtail

register = template.Library()
register.tags.update(wagtail.register.tags)
register.filters.update(wagtail.register.filters)

# The sidebar of one person in one language is kept this long: a menu item a change of their
# groups or page permissions adds or takes away shows within it (what they may open is checked
# by each view, never by the menu).
SIDEBAR_KEPT_SECONDS = 60


@register.simple_tag(takes_context=True)
def sidebar_props(context):
    """Wagtail's ``sidebar_props``, kept per person, language and what they are (their name,
    address, and permissions): it reads every menu item's permissions and builds the menu."""
    user = context["request"].user
    who = repr(
        (
            user.get_full_name(),
            user.get_username(),
            user.is_superuser,
            sorted(user.get_all_permissions()),
        )
    )
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    key = f"admin-sidebar:{user.pk}:{get_language()}:{digest}"
    props = cache.get(key)
    if props is None:
        props = wagtail.sidebar_props(context)
        cache.set(key, str(props), SIDEBAR_KEPT_SECONDS)
    return mark_safe(props)  # noqa: S308 - Wagtail's json_script, escaped for a script element


_dialogs: dict[tuple, str] = {}
_dialogs_lock = threading.Lock()
_APPLE = re.compile(r"Mac|iPod|iPhone|iPad")


@register.simple_tag(takes_context=True)
def keyboard_shortcuts_dialog(context):
    """Wagtail's keyboard shortcuts dialog, kept per language, kind of keyboard (Apple's or
    not) and whether the reader turned shortcuts off: nothing else in it changes."""
    request = context.get("request")
    values = wagtail.keyboard_shortcuts_dialog(context)
    key = (
        get_language(),
        bool(request and _APPLE.search(request.headers.get("User-Agent", ""))),
        values["keyboard_shortcuts_enabled"],
        getattr(settings, "WAGTAILADMIN_COMMENTS_ENABLED", True),
    )
    html = _dialogs.get(key)
    if html is None:
        dialog = context.template.engine.get_template(
            "wagtailadmin/shared/keyboard_shortcuts_dialog.html"
        )
        html = dialog.render(context.new(values))
        with _dialogs_lock:
            _dialogs[key] = html
    return mark_safe(html)  # noqa: S308 - rendered from Wagtail's template, escaped there
