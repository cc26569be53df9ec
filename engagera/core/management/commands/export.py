import json
import os
from pathlib import Path

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.core.models import Organisation
from engagera.gdpr import actions, queries
from engagera.gdpr.registry import Subject


def find(email: str, org: str) -> Subject:
    """The person named by EMAIL in the organisation ORG, or exit 2."""
    organisation = Organisation.objects.filter(slug=org).first()
    if organisation is None:
        raise UsageError(f"unknown organisation {org!r}")
    try:
        subject = queries.find_subject(organisation, email)
    except LookupError:
        raise UsageError(f"several employees in {org} have the address {email!r}") from None
    if subject is None:
        raise UsageError(f"nobody with the address {email!r} in {org}")
    return subject


class Command(VerbCommand):
    help = "Everything Engagera holds about one person, as JSON (the right of access)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--org", required=True, help="organisation short name (slug)")
        parser.add_argument(
            "--redact", action="store_true", help="hide other people's names (e.g. note authors)"
        )
        parser.add_argument("--output", "-o", help="write to this new file instead of stdout")

    def handle(self, *args, **options):
        subject = find(options["email"], options["org"])
        text = json.dumps(
            actions.do_export_person(subject, acting=None, redact=options["redact"]),
            ensure_ascii=False,
            indent=2,
        )
        if not options["output"]:
            self.stdout.write(text)
            return
        path = Path(options["output"]).expanduser()
        try:
            # Personal data: readable by the owner only, and never over an existing file.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror}") from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        self.stdout.write(f"wrote {path}")
