"""The base of every `engagera` verb: one-line errors on stderr and exit code 2.

Verbs parse arguments, find the user and objects, and call the same actions as the
web views; they hold no business logic of their own.
"""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from .errors import ActionError
from .models import Membership


class UsageError(CommandError):
    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class VerbCommand(BaseCommand):
    requires_system_checks: list = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Not "called from command line": the parser then raises CommandError instead of
        # printing usage, and run_from_argv turns that into one line on stderr.
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.prog = f"engagera {subcommand}"
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        pass

    def run_from_argv(self, argv):
        try:
            parser = self.create_parser(argv[0], argv[1])
            options = parser.parse_args(argv[2:])
            cmd_options = vars(options)
            args = cmd_options.pop("args", ())
            self.execute(*args, **cmd_options)
        except (CommandError, ActionError) as exc:
            prog = f"engagera {argv[1]}" if len(argv) > 1 else "engagera"
            message = str(exc).removeprefix("Error: ").replace("\n", " ")
            sys.stderr.write(f"{prog}: {message}\n")
            sys.exit(2)

    def execute(self, *args, **options):
        # Speak English on the command line unless asked otherwise; errors stay one line.
        with translation.override(options.get("lang") or "en"):
            try:
                return super().execute(*args, **options)
            except ActionError as exc:
                raise UsageError(str(exc)) from None

    # --- helpers shared by the verbs ---

    def membership(self, email: str) -> Membership:
        membership = (
            Membership.objects.select_related("organisation", "user")
            .filter(user__email__iexact=email.strip())
            .order_by("id")
            .first()
        )
        if membership is None:
            raise UsageError(f"unknown user {email!r}")
        return membership


def parse_day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, not {text!r}") from None
