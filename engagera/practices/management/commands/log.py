from engagera.core.cli_base import VerbCommand, parse_day
from engagera.practices import actions
from engagera.practices.cli_lookup import person_for, plan_item_for


class Command(VerbCommand):
    help = "Record that you performed a practice."

    def add_arguments(self, parser):
        parser.add_argument("practice", help="practice number or slug")
        parser.add_argument("--user", required=True)
        parser.add_argument("--date", help="YYYY-MM-DD (default today)")
        parser.add_argument("--note", default="")
        parser.add_argument(
            "--with", dest="person", help="with whom: an employee's email or id, in a team you lead"
        )

    def handle(self, *args, **options):
        day = parse_day(options["date"], "--date") if options["date"] else None
        membership = self.membership(options["user"])
        item = plan_item_for(membership, options["practice"])
        person = person_for(membership, options["person"]) if options["person"] else None
        performance, _created = actions.do_log_performance(
            membership, item, day=day, note=options["note"], person=person
        )
        self.stdout.write(
            f"logged {item.practice.number} {item.practice.slug} on {performance.performed_on}"
        )
