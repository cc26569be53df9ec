"""The right of access: one document with everything Engagera holds about a person.

The JSON document is the source; the readable page is drawn from it, so both always
show the same. Entries may carry an "author" (who wrote them): with redaction on,
every author other than the person themselves becomes "redacted".
"""

import re
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import queries, registry
from .registry import Subject

FORMAT = "engagera-personal-data/1"
REDACTED = "redacted"


def _author(author, subject: Subject, redact: bool) -> str | None:
    if author is None:
        return None
    if redact and author.pk != subject.user_id:
        return REDACTED
    return author.get_full_name()


def document(subject: Subject, *, redact: bool = False) -> dict:
    months = queries.effective_months(subject.organisation)
    sections = []
    for data_type in registry.data_types():
        entries = data_type.entries(subject)
        for entry in entries:
            if "author" in entry:
                entry["author"] = _author(entry["author"], subject, redact)
        sections.append(
            {
                "type": data_type.key,
                "label": str(data_type.label),
                "purpose": str(data_type.purpose),
                "deleted_months_after_leaving": months[data_type.key],
                "entries": entries,
            }
        )
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "organisation": {"name": subject.organisation.name, "slug": subject.organisation.slug},
        "subject": subject.key,
        "redacted": redact,
        "data": sections,
    }


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T")


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value == REDACTED:
        return _("(name hidden)")
    if isinstance(value, str) and _DAY.match(value):
        return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if isinstance(value, str) and _MOMENT.match(value):
        moment = timezone.localtime(datetime.fromisoformat(value))
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    return str(value)


def readable(doc: dict) -> list[dict]:
    """The document's sections as headed tables of display text, for the HTML page."""
    sections = []
    for section in doc["data"]:
        data_type = registry.get(section["type"])
        columns = list(data_type.fields)
        headers = [str(data_type.fields[name]) for name in columns]
        if data_type.author is not None:
            columns.append("author")
            headers.append(_("written by"))
        sections.append(
            {
                "key": section["type"],
                "label": section["label"],
                "purpose": section["purpose"],
                "months": section["deleted_months_after_leaving"],
                "headers": headers,
                "rows": [[_shown(entry.get(c)) for c in columns] for entry in section["entries"]],
            }
        )
    return sections
