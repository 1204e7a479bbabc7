"""The load test's checks (bench/consistency.py) find each kind of inconsistency on a small
fixture, and nothing where all is well."""

import math

from bench.consistency import (
    moves_problems,
    outbox_problems,
    payments_problems,
    percentile,
    storage_problems,
    submissions_problems,
)


def test_a_submission_seen_must_exist_once_with_its_documents():
    seen = ["AAAA-1111-A", "BBBB-2222-B"]
    assert (
        submissions_problems(
            seen,
            ["AAAA-1111-A", "BBBB-2222-B", "CCCC-3333-C"],
            {"AAAA-1111-A": 5, "BBBB-2222-B": 5},
            5,
        )
        == []
    )

    problems = submissions_problems(
        ["AAAA-1111-A", "BBBB-2222-B", "DDDD-4444-D"],
        ["AAAA-1111-A", "AAAA-1111-A", "BBBB-2222-B"],
        {"AAAA-1111-A": 5, "BBBB-2222-B": 4},
        5,
    )
    assert problems == [
        "application 'AAAA-1111-A' 2 times",
        "submission BBBB-2222-B has 4 documents, not 5",
        "submission DDDD-4444-D was confirmed to its client but is missing",
    ]


def test_rows_and_objects_must_match_both_ways():
    assert storage_problems(["documents/a.pdf"], ["documents/a.pdf"]) == []
    assert storage_problems(
        ["documents/a.pdf", "documents/b.pdf"], ["documents/a.pdf", "documents/c.png"]
    ) == [
        "document documents/b.pdf has a row but no object",
        "object documents/c.png has no document row",
    ]


def test_an_application_forwarded_twice_from_one_stage_is_found():
    assert moves_problems([(1, 10), (1, 11), (2, 10)]) == []
    assert moves_problems([(1, 10), (1, 10), (2, 10)]) == [
        "application 1 was forwarded 2 times from stage 10"
    ]


def test_a_payment_settled_twice_or_an_application_paid_twice_is_found():
    assert payments_problems([1, 2], [7, 8]) == []
    assert payments_problems([1, 1, 2], [7, 7]) == [
        "payment settled 1 2 times",
        "application paid by a payment 7 2 times",
    ]


def test_every_due_message_arrives_once_by_its_provider_side_id():
    messages = [{"key": "<a@x>", "status": "sent"}, {"key": "sms-b", "status": "sent"}]
    assert outbox_problems(messages, ["<a@x>", "sms-b"]) == []

    problems = outbox_problems(
        [*messages, {"key": "<c@x>", "status": "sending"}, {"key": "<d@x>", "status": "sent"}],
        ["<a@x>", "<a@x>", "sms-b", "<stray@x>"],
    )
    assert problems == [
        "message delivered '<a@x>' 2 times",
        "message <c@x> is sending, not sent",
        "message <d@x> is marked sent but never arrived",
        "message <stray@x> arrived without its row",
    ]


def test_percentiles_by_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
    assert math.isnan(percentile([], 0.95))
