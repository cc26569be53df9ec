import json

from django.utils import translation

from engagera.core.cli_base import VerbCommand
from engagera.core.models import Organisation
from engagera.practices import queries
from engagera.practices.models import Practice


class Command(VerbCommand):
    help = "List the practice catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--lang", choices=["sv", "en"], default="sv")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--org", help="include this organisation's own practices (slug)")

    def handle(self, *args, **options):
        if options["org"]:
            organisation = Organisation.objects.filter(slug=options["org"]).first()
            if organisation is None:
                from engagera.core.cli_base import UsageError

                raise UsageError(f"unknown organisation {options['org']!r}")
            practices = queries.visible_practices(organisation)
        else:
            practices = Practice.objects.filter(organisation__isnull=True).prefetch_related(
                "drivers"
            )
        with translation.override(options["lang"]):
            rows = [
                {
                    "number": p.number,
                    "slug": p.slug,
                    "title": p.title,
                    "description": p.description,
                    "tip": p.tip,
                    "drivers": [d.code for d in p.drivers.all()],
                    "cadence": p.cadence,
                    "source": p.source,
                }
                for p in practices
            ]
        if options["json"]:
            self.stdout.write(json.dumps({"practices": rows}, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['number']:>3}  {row['title']}  [{row['cadence']}]  ({row['slug']})"
            )
