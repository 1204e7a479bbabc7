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
