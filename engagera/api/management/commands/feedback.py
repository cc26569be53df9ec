from engagera.core.cli_base import VerbCommand, parse_day
from engagera.feedback import actions
from engagera.practices.cli_lookup import person_for


class Command(VerbCommand):
    help = "Record feedback you gave an employee (practice 43)."

    def add_arguments(self, parser):
        parser.add_argument("person", help="the employee's email or id, in a team you lead")
        parser.add_argument("--user", required=True)
        parser.add_argument("--kind", required=True, choices=["reinforcing", "developmental"])
        parser.add_argument("--note", default="")
        parser.add_argument("--date", help="YYYY-MM-DD (default today)")
        parser.add_argument(
            "--count", action="store_true", help="also count it as a performance of practice 43"
        )

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        person = person_for(membership, options["person"])
        day = parse_day(options["date"], "--date") if options["date"] else None
        feedback = actions.do_log_feedback(
            membership,
            person,
            kind=options["kind"],
            day=day,
            note=options["note"],
            count_as_practice=options["count"],
        )
        self.stdout.write(f"{feedback.kind} feedback to {person.full_name} on {feedback.given_on}")
