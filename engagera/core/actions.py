"""Writes for accounts and organisations."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from engagera.audit.actions import record

from .errors import ActionError
from .models import Membership, Organisation, Role, User


@transaction.atomic
def do_create_organisation(name: str, *, slug: str = "", language: str = "sv") -> Organisation:
    name = name.strip()
    if not name:
        raise ActionError(_("The organisation needs a name."), field="name")
    slug = slugify(slug or name)[:60]
    if not slug:
        raise ActionError(
            _("The organisation needs a short name of letters or digits."), field="slug"
        )
    if Organisation.objects.filter(slug=slug).exists():
        raise ActionError(_("An organisation with that short name already exists."), field="slug")
    return Organisation.objects.create(name=name, slug=slug, language=language)


@transaction.atomic
def do_create_user(
    email: str,
    organisation: Organisation,
    role: str,
    *,
    password: str | None,
    full_name: str = "",
    language: str = "",
    check_password: bool = True,
) -> User:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ActionError(
            _("%(email)s is not a valid email address.") % {"email": email}, field="email"
        ) from None
    if role not in Role.values:
        raise ActionError(_("Unknown role %(role)s.") % {"role": role}, field="role")
    if language and language not in dict(settings.LANGUAGES):
        raise ActionError(
            _("Unknown language %(language)s.") % {"language": language}, field="language"
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ActionError(_("A user with that email address already exists."), field="email")
    user = User(email=email, full_name=full_name.strip(), language=language)
    if password is not None and check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ActionError(" ".join(exc.messages), field="password") from None
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def do_set_language(user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ActionError(_("Unknown language %(language)s.") % {"language": language})
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def do_change_role(membership: Membership, role: str, *, acting: Membership) -> Membership:
    """An administrator gives a member of their organisation another role (audited)."""
    if acting.role != Role.ADMIN or acting.organisation_id != membership.organisation_id:
        raise ActionError(_("Only administrators of the organisation can change roles."))
    if role not in Role.values:
        raise ActionError(_("Unknown role %(role)s.") % {"role": role}, field="role")
    # Lock the organisation's memberships so two admins cannot demote each other at once.
    admins = set(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )
    previous = Membership.objects.values_list("role", flat=True).get(pk=membership.pk)
    if previous == role:
        return membership
    if previous == Role.ADMIN and not admins - {membership.pk}:
        raise ActionError(_("The organisation needs at least one administrator."), field="role")
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        "membership.role_changed",
        organisation=membership.organisation,
        actor=acting.user,
        target=membership.user,
        details={"membership": membership.pk, "from": previous, "to": role},
    )
    return membership
