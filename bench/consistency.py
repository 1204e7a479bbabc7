"""What `make loadtest` checks after its run, as functions of plain data (the facts are read
from the database by `manage.py shell`, from the bucket with boto3 and from the providers'
files), so each is tested without a cluster (tests/bench/test_consistency.py).

Each returns a list of problems, empty when all is well.
"""

from collections import Counter
from collections.abc import Iterable


def _many(counts: Counter, what: str) -> list[str]:
    return [f"{what} {key!r} {count} times" for key, count in sorted(counts.items()) if count > 1]


def submissions_problems(
    seen: Iterable[str], references: Iterable[str], documents: dict[str, int], uploaded: int
) -> list[str]:
    """Every submission the clients saw succeed (``seen``, references) exists exactly once
    among the database's ``references``, with the ``uploaded`` documents each
    (``documents``: reference -> rows)."""
    in_db = Counter(references)
    problems = _many(in_db, "application")
    for reference in sorted(set(seen)):
        if not in_db[reference]:
            problems.append(f"submission {reference} was confirmed to its client but is missing")
        elif documents.get(reference, 0) != uploaded:
            problems.append(
                f"submission {reference} has {documents.get(reference, 0)} documents, "
                f"not {uploaded}"
            )
    return problems


def storage_problems(rows: Iterable[str], objects: Iterable[str]) -> list[str]:
    """Every document row's file is an object in the bucket, and every document object has its
    row (names relative to the private storage, ``documents/...``)."""
    rows, objects = set(rows), set(objects)
    problems = [f"document {name} has a row but no object" for name in sorted(rows - objects)]
    problems += [f"object {name} has no document row" for name in sorted(objects - rows)]
    return problems


def moves_problems(forwards: Iterable[tuple[int, int | None]]) -> list[str]:
    """No application was moved on twice from the same stage (``forwards``: (application,
    stage it left) per "forwarded" event; the load test only ever forwards)."""
    return [
        f"application {application} was forwarded {count} times from stage {stage}"
        for (application, stage), count in sorted(Counter(forwards).items(), key=str)
        if count > 1
    ]


def payments_problems(settled: Iterable[int], paid_applications: Iterable[int]) -> list[str]:
    """No payment settled twice (``settled``: the payment of each event that made it paid) and
    no application paid by two payments (``paid_applications``: the application of each paid
    payment)."""
    return _many(Counter(settled), "payment settled") + _many(
        Counter(paid_applications), "application paid by a payment"
    )


def outbox_problems(messages: Iterable[dict], delivered: Iterable[str]) -> list[str]:
    """Every message that was due is sent, once: ``messages`` are the outbox's rows due by
    now (``key`` as the provider sees it, ``status``), ``delivered`` the provider-side ids the
    providers received, one per copy."""
    copies = Counter(delivered)
    problems = _many(copies, "message delivered")
    keys = set()
    for message in messages:
        keys.add(message["key"])
        if message["status"] != "sent":
            problems.append(f"message {message['key']} is {message['status']}, not sent")
        elif not copies[message["key"]]:
            problems.append(f"message {message['key']} is marked sent but never arrived")
    problems += [f"message {key} arrived without its row" for key in sorted(set(copies) - keys)]
    return problems


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` fall (nearest rank); NaN for none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]
