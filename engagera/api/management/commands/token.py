from engagera.api import actions
from engagera.core.cli_base import VerbCommand, parse_day


class Command(VerbCommand):
    help = "Create a personal API token; it is printed once on stdout and stored hashed."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create"])
        parser.add_argument("--user", required=True)
        parser.add_argument("--scope", choices=["read", "write"], default="read")
        parser.add_argument("--expires", help="YYYY-MM-DD (default: until revoked)")
        parser.add_argument("--name", default="")

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        expires_on = parse_day(options["expires"], "--expires") if options["expires"] else None
        _token, secret = actions.do_create_token(
            membership, scope=options["scope"], name=options["name"], expires_on=expires_on
        )
        self.stdout.write(secret)
