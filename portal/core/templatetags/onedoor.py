"""Template tags every page uses."""

from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.html import format_html
from django.utils.translation import get_language

from portal.core.form_fields import form_field_html
from portal.core.phone import phone_display

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The portal's languages, each with the address of this page in that language: those
    the portal offers when the context says so (``site_languages``, one list per Wagtail site).

    A CMS page links to its own translations (their slugs may differ); any other address keeps
    its path under the other language's prefix.
    """
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    prefix = f"/{current}/"
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    page = context.get("page")
    translated = None
    if (
        request is not None
        and hasattr(page, "get_translations")
        and page.get_url(request) == request.path
    ):
        translated = {
            translation.locale.language_code: translation.get_url(request)
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    offered = context.get("site_languages")
    links = []
    for code, _name in settings.LANGUAGES:
        if offered and code not in offered and code != current:
            continue
        # A page not yet published in a language links to that language's home, not a 404.
        url = f"/{code}/{rest}" if translated is None else translated.get(code, f"/{code}/")
        links.append(
            {
                "code": code,
                "name": LANG_INFO.get(code, {}).get("name_local", code),
                "url": url,
                "current": code == current,
            }
        )
    return links


@register.simple_tag
def portal_name() -> str:
    """The portal's name (SITE_NAME), where no request says which Wagtail site it is (emails)."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def form_field(context, field, stored_file=None, company_files=None):
    """One form field in the design system's markup (portal.core.form_fields); a file field
    shows ``stored_file`` and offers ``company_files`` of the context's ``company``."""
    return form_field_html(
        field,
        stored_file=stored_file,
        company_files=company_files,
        company=context.get("company"),
        company_document_suffix=context.get("company_document_suffix", ""),
    )


@register.filter
def phone(value: str) -> str:
    """A stored phone number spaced as people read it."""
    return phone_display(value) if value else ""


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None: for dictionaries keyed by a variable in templates."""
    return (mapping or {}).get(key)


@register.filter
def in_language(obj, language=None):
    """An object's name in the active language, when it has ``name_in`` (workflow stages)."""
    if obj is None:
        return ""
    name_in = getattr(obj, "name_in", None)
    return name_in(language or get_language()) if name_in else str(obj)


@register.simple_block_tag
def navigation_if_any(content, label):
    """``content`` (a page's back link) in a navigation landmark named ``label``, or nothing
    when the page has none: all the page's content then sits in a landmark."""
    if not content.strip():
        return ""
    return format_html('<nav aria-label="{}">{}</nav>', label, content)
