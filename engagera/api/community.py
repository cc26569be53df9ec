"""API operations over the recognition and survey areas, through their own queries and
actions: recognition's visibility and weekly limit, and the surveys' anonymity rules
(engagera.surveys.results.round_results hides every group below the minimum)."""

from typing import Literal

from django.http import Http404
from ninja import Field, Path, Router, Schema
from ninja import Status as Reply
from ninja.pagination import paginate

from engagera.practices.models import Driver

from .base import MAX_ID, ApiError, Error, Pagination, require_write, responses

router = Router()
ObjectId = Path(..., ge=1, le=MAX_ID)


# --- recognition ----------------------------------------------------------------------------


class RecognitionOut(Schema):
    id: int
    kind: str
    receiver: int
    receiver_name: str
    team: str | None
    message: str
    driver: str | None
    visibility: str
    created_at: str
    hidden: bool


class RecognitionIn(Schema):
    receiver: int = Field(..., ge=1, le=MAX_ID, description="a colleague's employee id")
    message: str = Field(..., min_length=1, max_length=500)
    driver: str = Field(..., min_length=1, max_length=40, description="a driver code")
    visibility: Literal["team", "private"] = "team"


def _recognition_out(item) -> dict:
    return {
        "id": item.pk,
        "kind": item.kind,
        "receiver": item.receiver_id,
        "receiver_name": item.receiver.full_name,
        "team": item.team.name if item.team_id else None,
        "message": item.message,
        "driver": item.driver.code if item.driver_id else None,
        "visibility": item.visibility,
        "created_at": item.created_at.isoformat(),
        "hidden": item.hidden_at is not None,
    }


@router.get(
    "/recognitions",
    response=responses(200, list[RecognitionOut]),
    tags=["recognition"],
    url_name="api_list_recognitions",
)
@paginate(Pagination)
def list_recognitions(request):
    """The recognitions you may see, newest first (as in your feed)."""
    from engagera.recognition.queries import feed

    items, _older = feed(request.membership, limit=500)
    return [_recognition_out(item) for item in items]


@router.post(
    "/recognitions",
    response=responses(201, RecognitionOut),
    tags=["recognition"],
    url_name="api_recognise",
)
def recognise(request, payload: RecognitionIn):
    """Recognise a colleague (practice 45), within your organisation's weekly limit."""
    from engagera.recognition.actions import do_recognise
    from engagera.recognition.queries import colleagues

    require_write(request)
    membership = request.membership
    receiver = colleagues(membership).filter(pk=payload.receiver).first()
    if receiver is None:
        raise Http404
    driver = Driver.objects.filter(code=payload.driver).first()
    if driver is None:
        raise ApiError(400, "refused", "Unknown driver.", {"driver": ["unknown"]})
    item = do_recognise(
        membership,
        receiver,
        message=payload.message,
        driver=driver,
        visibility=payload.visibility,
    )
    return Reply(201, _recognition_out(item))


class HeroIn(Schema):
    person: int = Field(..., ge=1, le=MAX_ID, description="an employee in a team you lead")
    found_in: Literal["product", "process", "offer"]
    message: str = Field(..., min_length=1, max_length=500)


@router.post(
    "/heroes",
    response=responses(201, RecognitionOut),
    tags=["recognition"],
    url_name="api_name_hero",
)
def name_hero(request, payload: HeroIn):
    """Name the hero of the day: who found a flaw, and where (practice 50)."""
    from engagera.people.queries import get_person
    from engagera.recognition.actions import do_name_hero

    require_write(request)
    membership = request.membership
    person = get_person(membership, payload.person)
    item = do_name_hero(membership, person, found_in=payload.found_in, message=payload.message)
    return Reply(201, _recognition_out(item))


# --- survey results -------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    scope: str
    opens_on: str
    closes_on: str
    closed: bool


class ScoreOut(Schema):
    mean: float | None
    n: int
    change: float | None = None


class DriverScoreOut(Schema):
    code: str
    name: str
    score: ScoreOut


class QuestionScoreOut(Schema):
    code: str
    text: str
    driver: str
    score: ScoreOut


class RecommendationOut(Schema):
    score: int | None
    n: int
    promoters: int
    passives: int
    detractors: int
    change: int | None = None


class GroupOut(Schema):
    node: int
    team_id: int | None
    name: str
    parent: int | None
    children: list[int]
    shown: bool
    hidden_reason: str | None = None
    responses: int | None = None
    invited: int | None = None
    response_rate: float | None = None
    drivers: list[DriverScoreOut] = []
    questions: list[QuestionScoreOut] = []
    recommendation: RecommendationOut | None = None
    comments: list[str] = []
    comments_hidden_reason: str | None = None


class ResultsOut(Schema):
    round_id: int
    scope_name: str
    opens_on: str
    closes_on: str
    k: int
    k_comments: int
    top: int
    groups: list[GroupOut]


@router.get(
    "/survey-rounds",
    response=responses(200, list[RoundOut]),
    tags=["surveys"],
    url_name="api_list_survey_rounds",
)
@paginate(Pagination)
def list_survey_rounds(request):
    from engagera.surveys.results import visible_rounds

    today = request.membership.organisation.today()
    rounds = visible_rounds(request.membership).order_by("-closes_on", "-pk")[:500]
    return [
        {
            "id": r.pk,
            "scope": r.scope_name,
            "opens_on": r.opens_on.isoformat(),
            "closes_on": r.closes_on.isoformat(),
            "closed": r.is_closed(today),
        }
        for r in rounds
    ]


@router.get(
    "/survey-rounds/{pk}/results",
    response={**responses(200, ResultsOut), 409: Error},
    tags=["surveys"],
    url_name="api_survey_results",
)
def survey_results(request, pk: int = ObjectId):
    """A closed round's results for the groups you may see; a group with too few responses
    is hidden, with the reason, exactly as on the results page."""
    from engagera.surveys.results import ResultsNotReady, get_round, round_results

    membership = request.membership
    round_ = get_round(membership, pk)
    try:
        results = round_results(membership, round_)
    except ResultsNotReady:
        raise ApiError(409, "not_ready", "Results appear once the round has closed.") from None
    groups = sorted(results.groups.values(), key=lambda g: (g.parent is not None, g.node))
    return {
        "round_id": results.round_id,
        "scope_name": results.scope_name,
        "opens_on": results.opens_on.isoformat(),
        "closes_on": results.closes_on.isoformat(),
        "k": results.k,
        "k_comments": results.k_comments,
        "top": results.top,
        "groups": [_group_out(g) for g in groups],
    }


def _group_out(group) -> dict:
    from dataclasses import asdict

    data = asdict(group)
    data.pop("previous_round_id", None)
    data.pop("detailed", None)
    return data
