import json

from engagera.core.cli_base import UsageError, VerbCommand, parse_day
from engagera.lib.habits import Target
from engagera.practices import actions, queries
from engagera.practices.cli_lookup import plan_item_for, practice_for
from engagera.practices.models import PlanState


class Command(VerbCommand):
    help = "Manage a manager's plan: add, list, pause, resume, retire."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a practice to the plan")
        add.add_argument("practice", help="practice number or slug")
        add.add_argument("--user", required=True)
        add.add_argument(
            "--target",
            help="TIMES/PERIOD: 3/week, 1/day, 1/month, 1/14d (default: the practice's suggestion)",
        )
        add.add_argument("--start", help="YYYY-MM-DD (default today)")
        add.add_argument("--when", default="", help="if-then plan: the situation")
        add.add_argument("--then", default="", help="if-then plan: what you will do")
        add.add_argument("--yes", action="store_true", help="confirm going over the learning limit")
        lst = sub.add_parser("list", help="list the plan")
        lst.add_argument("--user", required=True)
        lst.add_argument("--json", action="store_true")
        for verb in ("pause", "resume", "retire"):
            p = sub.add_parser(verb, help=f"{verb} a practice")
            p.add_argument("practice")
            p.add_argument("--user", required=True)

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        action = options["action"]
        if action == "add":
            practice = practice_for(membership.organisation, options["practice"])
            try:
                target = Target.parse(options["target"] or practice.cadence)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            start = parse_day(options["start"], "--start") if options["start"] else None
            try:
                item = actions.do_add_plan_item(
                    membership,
                    practice,
                    target,
                    start_date=start,
                    if_situation=options["when"],
                    if_action=options["then"],
                    confirmed=options["yes"],
                )
            except actions.NeedsConfirmation as exc:
                raise UsageError(f"{exc} (add --yes to confirm)") from None
            self.stdout.write(
                f"added {practice.number} {practice.slug} {item.target} from {item.start_date}"
            )
        elif action == "list":
            statuses = queries.plan_status(membership, active_only=False)
            if options["json"]:
                self.stdout.write(
                    json.dumps({"items": [s.as_dict() for s in statuses]}, ensure_ascii=False)
                )
                return
            for s in statuses:
                self.stdout.write(
                    f"{s.item.practice.number:>3}  {s.item.practice.slug:<32} {str(s.target):<8} {s.item.state:<12} {s.strength:.2f}"
                )
        else:
            item = plan_item_for(membership, options["practice"])
            state = {
                "pause": PlanState.PAUSED,
                "resume": PlanState.LEARNING,
                "retire": PlanState.RETIRED,
            }[action]
            actions.do_set_plan_state(membership, item, state)
            self.stdout.write(f"{item.practice.number} {item.practice.slug}: {item.state}")
