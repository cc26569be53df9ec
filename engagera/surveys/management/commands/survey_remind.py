from engagera.core.cli_base import UsageError, VerbCommand
from engagera.surveys import actions
from engagera.surveys.results import visible_rounds


class Command(VerbCommand):
    help = "Email a new one-time link to everyone who has not yet answered an open round."

    def add_arguments(self, parser):
        parser.add_argument("round", type=int, help="the round's number (its id)")
        parser.add_argument("--user", required=True, help="the round's manager or an admin")

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        round_ = visible_rounds(membership).filter(pk=options["round"]).first()
        if round_ is None:
            raise UsageError(f"no round {options['round']} that you may see")
        count = actions.do_remind(membership, round_)
        self.stdout.write(f"reminded {count} people who have not answered")
