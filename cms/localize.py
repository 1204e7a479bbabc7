"""Show linked objects in the reader's language, in a fixed number of queries.

A page translated into Lao keeps links to the offices and services its English original chose;
these helpers swap each for its translation in the page's locale where one exists.
"""

from wagtail.models import Locale, TranslatableMixin


def localize_all[T: TranslatableMixin](objects: list[T], locale: Locale) -> list[T]:
    """Each object's translation in ``locale`` if it has one, else the object itself; one query."""
    if not objects:
        return []
    model = type(objects[0])
    foreign = [obj for obj in objects if obj.locale_id != locale.pk]
    if not foreign:
        return list(objects)
    translations = {
        obj.translation_key: obj
        for obj in model._default_manager.filter(
            translation_key__in=[obj.translation_key for obj in foreign], locale=locale
        )
    }
    return [translations.get(obj.translation_key, obj) for obj in objects]


def localized_offices(page) -> list:
    """The page's responsible offices, in its language."""
    offices = [link.office for link in page.office_links.select_related("office")]
    return localize_all(offices, page.locale)


def localized_related_services(page) -> list:
    """The live services the page links to, in its language."""
    keys = list(page.related_links.values_list("related__translation_key", flat=True))
    if not keys:
        return []
    service_model = type(page)
    candidates = service_model.objects.live().filter(translation_key__in=keys)
    by_key: dict = {}
    for service in candidates:
        current = by_key.get(service.translation_key)
        if current is None or service.locale_id == page.locale_id:
            by_key[service.translation_key] = service
    return [by_key[key] for key in keys if key in by_key]
