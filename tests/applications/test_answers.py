from portal.applications.answers import answers_by_step

SCHEMA = {
    "steps": [
        {
            "title": "Business",
            "fields": [
                {"type": "yes_no", "name": "premises", "label": "Own premises?"},
                {
                    "type": "multiple_choice",
                    "name": "sectors",
                    "label": "Sectors",
                    "options": [
                        {"value": "trade", "label": "Trade"},
                        {"value": "food", "label": "Food"},
                    ],
                },
                {"type": "address", "name": "address", "label": "Address"},
                {"type": "short_text", "name": "unanswered", "label": "Skipped"},
            ],
        },
        {"title": "Hidden step", "fields": [{"type": "email", "name": "email", "label": "Email"}]},
    ]
}


def test_answers_are_shown_step_by_step_in_words():
    steps = answers_by_step(
        schema=SCHEMA,
        answers={
            "premises": False,
            "sectors": ["food", "trade"],
            "address": {"province": "Vientiane", "district": "Xaysetha", "village": "Phonxay"},
        },
    )
    assert steps == [
        {
            "title": "Business",
            "rows": [
                {"name": "premises", "label": "Own premises?", "value": "No"},
                {"name": "sectors", "label": "Sectors", "value": "Food, Trade"},
                {"name": "address", "label": "Address", "value": "Vientiane, Xaysetha, Phonxay"},
            ],
        }
    ]


def test_a_date_answer_reads_day_month_name_year_in_the_readers_language():
    from django.utils import translation

    schema = {"steps": [{"title": "You", "fields": [{"type": "date", "name": "born"}]}]}
    schema["steps"][0]["fields"][0]["label"] = "Date of birth"
    for language, written in (("en", "3 December 1990"), ("lo", "3 ທັນວາ 1990")):
        with translation.override(language):
            steps = answers_by_step(schema=schema, answers={"born": "1990-12-03"})
        assert steps[0]["rows"][0]["value"] == written
    # Something that is no date (an old answer) is shown as it was typed.
    steps = answers_by_step(schema=schema, answers={"born": "around 1990"})
    assert steps[0]["rows"][0]["value"] == "around 1990"
