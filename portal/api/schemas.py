"""What the API answers and accepts (pydantic, through django-ninja): the OpenAPI
description is generated from these."""

import datetime
import uuid
from typing import Any, Literal

from ninja import Field, Schema

Language = Literal["en", "lo", "km"]
ApplicationStatus = Literal[
    "submitted", "in_review", "action_required", "approved", "rejected", "completed", "withdrawn"
]


class Page(Schema):
    next_cursor: str | None = Field(
        None, description="Give it as ?cursor= for the next page; null on the last page."
    )


# --- catalogue ---------------------------------------------------------------------------------


class FeeLine(Schema):
    label: str
    amount: int = Field(description="In minor units of the currency (cents, att, sen).")
    text: str


class Fee(Schema):
    currency: str
    lines: list[FeeLine]
    free: bool
    due: str = Field(description="submission or approval: when it is paid.")
    pay_online: bool
    pay_at_counter: bool
    note: str


class RequiredDocument(Schema):
    name: str
    mandatory: bool
    original_or_copy: str
    copies: int
    accepted_types: list[str]
    note: str


class Office(Schema):
    id: int
    key: uuid.UUID = Field(description="The same in every language.")
    name: str
    level: str
    country: str
    address: str
    opening_hours: str
    phone: str
    email: str


class Service(Schema):
    id: int
    key: uuid.UUID = Field(description="The service's key, the same in every language.")
    language: str
    title: str
    code: str
    url: str
    summary: str
    who_can_apply: str
    how_to_apply: str
    channels: str
    legal_basis: str
    service_standard_days: int | None = Field(description="Working days to the result.")
    fee: Fee
    required_documents: list[RequiredDocument]
    offices: list[Office]


class ServicePage(Page):
    results: list[Service]


# --- applications ------------------------------------------------------------------------------


class StageOut(Schema):
    id: int
    name: str
    kind: str


class ApplicationSummary(Schema):
    reference: str
    status: str
    stage: StageOut | None
    service_id: int | None
    service_title: str
    office_id: int | None
    referred_to_id: int | None
    channel: str
    language: str
    submitted_at: datetime.datetime | None
    updated_at: datetime.datetime
    due_date: datetime.date | None
    version: int = Field(description="Send it back with an action: a stale one gets 409.")


class ApplicationPage(Page):
    results: list[ApplicationSummary]


class Answer(Schema):
    step: str
    name: str
    label: str
    value: Any = Field(description="As stored (text, number, list of option values, ...).")
    text: str = Field(description="As read, with the option labels of the form.")


class DocumentOut(Schema):
    id: uuid.UUID
    field_name: str
    label: str
    original_name: str
    content_type: str
    size: int
    uploaded_at: datetime.datetime
    download: str = Field(description="The API address that sends the file.")


class PaymentOut(Schema):
    id: uuid.UUID
    amount: int = Field(description="In minor units.")
    currency: str
    status: str
    method: str
    receipt_number: str
    refunded_amount: int
    created_at: datetime.datetime
    paid_at: datetime.datetime | None


class FeeSnapshot(Schema):
    currency: str
    total: int | None = Field(description="Minor units; null until the office sets it.")
    lines: list[FeeLine]


class ResultOut(Schema):
    code: str = Field(description="The verification code printed on the result.")
    issued_at: datetime.datetime
    valid_until: datetime.date | None = Field(description="Null: valid without end.")
    verify: str = Field(description="The public page where anyone checks it by its code.")


class ApplicationDetail(ApplicationSummary):
    fee: FeeSnapshot
    answers: list[Answer]
    documents: list[DocumentOut]
    payments: list[PaymentOut]
    personal_data_removed_at: datetime.datetime | None
    result: ResultOut | None = Field(
        description="The result in force (issued with the issue action), or null."
    )
    actions: list[str] = Field(description="The actions this client may take on it now.")


class EventOut(Schema):
    id: int
    kind: str
    at: datetime.datetime
    from_status: str
    to_status: str
    from_stage: str
    to_stage: str
    message: str = Field(description="What the applicant was told (empty if nothing).")
    visible_to_applicant: bool


class EventPage(Page):
    results: list[EventOut]


ActionName = Literal[
    "claim",
    "forward",
    "return",
    "refer",
    "receive_back",
    "recall",
    "reject",
    "approve",
    "issue",
    "complete",
    "note",
]


class ActionIn(Schema):
    version: int = Field(ge=1, description="The application's version as last read.")
    note: str = Field("", max_length=4000, description="For officers only; never shown.")
    message: str = Field("", max_length=4000, description="What the applicant is told.")
    office_id: int | None = Field(None, ge=1, description="refer: the office asked.")
    days: int | None = Field(None, ge=1, le=60, description="refer: working days to answer.")
    valid_until: datetime.date | None = Field(None, description="issue: empty, without end.")


# --- statistics -------------------------------------------------------------------------------


class StatisticsRow(Schema):
    table: Literal["per_month", "per_service", "per_sector"]
    key: str
    name: str
    received: int | None
    completed: int | None
    within_standard: float | None
    average_days: float | None
    average_rating: float | None
    ratings: int | None
    revenue: dict[str, str | None] = Field(
        description="Net revenue per currency in major units, as text; null: withheld."
    )


class Statistics(Page):
    start: datetime.date
    end: datetime.date
    office: str | None
    columns: dict[str, str]
    withheld: str
    results: list[StatisticsRow]


# --- citizens ----------------------------------------------------------------------------------


class TimelineEntry(Schema):
    kind: str
    title: str
    at: datetime.datetime
    stage: str
    message: str


class OwnApplication(Schema):
    reference: str
    status: str
    status_text: str
    service_title: str
    submitted_at: datetime.datetime | None
    updated_at: datetime.datetime


class OwnApplicationPage(Page):
    results: list[OwnApplication]


class OwnApplicationDetail(OwnApplication):
    stage: str
    next_step: str
    timeline: list[TimelineEntry]


class LookupIn(Schema):
    reference: str = Field(max_length=20)
    pin: str = Field(max_length=12)
