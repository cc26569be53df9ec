"""One organisation's data as a Django fixture (JSON): a backup of one tenant, or a move.

Which rows belong to the organisation is derived from the models themselves: a model is
exported when a chain of foreign keys leads from it to core.Organisation (the shortest
chain, NOT NULL links preferred), so a new model with an `organisation` key or a key to an
exported model is exported without anyone remembering to list it. Models with no such
chain, and the few that have one but must stay behind, are named in EXCLUDED with the
reason; tests/trust/test_org_export.py fails for a model that is in neither place.

Deliberately left out (EXCLUDED):
- sessions, sign-in links and invitations, API tokens, two-factor devices and backup codes,
  calendar feed addresses and the webhook address: secrets, or hashes of them;
- sign-in attempt logs and the task queue: the installation's, not the organisation's;
- inside exported rows, the hash of a need's rating link (BLANKED): that link stops working;
- survey invitations, responses, answers and the per-team tallies: Engagera promises that
  survey responses are never exported. Tallies hold counts per team before the anonymity
  rules hide small groups, so they stay behind too; results come back only on the
  installation that holds the answers;
- the shared catalogue (drivers, the shared practices, the survey question bank) and
  Django's own tables: every installation has them from its migrations.

Accounts come without their password hash and without installation-wide rights (staff,
superuser, groups, permissions): after a move everyone sets a new password through
"Forgot password". Accounts are those with a membership in the organisation plus any
account an exported row refers to (e.g. the author of a note who has since left).

Load the file with `engagera loaddata FILE` into a freshly migrated, empty installation of
the same version: rows keep their ids (and refer to the shared catalogue by id), so
loading into a database that already holds data would overwrite rows with the same ids.
"""

import contextlib
import datetime
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import Prefetch, Q

from engagera.core.models import Membership, Organisation, User

from . import audit

# progress(rows done, rows in all, the model being written)
Progress = Callable[[int, int, str], None]

SECRETS = "secrets, or hashes of secrets"
SURVEYS = "survey responses are never exported (anonymity)"
INSTALLATION = "the installation's, not the organisation's"
SHARED = "shared catalogue: every installation has it from its migrations"
EXCLUDED = {
    "sessions.Session": SECRETS,
    "security.SignInLink": f"sign-in links and invitations: {SECRETS}",
    "api.ApiToken": f"API tokens: {SECRETS}",
    "otp_totp.TOTPDevice": f"two-factor devices: {SECRETS}",
    "otp_static.StaticDevice": f"two-factor backup codes: {SECRETS}",
    "otp_static.StaticToken": f"two-factor backup codes: {SECRETS}",
    "reminders.CalendarFeed": f"calendar feed addresses: {SECRETS}",
    "reminders.Webhook": "the webhook address is a secret for Slack and Teams",
    "surveys.Invitation": f"one-time survey links and who has answered; {SURVEYS}",
    "surveys.Response": SURVEYS,
    "surveys.Answer": SURVEYS,
    "surveys.Tally": f"counts per team before small groups are hidden; {SURVEYS}",
    "axes.AccessAttempt": f"sign-in attempt logs: {INSTALLATION}",
    "axes.AccessAttemptExpiration": f"sign-in attempt logs: {INSTALLATION}",
    "axes.AccessFailureLog": f"sign-in attempt logs: {INSTALLATION}",
    "axes.AccessLog": f"sign-in attempt logs: {INSTALLATION}",
    "django_tasks_database.DBTaskResult": f"the task queue: {INSTALLATION}",
    "reminders.PeriodicSlot": f"the worker's schedule: {INSTALLATION}",
    "practices.Driver": SHARED,
    "surveys.Question": SHARED,
    "auth.Permission": SHARED,
    "auth.Group": "installation-wide rights",
    "contenttypes.ContentType": SHARED,
}
# Secrets inside exported rows: written empty (the link they belong to stops working).
BLANKED = {"needs.Need": ("rating_token_hash",)}
# Rows of these models are found another way than a foreign-key chain (see `querysets`).
SPECIAL = {"core.Organisation": "the organisation itself", "core.User": "its members' accounts"}
# Installation-wide rights that an account must not carry into another installation.
USER_RIGHTS = ("groups", "user_permissions")
CHUNK = 2000


class ExportError(Exception):
    """A one-line reason the export cannot be written."""


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder rounds moments to milliseconds; a move keeps them to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and o.microsecond:
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _relations(model) -> Iterator[models.Field]:
    for field in model._meta.concrete_fields:
        if field.many_to_one or field.one_to_one:
            yield field


def paths() -> dict[type[models.Model], str]:
    """Each exported model's lookup from its rows to their organisation, e.g. "plan_item__organisation".

    Breadth first: a model's chain is one link longer than the shortest chain among the
    models it points to; among equally short chains a NOT NULL link wins (a nullable one
    would drop the rows where it is empty).
    """
    found: dict[type[models.Model], str] = {Organisation: "pk"}
    pending = [
        model
        for model in apps.get_models()
        if model._meta.label not in EXCLUDED and model._meta.label not in SPECIAL
    ]
    while pending:
        step = {}
        for model in pending:
            choices = []
            for field in _relations(model):
                target = field.related_model
                if target is Organisation:
                    choices.append((field.null, field.name))
                elif target in found and target is not model:
                    choices.append((field.null, f"{field.name}__{found[target]}"))
            if choices:
                step[model] = min(choices, key=lambda choice: (choice[1].count("__"), choice))[1]
        if not step:
            break
        found.update(step)
        pending = [model for model in pending if model not in step]
    del found[Organisation]
    return found


def unaccounted() -> list[str]:
    """Models that are neither exported nor deliberately left out: each needs a decision."""
    known = set(paths())
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if model not in known
        and model._meta.label not in EXCLUDED
        and model._meta.label not in SPECIAL
    )


def _ordered(found: dict[type[models.Model], str]) -> list[type[models.Model]]:
    """Models after the models they point to, so the file reads top down (loaddata needs no order)."""
    done: list[type[models.Model]] = []

    def visit(model, seen):
        if model in done or model in seen:
            return
        for field in _relations(model):
            if field.related_model in found:
                visit(field.related_model, seen | {model})
        done.append(model)

    for model in found:
        visit(model, frozenset())
    return done


def _users(organisation: Organisation, found: dict) -> models.QuerySet:
    """Members, and every account an exported row refers to."""
    wanted = Q(pk__in=Membership.objects.filter(organisation=organisation).values("user_id"))
    for model, path in found.items():
        rows = model._base_manager.filter(**{path: organisation})
        for field in _relations(model):
            if field.related_model is User:
                wanted |= Q(pk__in=rows.exclude(**{field.attname: None}).values(field.attname))
        for field in model._meta.many_to_many:
            if field.related_model is User:
                wanted |= Q(pk__in=rows.exclude(**{field.name: None}).values(field.name))
    return User._base_manager.filter(wanted).prefetch_related(
        *(
            Prefetch(name, queryset=getattr(User, name).field.related_model.objects.none())
            for name in USER_RIGHTS
        )
    )


def querysets(organisation: Organisation) -> list[tuple[str, models.QuerySet]]:
    """(model label, rows) for everything exported, in the order they are written."""
    found = paths()
    plan = [
        ("core.Organisation", Organisation._base_manager.filter(pk=organisation.pk)),
        ("core.User", _users(organisation, found)),
    ]
    for model in _ordered(found):
        rows = model._base_manager.filter(**{found[model]: organisation})
        names = [field.name for field in model._meta.many_to_many]
        if names:
            rows = rows.prefetch_related(*names)
        plan.append((model._meta.label, rows))
    return [(label, rows.order_by("pk")) for label, rows in plan]


def _without_secrets(row: models.Model, label: str) -> models.Model:
    if label == "core.User":
        row.password = make_password(None)  # unusable: "!" and random characters, no hash
        row.is_staff = False
        row.is_superuser = False
    for name in BLANKED.get(label, ()):
        setattr(row, name, row._meta.get_field(name).get_default())
    return row


@contextlib.contextmanager
def _snapshot(using: str):
    """Read every table as of one moment, without holding up the server's writes.

    PostgreSQL: a read-only REPEATABLE READ transaction. SQLite: a deferred transaction
    (Django's own begin IMMEDIATE would block writers for the whole export), which in
    WAL mode reads one snapshot while others write. Inside a caller's transaction
    (tests) that transaction is the snapshot.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")  # nothing was written
    else:
        yield


def write(
    organisation: Organisation,
    stream: TextIO,
    *,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> Counter:
    """Write the organisation's rows to `stream` as one JSON array; returns rows per model."""
    counts: Counter = Counter()
    with _snapshot(using):
        plan = [(label, rows.using(using)) for label, rows in querysets(organisation)]
        total = sum(rows.count() for _, rows in plan) if progress else 0
        done = 0

        def objects():
            nonlocal done
            for label, rows in plan:
                if progress:
                    progress(done, total, label)
                for row in rows.iterator(chunk_size=CHUNK):
                    yield _without_secrets(row, label)
                    counts[label] += 1
                    done += 1
                    if progress and done % 100 == 0:
                        progress(done, total, label)
            if progress:
                progress(done, total, "")

        serializers.serialize("json", objects(), stream=stream, cls=ExactEncoder)
        stream.write("\n")
    audit.record("data.exported", organisation=organisation, subject="organisation", rows=done)
    return counts


def export(
    organisation: Organisation,
    path: Path,
    *,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> Counter:
    """Write the export to the new file `path`, readable by the owner only.

    The rows go to a hidden temporary file beside it, which takes the final name only once
    complete: a failed or interrupted export leaves no half-written file behind.
    """
    if path.exists():
        raise ExportError(f"{path} already exists; choose a new file name")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    partial = Path(name)  # mkstemp: mode 0600, and a name nobody else holds
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            counts = write(organisation, handle, progress=progress, using=using)
            handle.flush()
            os.fsync(handle.fileno())
        _publish(partial, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _publish(partial: Path, path: Path) -> None:
    """Give the finished file its name, never over a file that appeared meanwhile."""
    try:
        os.link(partial, path)  # fails if `path` exists, unlike a rename
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose a new file name") from None
    except OSError:
        # A file system without hard links: check, then rename (a narrow race, not none).
        if path.exists():
            raise ExportError(f"{path} already exists; choose a new file name") from None
        partial.replace(path)
