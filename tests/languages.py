"""A service published in Lao and Khmer too, with its own words in each: the title, and the
form's step title and labels (the test form of ``tests.factories.SLICE_FORM``)."""

import copy

from tests.factories import SLICE_FORM, translate_service

ENGLISH = {
    "title": "Enterprise registration",
    "step": "About you",
    "full_name": "Full name",
    "identity_document": "Identity document",
}
LAO = {
    "title": "ການຈົດທະບຽນວິສາຫະກິດ",
    "step": "ຂໍ້ມູນຂອງທ່ານ",
    "full_name": "ຊື່ ແລະ ນາມສະກຸນ",
    "identity_document": "ບັດປະຈຳຕົວ ຫຼື ໜັງສືຜ່ານແດນ",
}
KHMER = {
    "title": "ការចុះបញ្ជីសហគ្រាស",
    "step": "ព័ត៌មានអំពីអ្នក",
    "full_name": "ឈ្មោះពេញ",
    "identity_document": "អត្តសញ្ញាណប័ណ្ណ ឬលិខិតឆ្លងដែន",
}
WORDS = {"en": ENGLISH, "lo": LAO, "km": KHMER}


def form_in(words: dict) -> list:
    """The test form with the step title and labels of ``words``."""
    form = copy.deepcopy(SLICE_FORM)
    step = form[0]["value"]
    step["title"] = words["step"]
    for field in step["fields"]:
        field["value"]["label"] = words[field["value"]["name"]]
    return form


def service_in_lao_and_khmer(service_page) -> dict:
    """The service's page in each language, by language code (English is ``service_page``)."""
    pages = {"en": service_page}
    for language in ("lo", "km"):
        page = translate_service(service_page, language, WORDS[language]["title"])
        page.application_form = form_in(WORDS[language])
        page.save_revision().publish()
        pages[language] = page
    return pages
