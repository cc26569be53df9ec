from engagera.core.cli_base import VerbCommand, parse_day
from engagera.practices import actions
from engagera.practices.cli_lookup import plan_item_for


class Command(VerbCommand):
    help = "Pause days for a practice: they neither raise nor lower its strength."

    def add_arguments(self, parser):
        parser.add_argument("practice", help="practice number or slug")
        parser.add_argument("--user", required=True)
        parser.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD")

    def handle(self, *args, **options):
        first = parse_day(options["first"], "--from")
        last = parse_day(options["last"], "--to")
        membership = self.membership(options["user"])
        item = plan_item_for(membership, options["practice"])
        count = actions.do_skip_days(membership, [item], first, last)
        self.stdout.write(
            f"paused {count} new day(s) for {item.practice.number} {item.practice.slug}"
        )
