import json

from engagera.core.cli_base import VerbCommand, parse_day
from engagera.practices import queries


class Command(VerbCommand):
    help = "Show strength, streak and this period's count for each practice in the plan."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True)
        parser.add_argument("--on", help="YYYY-MM-DD (default today)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        on = parse_day(options["on"], "--on") if options["on"] else None
        statuses = queries.plan_status(membership, on)
        if options["json"]:
            self.stdout.write(
                json.dumps({"items": [s.as_dict() for s in statuses]}, ensure_ascii=False)
            )
            return
        if not statuses:
            self.stdout.write("no active practices in the plan")
        for s in statuses:
            self.stdout.write(
                f"{s.item.practice.number:>3}  {s.item.practice.slug:<32} {str(s.target):<8} "
                f"strength {s.strength:.2f}  streak {s.streak}  this period {s.done_this_period}/{s.item.times}  {s.item.state}"
            )
