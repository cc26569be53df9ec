import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagera.core.errors import ActionError
from engagera.core.models import Membership
from engagera.people.models import Person
from engagera.people.queries import is_leader_of

from .models import CLOSED, Category, Need, Status


def _may_raise(membership: Membership, person: Person) -> bool:
    own = person.user_id is not None and person.user_id == membership.user_id
    return person.organisation_id == membership.organisation_id and (
        own or is_leader_of(membership, person)
    )


def _handle(membership: Membership, need: Need) -> None:
    if need.organisation_id != membership.organisation_id or not is_leader_of(
        membership, need.person
    ):
        raise ActionError(_("Only the person's manager can handle this need."))


@transaction.atomic
def do_raise_need(
    membership: Membership, person: Person, *, category: str, description: str
) -> Need:
    """A person raises a need (or their manager records it for them)."""
    if not _may_raise(membership, person):
        raise ActionError(_("You cannot raise a need for this person."))
    if category not in Category.values:
        raise ActionError(_("Choose what kind of need it is."), field="category")
    if not description.strip():
        raise ActionError(_("Describe what is needed."), field="description")
    return Need.objects.create(
        organisation=membership.organisation,
        person=person,
        raised_by=membership.user,
        category=category,
        description=description.strip()[:500],
        raised_at=timezone.now(),
    )


@transaction.atomic
def do_start_need(membership: Membership, need: Need) -> Need:
    _handle(membership, need)
    if need.is_closed:
        raise ActionError(_("This need is already closed."))
    need.status = Status.IN_PROGRESS
    need.first_response_at = need.first_response_at or timezone.now()
    need.save(update_fields=["status", "first_response_at"])
    return need


@transaction.atomic
def do_close_need(membership: Membership, need: Need, *, status: str, reason: str = "") -> str:
    """Close as done or declined (with a reason). Returns the secret of the one-time rating link."""
    _handle(membership, need)
    if status not in CLOSED:
        raise ActionError(_("Close it as done or declined."), field="status")
    if status == Status.DECLINED and not reason.strip():
        raise ActionError(_("Say why the need is declined."), field="reason")
    if need.is_closed:
        raise ActionError(_("This need is already closed."))
    now = timezone.now()
    secret = secrets.token_urlsafe(24)
    need.status = status
    need.decline_reason = reason.strip()[:500]
    need.first_response_at = need.first_response_at or now
    need.resolved_at = now
    need.rating_token_hash = hashlib.sha256(secret.encode()).hexdigest()
    need.save()
    return secret


def need_for_rating_secret(secret: str) -> Need | None:
    digest = hashlib.sha256(secret.encode()).hexdigest()
    return Need.objects.filter(rating_token_hash=digest, rating__isnull=True).first()


@transaction.atomic
def do_rate_need(
    need: Need, *, score: int, comment: str = "", membership: Membership | None = None
) -> Need:
    """The person rates how well a closed need was handled: through their account or the link."""
    if membership is not None and need.person.user_id != membership.user_id:
        raise ActionError(_("Only the person who had the need can rate it."))
    if not need.is_closed:
        raise ActionError(_("A need can be rated once it is closed."))
    if need.rating is not None:
        raise ActionError(_("This need has already been rated."))
    if not 1 <= int(score) <= 5:
        raise ActionError(_("Choose a value from 1 to 5."), field="score")
    need.rating = int(score)
    need.rating_comment = comment.strip()[:500]
    need.rated_at = timezone.now()
    need.rating_token_hash = ""  # the link works once
    need.save(update_fields=["rating", "rating_comment", "rated_at", "rating_token_hash"])
    return need
