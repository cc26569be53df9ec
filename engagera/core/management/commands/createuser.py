import getpass
import sys

from engagera.core.actions import do_create_user
from engagera.core.cli_base import UsageError, VerbCommand
from engagera.core.models import Organisation, Role


class Command(VerbCommand):
    help = "Create a user in an organisation (creating the organisation if it is new)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--org", required=True, help="organisation short name (slug)")
        parser.add_argument("--org-name", help="full name when the organisation is created")
        parser.add_argument(
            "--role", required=True, choices=[Role.MANAGER, Role.ADMIN, Role.MEMBER]
        )
        parser.add_argument("--name", default="", help="the person's full name")
        parser.add_argument("--lang", dest="language", choices=["sv", "en"], default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )

    def handle(self, *args, **options):
        from engagera.core.actions import do_create_organisation

        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise UsageError("the passwords did not match")
        else:
            raise UsageError("give the password with --password-stdin or run in a terminal")
        if not password:
            raise UsageError("the password is empty")
        if organisation is None:
            organisation = do_create_organisation(
                options["org_name"] or options["org"], slug=options["org"]
            )
        user = do_create_user(
            options["email"],
            organisation,
            options["role"],
            password=password,
            full_name=options["name"],
            language=options["language"],
        )
        self.stdout.write(f"created {user.email} ({options['role']}) in {organisation.slug}")
