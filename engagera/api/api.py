"""Engagera's REST API, /api/v1/: thin operations over the same queries and actions as the
web pages and the CLI. Reads are scoped from the token's membership; an object outside it
is a 404, as on the web."""

import uuid
from datetime import date

from django.http import Http404
from ninja import NinjaAPI, Path, Query, Schema
from ninja import Status as Reply
from ninja.pagination import paginate

from engagera.core.models import Role
from engagera.feedback import actions as feedback_actions
from engagera.feedback.models import Feedback
from engagera.feedback.queries import feedback_for
from engagera.needs import actions as need_actions
from engagera.needs import queries as need_queries
from engagera.people import queries as people_queries
from engagera.practices import actions as practice_actions
from engagera.practices import queries as practice_queries
from engagera.practices.models import PlanState, Skip

from . import schemas as s
from .base import (
    MAX_ID,
    ApiError,
    Pagination,
    TokenAuth,
    install_error_handlers,
    require_write,
    responses,
)

api = NinjaAPI(
    title="Engagera API",
    version="1",
    description=(
        "Personal API tokens (Authorization: Bearer ...) from your settings page or "
        '`engagera token create`. Errors: {"error": {"code", "message", "fields"}}. '
        "Lists take limit (max 100) and offset."
    ),
    urls_namespace="api-v1",
    auth=TokenAuth(),
)
install_error_handlers(api)

ObjectId = Path(..., ge=1, le=MAX_ID)


def _leader(request) -> None:
    if request.membership.role not in (Role.MANAGER, Role.ADMIN):
        raise ApiError(403, "forbidden", "Only managers and administrators may do this.")


def _plan_item(membership, key: str):
    practice = practice_queries.find_practice(membership.organisation, key)
    item = None
    if practice is not None:
        item = (
            practice_queries.plan_items(membership)
            .filter(practice=practice)
            .exclude(state=PlanState.RETIRED)
            .order_by("-id")
            .first()
        )
    if item is None:
        raise ApiError(
            400, "refused", "That practice is not in your plan.", {"practice": ["not in plan"]}
        )
    return item


# --- me ------------------------------------------------------------------------------


@api.get("/me", response=responses(200, s.MeOut), tags=["account"], url_name="api_me")
def me(request):
    membership = request.membership
    return {
        "email": membership.user.email,
        "name": membership.user.get_full_name(),
        "organisation": membership.organisation.slug,
        "role": membership.role,
        "scope": request.auth.scope,
        "token_expires_on": request.auth.expires_on,
    }


# --- practices and the plan --------------------------------------------------------------


def _practice_out(practice) -> dict:
    return {
        "number": practice.number,
        "slug": practice.slug,
        "title": practice.title,
        "description": practice.description,
        "cadence": practice.cadence,
        "drivers": [driver.code for driver in practice.drivers.all()],
        "own": practice.organisation_id is not None,
    }


class PracticeFilter(Schema):
    driver: str = ""
    q: str = ""


@api.get(
    "/practices",
    response=responses(200, list[s.PracticeOut]),
    tags=["practices"],
    url_name="api_list_practices",
)
@paginate(Pagination)
def list_practices(request, filters: Query[PracticeFilter]):
    practices = practice_queries.visible_practices(
        request.membership.organisation, driver=filters.driver[:40], text=filters.q[:100]
    )
    return [_practice_out(p) for p in practices]


def _plan_out(item) -> dict:
    return {
        "id": item.pk,
        "practice": item.practice.number,
        "slug": item.practice.slug,
        "title": item.practice.title,
        "target": str(item.target),
        "state": item.state,
        "start_date": item.start_date,
    }


@api.get(
    "/plan",
    response=responses(200, list[s.PlanItemOut]),
    tags=["practices"],
    url_name="api_list_plan",
)
@paginate(Pagination)
def list_plan(request):
    items = practice_queries.plan_items(request.membership).order_by("start_date", "id")
    return [_plan_out(item) for item in items]


class StatusQuery(Schema):
    on: date | None = None


@api.get("/status", response=responses(200, s.StatusOut), tags=["practices"], url_name="api_status")
def status(request, query: Query[StatusQuery]):
    """Strength, streak and this period's count per active practice: the same numbers as
    `engagera status --json`."""
    on = query.on
    if on is not None and not date(2000, 1, 1) <= on <= date(2100, 12, 31):
        raise ApiError(422, "invalid", "The date is out of range.", {"on": ["out of range"]})
    statuses = practice_queries.plan_status(request.membership, on)
    return {"items": [item.as_dict() for item in statuses]}


# --- performances ---------------------------------------------------------------------------


@api.get(
    "/performances",
    response=responses(200, list[s.PerformanceOut]),
    tags=["practices"],
    url_name="api_list_performances",
)
@paginate(Pagination)
def list_performances(request):
    history = practice_queries.performance_history(request.membership)
    return history.order_by("-performed_on", "-id")


@api.post(
    "/performances",
    response=responses(201, s.PerformanceCreated),
    tags=["practices"],
    url_name="api_log_performance",
)
def log_performance(request, payload: s.PerformanceIn):
    """Record that you carried out a practice. Send an idempotency `token` to make retries safe."""
    require_write(request)
    membership = request.membership
    item = _plan_item(membership, payload.practice)
    person = people_queries.get_person(membership, payload.person) if payload.person else None
    token = uuid.UUID(payload.token) if payload.token else None
    performance, created = practice_actions.do_log_performance(
        membership, item, day=payload.day, note=payload.note, token=token, person=person
    )
    return Reply(201, {"performance": performance, "created": created})


@api.delete(
    "/performances/{pk}",
    response=responses(204, None),
    tags=["practices"],
    url_name="api_delete_performance",
)
def delete_performance(request, pk: int = ObjectId):
    require_write(request)
    membership = request.membership
    performance = practice_queries.get_performance(membership, pk)
    practice_actions.do_delete_performance(membership, performance)
    return Reply(204, None)


# --- paused days ----------------------------------------------------------------------------


@api.get(
    "/skips",
    response=responses(200, list[s.SkipOut]),
    tags=["practices"],
    url_name="api_list_skips",
)
@paginate(Pagination)
def list_skips(request):
    return practice_queries.skipped_days(request.membership, date.min).order_by("-day", "-pk")


@api.post(
    "/skips", response=responses(201, s.SkipCreated), tags=["practices"], url_name="api_skip_days"
)
def skip_days(request, payload: s.SkipIn):
    """Mark days as paused (leave, travel) for the given practices of your plan."""
    require_write(request)
    membership = request.membership
    items = [_plan_item(membership, key) for key in payload.practices]
    created = practice_actions.do_skip_days(membership, items, payload.first, payload.last)
    return Reply(201, {"created": created})


@api.delete(
    "/skips/{pk}", response=responses(204, None), tags=["practices"], url_name="api_unskip_day"
)
def unskip_day(request, pk: int = ObjectId):
    require_write(request)
    membership = request.membership
    try:
        skip = practice_queries.skipped_days(membership, date.min).get(pk=pk)
    except Skip.DoesNotExist:
        raise Http404("No such paused day") from None
    practice_actions.do_unskip_day(membership, skip)
    return Reply(204, None)


# --- people and feedback ----------------------------------------------------------------------


@api.get(
    "/people",
    response=responses(200, list[s.PersonOut]),
    tags=["people"],
    url_name="api_list_people",
)
@paginate(Pagination)
def list_people(request):
    return people_queries.visible_people(request.membership).order_by("full_name", "pk")


@api.get(
    "/people/{pk}", response=responses(200, s.PersonOut), tags=["people"], url_name="api_get_person"
)
def get_person(request, pk: int = ObjectId):
    return people_queries.get_person(request.membership, pk)


class FeedbackFilter(Schema):
    person: int | None = None


@api.get(
    "/feedback",
    response=responses(200, list[s.FeedbackOut]),
    tags=["people"],
    url_name="api_list_feedback",
)
@paginate(Pagination)
def list_feedback(request, filters: Query[FeedbackFilter]):
    _leader(request)
    membership = request.membership
    if filters.person is not None:
        if not 1 <= filters.person <= MAX_ID:
            raise Http404
        return feedback_for(people_queries.get_person(membership, filters.person))
    return Feedback.objects.filter(
        organisation=membership.organisation,
        person__in=people_queries.visible_people(membership),
    ).order_by("-given_on", "-id")


@api.post(
    "/feedback",
    response=responses(201, s.FeedbackOut),
    tags=["people"],
    url_name="api_give_feedback",
)
def give_feedback(request, payload: s.FeedbackIn):
    require_write(request)
    _leader(request)
    membership = request.membership
    person = people_queries.get_person(membership, payload.person)
    feedback = feedback_actions.do_log_feedback(
        membership,
        person,
        kind=payload.kind,
        day=payload.day,
        note=payload.note,
        count_as_practice=payload.count_as_practice,
    )
    return Reply(201, feedback)


# --- needs ---------------------------------------------------------------------------------


@api.get(
    "/needs", response=responses(200, list[s.NeedOut]), tags=["needs"], url_name="api_list_needs"
)
@paginate(Pagination)
def list_needs(request):
    return need_queries.needs_visible(request.membership).order_by("-raised_at", "-pk")


@api.get("/needs/{pk}", response=responses(200, s.NeedOut), tags=["needs"], url_name="api_get_need")
def get_need(request, pk: int = ObjectId):
    return need_queries.get_need(request.membership, pk)


@api.post("/needs", response=responses(201, s.NeedOut), tags=["needs"], url_name="api_raise_need")
def raise_need(request, payload: s.NeedIn):
    require_write(request)
    membership = request.membership
    person = people_queries.get_person(membership, payload.person)
    need = need_actions.do_raise_need(
        membership, person, category=payload.category, description=payload.description
    )
    return Reply(201, need)


@api.post(
    "/needs/{pk}/start",
    response=responses(200, s.NeedOut),
    tags=["needs"],
    url_name="api_start_need",
)
def start_need(request, pk: int = ObjectId):
    require_write(request)
    membership = request.membership
    need = need_queries.get_need(membership, pk)
    return need_actions.do_start_need(membership, need)


@api.post(
    "/needs/{pk}/close",
    response=responses(200, s.NeedOut),
    tags=["needs"],
    url_name="api_close_need",
)
def close_need(request, payload: s.NeedClose, pk: int = ObjectId):
    require_write(request)
    membership = request.membership
    need = need_queries.get_need(membership, pk)
    need_actions.do_close_need(membership, need, status=payload.status, reason=payload.reason)
    need.refresh_from_db()
    return need


# Recognition and survey results: their own module, over those areas' queries and actions.
from .community import router as community_router  # noqa: E402

api.add_router("", community_router)
