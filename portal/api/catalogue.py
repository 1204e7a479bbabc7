"""The service catalogue, public: each published service of the portal with its fee, service
standard, required documents and responsible offices, in the language asked for."""

from ninja import Field, Query, Router, Schema
from wagtail.models import Locale, Site

from cms.catalogue import fee_schedule
from portal.accounts.selectors import office_in_language

from .errors import ApiProblem, Problem
from .pagination import cursor_decode, cursor_encode, page_size
from .schemas import Language, ServicePage

router = Router(tags=["catalogue"])


class CatalogueQuery(Schema):
    language: Language = Field("en", description="en, lo or km; untranslated services in en.")
    cursor: str | None = Field(None, max_length=200)
    limit: int | None = Field(None, ge=1, le=200)


def _service(request, page, language: str) -> dict:
    offices = [link.office for link in page.office_links.select_related("office")]
    return {
        "id": page.pk,
        "key": page.translation_key,
        "language": page.locale.language_code,
        "title": page.title,
        "code": page.code,
        "url": request.build_absolute_uri(page.url) if page.url else "",
        "summary": page.summary,
        "who_can_apply": page.who_can_apply,
        "how_to_apply": page.how_to_apply,
        "channels": page.channels,
        "legal_basis": page.legal_basis,
        "service_standard_days": page.service_standard_days,
        "fee": {
            "currency": page.fee_currency,
            "lines": [
                {"label": str(line["label"]), "amount": line["amount"], "text": line["text"]}
                for line in page.fee_lines()
            ],
            "free": page.is_free,
            "due": page.fee_due,
            "pay_online": page.pay_online,
            "pay_at_counter": page.pay_at_counter,
            "note": page.fee_note,
        },
        "required_documents": [
            {
                "name": block.value["name"],
                "mandatory": bool(block.value["mandatory"]),
                "original_or_copy": block.value["original_or_copy"] or "",
                "copies": block.value["copies"] or 1,
                "accepted_types": list(block.value["accepted_types"] or []),
                "note": block.value["note"] or "",
            }
            for block in page.required_documents
        ],
        "offices": [
            _office(office_in_language(office=office, language=language)) for office in offices
        ],
    }


def _office(office) -> dict:
    return {
        "id": office.pk,
        "key": office.translation_key,
        "name": office.name,
        "level": office.level,
        "country": office.country,
        "address": office.address,
        "opening_hours": office.opening_hours,
        "phone": office.phone,
        "email": office.email,
    }


@router.get(
    "/services",
    auth=None,
    response={200: ServicePage, frozenset({404, 422}): Problem},
    summary="The service catalogue",
)
def service_list(request, query: Query[CatalogueQuery]):
    """Every published service of this portal, in the order they were made. No key needed."""
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=query.language).first()
    if site is None or locale is None:
        raise ApiProblem(404, "No portal is served at this address in that language.")
    services = sorted(
        (row["service"] for row in fee_schedule(locale=locale, home=site.root_page)),
        key=lambda page: page.pk,
    )
    if query.cursor:
        (after,) = cursor_decode(query.cursor, kinds=(int,))
        services = [page for page in services if page.pk > after]
    size = page_size(query.limit)
    page, more = services[:size], len(services) > size
    return {
        "results": [_service(request, service, query.language) for service in page],
        "next_cursor": cursor_encode([page[-1].pk]) if more else None,
    }
