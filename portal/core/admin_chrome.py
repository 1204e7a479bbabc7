"""Two parts of every Wagtail admin page that are the same from one page to the next, kept
instead of rebuilt: the sidebar's menu and the keyboard shortcuts dialog. Together they cost a
quarter of the officers' queue page.

``install`` (at start-up, ``CoreConfig.ready``) registers them in Wagtail's own tag library
(``wagtailadmin_tags``) under Wagtail's names, in place of its two tags; every other tag and
filter stays Wagtail's, and Wagtail's functions stay callable (``wagtail_sidebar_props``...).
"""

import hashlib
import re
import threading

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags as wagtail

wagtail_sidebar_props = wagtail.sidebar_props
wagtail_keyboard_shortcuts_dialog = wagtail.keyboard_shortcuts_dialog


def install() -> None:
    """Our two tags in Wagtail's library, under its names (templates parsed after this)."""
    wagtail.register.simple_tag(kept_sidebar_props, takes_context=True, name="sidebar_props")
    wagtail.register.simple_tag(
        kept_keyboard_shortcuts_dialog, takes_context=True, name="keyboard_shortcuts_dialog"
    )


# The sidebar of one person in one language is kept this long: a menu item a change of their
# groups or page permissions adds or takes away shows within it (what they may open is checked
# by each view, never by the menu).
SIDEBAR_KEPT_SECONDS = 60


def kept_sidebar_props(context):
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
        props = wagtail_sidebar_props(context)
        cache.set(key, str(props), SIDEBAR_KEPT_SECONDS)
    return mark_safe(props)  # noqa: S308 - Wagtail's json_script, escaped for a script element


_dialogs: dict[tuple, str] = {}
_dialogs_lock = threading.Lock()
_APPLE = re.compile(r"Mac|iPod|iPhone|iPad")


def kept_keyboard_shortcuts_dialog(context):
    """Wagtail's keyboard shortcuts dialog, kept per language, kind of keyboard (Apple's or
    not) and whether the reader turned shortcuts off: nothing else in it changes."""
    request = context.get("request")
    values = wagtail_keyboard_shortcuts_dialog(context)
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
