"""What the API returns and accepts. Outputs are built from the models by the routers."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from .base import MAX_ID

Id = int


class PracticeOut(Schema):
    number: int
    slug: str
    title: str
    description: str
    cadence: str
    drivers: list[str]
    own: bool


class PlanItemOut(Schema):
    id: int
    practice: int
    slug: str
    title: str
    target: str
    state: str
    start_date: date


class StatusItem(Schema):
    id: int
    practice: int
    slug: str
    title: str
    target: str
    strength: float
    streak: int
    performances_this_period: int
    period: list[date]
    last_performed: date | None
    state: str
    slipping: bool
    start_date: date


class StatusOut(Schema):
    items: list[StatusItem]


class PerformanceOut(Schema):
    id: int
    plan_item: int = Field(..., alias="plan_item_id")
    practice: int = Field(..., alias="plan_item.practice.number")
    performed_on: date
    note: str
    person: int | None = Field(None, alias="person_id")


class PerformanceIn(Schema):
    practice: str = Field(
        ..., min_length=1, max_length=80, description="practice number or slug in your plan"
    )
    day: date | None = Field(None, description="YYYY-MM-DD, default today")
    note: str = Field("", max_length=500)
    person: int | None = Field(None, ge=1, le=MAX_ID, description="with whom: an employee id")
    token: str | None = Field(
        None,
        description="an idempotency key (UUID): sending the same one twice records once",
        pattern=r"^[0-9a-fA-F-]{32,36}$",
    )


class PerformanceCreated(Schema):
    performance: PerformanceOut
    created: bool


class SkipOut(Schema):
    id: int
    plan_item: int = Field(..., alias="plan_item_id")
    practice: int = Field(..., alias="plan_item.practice.number")
    day: date


class SkipIn(Schema):
    practices: list[str] = Field(..., min_length=1, max_length=50)
    first: date
    last: date


class SkipCreated(Schema):
    created: int


class PersonOut(Schema):
    id: int
    full_name: str
    email: str
    title: str
    team: str | None = None
    start_date: date | None

    @staticmethod
    def resolve_team(person) -> str | None:
        return person.team.name if person.team_id else None


class FeedbackOut(Schema):
    id: int
    person: int = Field(..., alias="person_id")
    kind: str
    given_on: date
    note: str


class FeedbackIn(Schema):
    person: int = Field(..., ge=1, le=MAX_ID)
    kind: Literal["reinforcing", "developmental"]
    note: str = Field("", max_length=500)
    day: date | None = None
    count_as_practice: bool = False


class NeedOut(Schema):
    id: int
    person: int = Field(..., alias="person_id")
    category: str
    description: str
    status: str
    raised_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    rating: int | None


class NeedIn(Schema):
    person: int = Field(..., ge=1, le=MAX_ID)
    category: Literal["equipment", "training", "decision", "help", "other"]
    description: str = Field(..., min_length=1, max_length=500)


class NeedClose(Schema):
    status: Literal["done", "declined"]
    reason: str = Field("", max_length=500)


class MeOut(Schema):
    email: str
    name: str
    organisation: str
    role: str
    scope: str
    token_expires_on: date | None
