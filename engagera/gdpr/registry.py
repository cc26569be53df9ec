"""The personal-data registry: what each app holds about a person, and how to export and erase it.

Every app that stores data about people declares it in its own ``personal_data.py``
(``engagera/<app>/personal_data.py``), which calls :func:`register` once per data type.
The gdpr app imports those modules when Django starts, so the right of access, erasure
and retention cover a new feature as soon as its module exists. A test fails when a
model points at a user or an employee and no data type names it.

A data type is about one *subject*: an employee record (people.Person), an account
(core.User), or both when they are linked, always inside one organisation.

Anonymous aggregates (survey results, counts) are not personal data: do not register
them. A type whose rows feed such an aggregate should anonymise them in ``erase`` (drop
the link to the person) instead of deleting them, so the aggregate stays intact.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from engagera.core.models import Organisation, User
from engagera.people.models import Person


@dataclass(frozen=True)
class Subject:
    """The person a request is about, inside one organisation."""

    organisation: Organisation
    person: Person | None = None
    user: User | None = None

    @property
    def key(self) -> str:
        """The identifier used in URLs: an id, never a name or an address."""
        if self.person is not None:
            return f"person-{self.person.pk}"
        assert self.user is not None
        return f"user-{self.user.pk}"

    @property
    def name(self) -> str:
        if self.person is not None and self.person.full_name:
            return self.person.full_name
        if self.user is not None:
            return self.user.full_name or self.user.email
        return self.person.email if self.person else ""

    @property
    def email(self) -> str:
        if self.user is not None:
            return self.user.email
        return self.person.email if self.person else ""

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def left_on(self) -> date | None:
        return self.person.left_on if self.person is not None else None


def plain(value: Any) -> Any:
    """A value as JSON can hold it: dates as ISO text, objects as their display text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Promise | Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return str(value)


@dataclass(frozen=True)
class DataType:
    """One kind of personal data, e.g. ``practices.performance_notes``."""

    key: str
    label: str | Promise  # what it is, for people
    purpose: str | Promise  # why Engagera keeps it (the record of processing shows it)
    # The rows holding this data about the subject, inside the subject's organisation.
    rows: Callable[[Subject], QuerySet]
    # Exported attribute (or key of export_row's dict) -> column label.
    fields: dict[str, str | Promise]
    # Models whose rows this type covers (app_label.ModelName), checked by the coverage test.
    models: tuple[str, ...]
    # Months after the person leaves until the rows go; None keeps them until erased by hand.
    default_months: int | None = 12
    # Who wrote an entry (a User), for redaction of third parties' names.
    author: Callable[[Any], User | None] | None = None
    # The row's values when a plain attribute per field is not enough.
    export_row: Callable[[Any], dict] | None = None
    # Remove or anonymise the subject's rows; returns how many rows changed.
    # The default deletes rows(subject) and counts what the deletion cascaded to.
    erase: Callable[[Subject], int] | None = None
    # Rows that name the person (the account, the employee record): handled after the rest,
    # and never removed by retention before everything else of the person is due.
    identity: bool = False
    # Types stored inside these rows: removing them removes those too, so retention
    # waits for the longest of them.
    contains: tuple[str, ...] = field(default=())
    # Rows that do not hang on the account or employee record (removing those unlinks
    # them rather than deleting them), so the identity need not wait for their retention.
    kept_apart: bool = False

    def count(self, subject: Subject) -> int:
        return self.rows(subject).count()

    def entries(self, subject: Subject) -> list[dict]:
        result = []
        for row in self.rows(subject):
            values = self.export_row(row) if self.export_row else {}
            entry = {
                name: plain(values.get(name, getattr(row, name, None))) for name in self.fields
            }
            if self.author is not None:
                entry["author"] = self.author(row)
            result.append(entry)
        return result

    def remove(self, subject: Subject) -> int:
        if self.erase is not None:
            return self.erase(subject)
        deleted, _per_model = self.rows(subject).delete()
        return deleted


_registry: dict[str, DataType] = {}


def register(*data_types: DataType) -> None:
    for data_type in data_types:
        if data_type.key in _registry and _registry[data_type.key] != data_type:
            raise ValueError(f"personal data type {data_type.key!r} is registered twice")
        _registry[data_type.key] = data_type


def data_types() -> list[DataType]:
    """Every registered type: the ones that hang on the person first, their identity last."""
    ordered = list(_registry.values())
    return [t for t in ordered if not t.identity] + [t for t in ordered if t.identity]


def erase_types(subject: Subject, types: list[DataType]) -> dict[str, int]:
    """Remove the subject's rows of each type, in the given order; rows changed per type."""
    return {data_type.key: data_type.remove(subject) for data_type in types}


def get(key: str) -> DataType:
    return _registry[key]


def covered_models() -> set[str]:
    return {label for data_type in _registry.values() for label in data_type.models}


def autodiscover() -> None:
    """Import every installed app's ``personal_data`` module (called from AppConfig.ready)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("personal_data")
