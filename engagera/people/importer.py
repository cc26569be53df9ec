"""Reading people from CSV files as Excel and HR systems write them.

Accepts UTF-8 (with or without BOM) and Windows-1252, comma, semicolon or tab
separators, English or Swedish column names. Every bad row is reported with its
line number; the caller writes nothing unless there are no errors at all.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024

COLUMNS = {
    "name": {"name", "namn", "full name", "fullständigt namn", "för och efternamn"},
    "email": {"email", "e-mail", "e-post", "epost", "mail", "e post", "email address"},
    "team": {"team", "grupp", "avdelning", "department", "enhet"},
    "manager_email": {
        "manager email",
        "manager",
        "manager e-mail",
        "chef",
        "chefens e-post",
        "chef e-post",
        "chefens epost",
        "närmaste chef",
    },
    "start_date": {"start date", "startdatum", "anställd", "anställningsdatum", "start"},
    "title": {"title", "titel", "befattning", "roll", "job title"},
}
REQUIRED = ("name", "email")
EXPORT_HEADER = ["name", "email", "team", "manager email", "start date", "title"]


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportRow:
    line: int
    name: str
    email: str
    team: str = ""
    manager_email: str = ""
    start_date: date | None = None
    title: str = ""


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _header_key(text: str) -> str | None:
    normal = re.sub(r"[\s_\-]+", " ", text.strip().lower().lstrip("\ufeff"))
    normal = normal.replace("e post", "e-post") if normal.startswith("e post") else normal
    for key, names in COLUMNS.items():
        if normal in names or normal.replace(" ", "") in {n.replace(" ", "") for n in names}:
            return key
    return None


def _delimiter(first_line: str) -> str:
    # Sniffer guesses wrong on short files; counting the candidates in the header is robust.
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse(data: bytes) -> ParsedFile:
    result = ParsedFile()
    if len(data) > MAX_BYTES:
        result.errors.append(RowError(0, _("The file is larger than 5 MB.")))
        return result
    text, result.encoding = decode(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        result.errors.append(RowError(1, _("The file is empty.")))
        return result
    result.delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text), delimiter=result.delimiter)
    header = next(reader)
    keys = [_header_key(cell) for cell in header]
    missing = [name for name in REQUIRED if name not in keys]
    if missing:
        result.errors.append(
            RowError(
                1,
                _(
                    "Missing column(s): %(columns)s. Expected name, email, team, "
                    "manager email, start date, title."
                )
                % {"columns": ", ".join(missing)},
            )
        )
        return result
    for line_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            key: cells[i].strip() if i < len(cells) else "" for i, key in enumerate(keys) if key
        }
        row, error = _row(line_number, values)
        if error:
            result.errors.append(error)
        else:
            result.rows.append(row)
    return result


def _row(line: int, values: dict[str, str]) -> tuple[ImportRow | None, RowError | None]:
    name, email = values.get("name", ""), values.get("email", "").lower()
    if not name:
        return None, RowError(line, _("the name is missing"))
    try:
        validate_email(email)
    except ValidationError:
        return None, RowError(
            line, _("%(email)s is not a valid email address") % {"email": email or "–"}
        )
    manager_email = values.get("manager_email", "").lower()
    if manager_email:
        try:
            validate_email(manager_email)
        except ValidationError:
            return None, RowError(
                line, _("the manager's email %(email)s is not valid") % {"email": manager_email}
            )
    start = None
    raw_date = values.get("start_date", "")
    if raw_date:
        try:
            start = date.fromisoformat(raw_date.replace("/", "-"))
        except ValueError:
            return None, RowError(
                line, _("%(value)s is not a date; write it as YYYY-MM-DD") % {"value": raw_date}
            )
    return ImportRow(
        line=line,
        name=name[:150],
        email=email,
        team=values.get("team", "")[:200],
        manager_email=manager_email,
        start_date=start,
        title=values.get("title", "")[:150],
    ), None


def export(people) -> bytes:
    """People as CSV that Swedish Excel opens directly: semicolons and a UTF-8 BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for person in people:
        managers = sorted(m.email for m in person.team.managers.all()) if person.team else []
        writer.writerow(
            [
                person.full_name,
                person.email,
                person.team.name if person.team else "",
                managers[0] if managers else "",
                person.start_date.isoformat() if person.start_date else "",
                person.title,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
