import json
import os
import sys
from pathlib import Path

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.core.models import Organisation
from engagera.gdpr import actions, org_export, queries
from engagera.gdpr.progress import Bar
from engagera.gdpr.registry import Subject


def organisation_named(org: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=org).first()
    if organisation is None:
        raise UsageError(f"unknown organisation {org!r}")
    return organisation


def find(email: str, org: str) -> Subject:
    """The person named by EMAIL in the organisation ORG, or exit 2."""
    organisation = organisation_named(org)
    try:
        subject = queries.find_subject(organisation, email)
    except LookupError:
        raise UsageError(f"several employees in {org} have the address {email!r}") from None
    if subject is None:
        raise UsageError(f"nobody with the address {email!r} in {org}")
    return subject


class Command(VerbCommand):
    help = (
        "With EMAIL: everything Engagera holds about one person, as JSON (the right of access). "
        "Without: the whole organisation as a JSON fixture for `engagera loaddata` (a backup of "
        "one organisation, or a move to an empty installation of the same version). The "
        "organisation export leaves out sessions, sign-in links and invitations, API tokens, "
        "two-factor devices and backup codes, calendar feed and webhook addresses, sign-in attempt logs, the task "
        "queue and every survey response, answer and tally; accounts come without passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", help="one person; leave out for the organisation")
        parser.add_argument("--org", required=True, help="organisation short name (slug)")
        parser.add_argument(
            "--redact", action="store_true", help="hide other people's names (e.g. note authors)"
        )
        parser.add_argument("--output", "-o", help="write to this new file instead of stdout")
        parser.add_argument(
            "--json", action="store_true", help="organisation export: a JSON summary on stdout"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="organisation export: no progress bar"
        )

    def handle(self, *args, **options):
        if options["email"] is None:
            self.export_organisation(options)
            return
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

    def export_organisation(self, options):
        if options["redact"]:
            raise UsageError("--redact applies to one person's export (give an EMAIL)")
        if options["json"] and not options["output"]:
            raise UsageError("--json needs --output FILE: without it the export itself is stdout")
        organisation = organisation_named(options["org"])
        with Bar(unit="rows", enabled=not options["no_progress"]) as bar:
            if not options["output"]:
                org_export.write(organisation, sys.stdout, progress=bar)
                return
            path = Path(options["output"]).expanduser()
            try:
                counts = org_export.export(organisation, path, progress=bar)
            except org_export.ExportError as exc:
                raise UsageError(str(exc)) from None
        total = sum(counts.values())
        size = path.stat().st_size
        if options["json"]:
            summary = {
                "organisation": organisation.slug,
                "file": str(path),
                "bytes": size,
                "rows": total,
                "models": dict(counts),
                "excluded": sorted(org_export.EXCLUDED),
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        kinds = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(f"wrote {path}: {total} rows, {size} bytes ({kinds})")
