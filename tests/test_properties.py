"""No input makes the parsers of what people type raise anything but their validation errors,
and no address or query string makes a public page answer 500 (property-based, hypothesis)."""

import copy
import json
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import QueryDict
from hypothesis import example, given
from hypothesis import strategies as st

from forms.blocks import FormStepsBlock
from forms.builder import FormBuilder
from forms.schema import form_schema_from_stream
from portal.accounts.models import User
from portal.core.money import CURRENCIES, money_to_minor
from portal.core.phone import phone_display, phone_normalise
from portal.core.reference import reference_generate, reference_normalise
from portal.tracking.forms import StatusLookupForm
from tests.conftest import rate_limit_windows_end
from tests.forms.test_builder import EVERY_TYPE, GOOD, field, step

# Text as people and scripts type it, and what is known to trip parsers up.
AWKWARD = [
    "",
    " ",
    "\x00",
    "²",
    "١٢",
    "-0",
    "1e999999999",
    "-1e-999999999",
    "NaN",
    "sNaN",
    "Infinity",
    "9" * 40,
    "0000-00-00",
    "31/02/2020",
    "9999-12-31",
    "0001-01-01",
    "yes",
    "no",
    "sole",
    "company",
    "+856 20 5555 1234",
    "ສົມໃຈ",
    "ចុះបញ្ជី",
    "<script>",
    "%s %(x)s {}",
]
TEXT = st.one_of(st.text(max_size=40), st.sampled_from(AWKWARD))

# Every field type, and a step and a field that show only under a condition.
SCHEMA_STEPS = [
    *copy.deepcopy(EVERY_TYPE),
    step(
        "Your company",
        [
            field("short_text", "company_name"),
            field(
                "number",
                "capital",
                required=False,
                min_value="0",
                condition={"field": "sectors", "operator": "one_of", "value": "sole, company"},
            ),
        ],
        condition={"field": "kind", "operator": "equals", "value": "company"},
    ),
]
SCHEMA = form_schema_from_stream(FormStepsBlock().to_python(SCHEMA_STEPS))
BUILDER = FormBuilder(SCHEMA)
FORM_KEYS = [*GOOD, "company_name", "capital", "id_card"]


def _post_data(data: dict) -> QueryDict:
    posted = QueryDict(mutable=True)
    for key, value in data.items():
        posted.setlist(key, value if isinstance(value, list) else [value])
    return posted


POST_DATA = st.dictionaries(
    st.one_of(st.sampled_from(FORM_KEYS), st.text(max_size=12)),
    st.one_of(TEXT, st.lists(TEXT, max_size=3)),
    max_size=len(FORM_KEYS) + 3,
)
KNOWN = st.dictionaries(
    st.sampled_from(FORM_KEYS), st.one_of(TEXT, st.booleans(), st.lists(TEXT, max_size=3))
)


@given(data=POST_DATA, known=KNOWN, step_index=st.sampled_from([None, 0, 1]))
@example(data=GOOD, known={}, step_index=None)
@example(data={**GOOD, "workers": "1e999999999"}, known={}, step_index=0)
@example(data={**GOOD, "workers": "NaN", "capital": "Infinity"}, known={}, step_index=None)
@example(
    data={"company_name": "x", "capital": "1e999999999"}, known={"kind": "company"}, step_index=1
)
def test_the_form_builders_forms_take_any_answers(data, known, step_index):
    form = BUILDER.get_form_class(step_index)(_post_data(data), known=known)
    if form.is_valid():
        json.dumps(form.answers())
        assert form.documents() == []  # no file was sent
    else:
        assert form.errors


@given(data=POST_DATA)
@example(data={**GOOD, "workers": "20"})
@example(data={**GOOD, "workers": "1e2"})
@example(data={**GOOD, "workers": "120.000"})
def test_a_whole_number_is_kept_as_its_plain_digits(data):
    form = BUILDER.get_form_class(0)(_post_data(data))
    if form.is_valid() and "workers" in form.answers():
        workers = form.answers()["workers"]
        assert workers.isdigit() and int(workers) <= 100, workers


@given(st.text(max_size=30))
@example("7kq2 m9xa c")
@example("²²²²-²²²²-²")
def test_any_typed_reference_is_a_canonical_code_or_none(text):
    normalised = reference_normalise(text)
    if normalised is not None:
        assert reference_normalise(normalised) == normalised
        assert len(normalised) == 11


@given(st.builds(reference_generate), st.sampled_from([str.lower, str.upper, lambda c: c]))
def test_a_reference_typed_loosely_is_read_as_meant(reference, case):
    typed = case(reference.replace("-", " ").replace("0", "O").replace("1", "l"))
    assert reference_normalise(typed) == reference


@given(st.dictionaries(st.sampled_from(["reference", "pin", "other"]), TEXT))
def test_the_status_look_up_form_takes_any_input(data):
    form = StatusLookupForm(data)
    if form.is_valid():
        assert reference_normalise(form.cleaned_data["reference"]) == form.cleaned_data["reference"]


@given(
    st.one_of(
        TEXT,
        st.integers(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.decimals(min_value=Decimal("-1e30"), max_value=Decimal("1e30"), places=3),
    ),
    st.sampled_from(sorted(CURRENCIES)),
)
@example("1e999999999", "USD")
@example("Infinity", "LAK")
@example("NaN", "KHR")
@example("sNaN", "THB")
@example("9" * 40, "USD")
@example(Decimal("1e18"), "LAK")
def test_money_parsing_gives_minor_units_or_value_error(amount, currency):
    try:
        minor = money_to_minor(amount, currency)
    except ValueError:
        return
    assert isinstance(minor, int)
    assert abs(minor) <= 2**63 - 1  # fits the ledger's 64-bit column


@given(TEXT, st.sampled_from(["", "LA", "KH", "TH", "US", "la", "ZZ", "??"]), st.booleans())
@example("+856 20 5555 1234", "", True)
@example("020 5555 1234", "LA", True)
@example("+" + "9" * 300, "", False)
def test_phone_numbers_are_e164_or_a_validation_error(text, region, mobile):
    try:
        number = phone_normalise(text, region=region, mobile=mobile)
    except ValidationError:
        return
    if number:
        assert number.startswith("+") and number[1:].isdigit()
        assert phone_normalise(number, region=region, mobile=mobile) == number
    phone_display(number)
    phone_display(text)


# --- Public addresses that take parameters ---------------------------------------------------

QUERY = st.dictionaries(
    st.one_of(st.sampled_from(["q", "sort", "code", "reference", "company", "page"]), TEXT),
    TEXT,
    max_size=4,
)
SEGMENT = st.one_of(TEXT, st.text(min_size=1, max_size=20)).filter(lambda text: text.strip())
ANSWERED = {200, 301, 302, 404}


def _path(segment: str) -> str:
    return quote(segment, safe="")


PUBLIC_PAGES = ("/en/track/", "/en/verify/", "/en/fees/", "/en/search/", "/en/offices/")


@pytest.mark.django_db
def test_the_public_pages_tried_below_are_there(client, service_page):
    assert [client.get(path).status_code for path in PUBLIC_PAGES] == [200] * len(PUBLIC_PAGES)
    assert client.get("/en/search/", {"q": "Enterprise"}).status_code == 200


@pytest.mark.django_db
@given(query=QUERY, segment=SEGMENT)
@example(query={"sort": "²", "q": '"'}, segment="²")
@example(query={"q": 'AND OR NOT ( * " ^'}, segment="\x00")
@example(query={"q": "ລົງ\x00", "sort": "\x00", "code": "\x00", "reference": "\x00"}, segment="C-")
def test_public_pages_with_parameters_never_answer_500(client, service_page, query, segment):
    cache.clear()  # no cached page, and no rate limit left from an earlier example
    rate_limit_windows_end()
    for path in PUBLIC_PAGES:
        response = client.get(path, query)
        assert response.status_code in ANSWERED, (path, query, response.status_code)
    for path in (f"/en/verify/{_path(segment)}/", f"/en/offices/{_path(segment)}/"):
        response = client.get(path, query)
        assert response.status_code in ANSWERED, (path, response.status_code)


@pytest.mark.django_db
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "reference": st.one_of(TEXT, st.builds(reference_generate)),
            "pin": st.one_of(TEXT, st.text(alphabet="0123456789", min_size=6, max_size=6)),
        },
    )
)
@example(data={"reference": "7KQ2-M9XA-C", "pin": "\x00"})
@example(data={"reference": "\x00", "pin": "123456"})
def test_the_status_look_up_answers_any_reference_and_pin(client, service_page, data):
    rate_limit_windows_end()
    response = client.post("/en/track/", data)
    assert response.status_code == 200


@pytest.mark.django_db
@given(company=TEXT, query=QUERY)
@example(company="\x00", query={})
@example(company="9" * 25, query={})
def test_my_applications_answers_any_company(client, company, query):
    client.force_login(User.objects.get_or_create(email="somchai@example.org")[0])
    response = client.get("/en/my/applications/", {**query, "company": company})
    assert response.status_code in ANSWERED, (company, response.status_code)
