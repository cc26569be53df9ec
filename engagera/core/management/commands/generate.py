import json

from tqdm import tqdm

from engagera.core.cli_base import UsageError, VerbCommand, parse_day
from engagera.core.generate import generate


class Command(VerbCommand):
    help = (
        "Create a large, realistic organisation for benchmarks and load tests "
        "(deterministic for a given --seed and --today)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10000)
        parser.add_argument("--managers", type=int, default=500)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--slug", default="storstad", help="the organisation's short name")
        parser.add_argument("--name", default="Storstads kommun")
        parser.add_argument("--today", help="YYYY-MM-DD: the last day of history (default today)")
        parser.add_argument(
            "--password", default="engagera-generated", help="the password of every account"
        )
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        today = parse_day(options["today"], "--today") if options["today"] else None
        if options["people"] > 200_000 or options["managers"] > 20_000 or options["years"] > 20:
            raise UsageError("at most 200000 people, 20000 managers and 20 years")
        quiet = options["quiet"] or options["json"]

        def progress(iterable, total, label):
            return tqdm(iterable, total=total, desc=label, unit=label[:-1], disable=quiet)

        try:
            result = generate(
                people=options["people"],
                managers=options["managers"],
                years=options["years"],
                seed=options["seed"],
                slug=options["slug"],
                name=options["name"],
                password=options["password"],
                today=today,
                progress=progress,
            )
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if options["json"]:
            self.stdout.write(
                json.dumps({"organisation": result.organisation.slug, **result.counts})
            )
            return
        self.stdout.write(f"Created {result.organisation.name} ({result.organisation.slug}):")
        for name, count in result.counts.items():
            self.stdout.write(f"  {name:<18} {count:>10,}")
        self.stdout.write(
            f"Managers sign in as chef0000@{options['slug']}.example ... and administrators as "
            f"hr0@{options['slug']}.example, password {options['password']!r}."
        )
