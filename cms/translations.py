"""One fee, workflow and set of offices per service, whatever language its applicant reads.

A service is one page per language (Wagtail's translations: the same ``translation_key``). What
decides what an applicant pays, when and how, where the application goes and who may apply
belongs to the service, not to a language: ``SERVICE_FIELDS``, the fee rule's amounts and
options, and the responsible offices. They are edited on the service's page in its source
language (the default language's page, else the first one made) and kept the same on every
translation:

- whenever a language version is published, every translation takes the source page's values
  (``translations_synchronise``, called on Wagtail's ``page_published``, which every way of
  publishing passes: the editor, moderation, the scheduler, code);
- a translation made from any of its revisions (its editor, a preview, a draft saved before
  the change and published later) keeps them (``ServicePage.with_content_json``), so no draft
  brings an old fee back;
- a translation's editor sees them read-only (``cms.editing``).

The fee rule's words, the names of its options and its unit, are each language's own; so are
the note about the fee and every other text.
"""

import copy
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from wagtail.models import Locale

from .cache import page_cache_clear

#: Model fields with one value per service (besides the fee rule and the offices).
SERVICE_FIELDS = (
    "fee_currency",
    "fee_due",
    "pay_online",
    "pay_at_counter",
    "service_standard_days",
    "retention_days",
    "channels",
    "allow_guests",
    "workflow",
)
#: Child relations with one value per service.
SERVICE_RELATIONS = ("office_links",)


def service_source_page(page):
    """The service's page in its source language: in the default language if there is one,
    else the first one made. ``page`` itself when it has no translation."""
    if not page.pk:
        return page
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        default = Locale(pk=0)
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key)
        .annotate(
            source_order=Case(
                When(locale_id=default.pk, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("source_order", "pk")
        .first()
        or page
    )


def fee_in_words_of(fee: list[dict], words: list[dict]) -> list[dict]:
    """The fee rule ``fee`` (raw stream data: its kind, amounts, options and the form fields it
    reads) with the option names and unit of ``words``, another language's version of it.

    An option takes the name of the option with the same value, else of the one at the same
    place; an option, or a rule of another kind, that ``words`` lacks keeps its own name.
    """
    result = copy.deepcopy(fee)
    for rule, theirs in zip(result, words, strict=False):
        if rule.get("type") != theirs.get("type"):
            continue
        value, their_value = rule.get("value") or {}, theirs.get("value") or {}
        if rule["type"] == "per_quantity" and their_value.get("unit"):
            value["unit"] = their_value["unit"]
        if rule["type"] == "options":
            their_options = [_item(item) for item in their_value.get("options") or []]
            by_value = {option["value"]: option for option in their_options if option.get("value")}
            for index, item in enumerate(value.get("options") or []):
                option = _item(item)
                match = by_value.get(option.get("value")) if option.get("value") else None
                if match is None and index < len(their_options):
                    match = their_options[index]
                if match and match.get("label"):
                    option["label"] = match["label"]
    return result


def fee_structure(fee: list[dict]) -> list:
    """The fee rule without its words or block ids: what must be the same in every language."""
    structure = []
    for rule in fee:
        value = dict(rule.get("value") or {})
        value.pop("unit", None)
        if "amount" in value:
            value["amount"] = _decimal(value["amount"])
        if "options" in value:
            value["options"] = [
                (_decimal(_item(item).get("amount")), _item(item).get("value") or "")
                for item in value["options"]
            ]
        structure.append((rule.get("type"), sorted(value.items())))
    return structure


def fee_raw(stream) -> list[dict]:
    """A fee StreamField's value as raw stream data."""
    return list(stream.get_prep_value()) if hasattr(stream, "get_prep_value") else list(stream)


def service_values_keep(*, page, kept) -> None:
    """Give ``page`` (a translation, built from a revision) the service's values that the page
    row ``kept`` holds, and the fee rule of ``kept`` in the words of ``page``."""
    for name in SERVICE_FIELDS:
        attname = type(page)._meta.get_field(name).attname
        setattr(page, attname, getattr(kept, attname))
    page.fee = fee_in_words_of(fee_raw(kept.fee), fee_raw(page.fee))
    for relation in SERVICE_RELATIONS:
        setattr(page, relation, list(getattr(kept, relation).all()))


def translations_synchronise(*, page) -> list:
    """Give every translation of ``page``'s service its source page's fee rule (in the
    translation's words), service fields and offices; return the translations that changed."""
    with transaction.atomic():
        source = service_source_page(page)
        model = type(source)
        source = model.objects.get(pk=source.pk)  # as published
        source_fee = fee_raw(source.fee)
        source_offices = [
            (link.office_id, link.sort_order) for link in source.office_links.order_by("sort_order")
        ]
        changed = []
        translations = model.objects.filter(translation_key=source.translation_key).exclude(
            pk=source.pk
        )
        for translation in translations:
            fields = []
            for name in SERVICE_FIELDS:
                attname = model._meta.get_field(name).attname
                if getattr(translation, attname) != getattr(source, attname):
                    setattr(translation, attname, getattr(source, attname))
                    fields.append(name)
            own_fee = fee_raw(translation.fee)
            fee = fee_in_words_of(source_fee, own_fee)
            if _without_ids(fee) != _without_ids(own_fee):
                translation.fee = fee
                fields.append("fee")
            offices = [
                (link.office_id, link.sort_order)
                for link in translation.office_links.order_by("sort_order")
            ]
            if offices != source_offices:
                link_model = translation.office_links.model
                translation.office_links = [
                    link_model(office_id=office_id, sort_order=order)
                    for office_id, order in source_offices
                ]
                fields.append("office_links")
            if fields:
                translation.save(update_fields=fields, clean=False)
                changed.append(translation)
        if changed:
            transaction.on_commit(page_cache_clear)
    return changed


def _item(item: dict) -> dict:
    """A list block's item: stored as ``{"type": "item", "value": ..., "id": ...}``, or bare."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def _decimal(amount) -> Decimal | None:
    try:
        return Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return None


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value
