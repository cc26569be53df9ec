"""Keep the question bank in the database equal to bank.py (idempotent)."""

from django.db import transaction

from . import bank


@transaction.atomic
def sync_questions(apps=None) -> int:
    """Upsert every question; a question gone from bank.py is kept but made inactive.

    Works with a migration's historical models (pass `apps`) or the live ones. Needs the
    drivers of the practice catalogue (practices' catalogue sync runs first).
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Driver = apps.get_model("practices", "Driver")
    Question = apps.get_model("surveys", "Question")
    drivers = {driver.code: driver for driver in Driver.objects.all()}
    if not drivers:
        from engagera.practices.catalogue_sync import sync_catalogue

        sync_catalogue(apps)
        drivers = {driver.code: driver for driver in Driver.objects.all()}
    rows = [(*row, "agreement") for row in bank.AGREEMENT] + [(*bank.RECOMMEND, "recommend")]
    for position, (code, driver, text_sv, text_en, kind) in enumerate(rows):
        Question.objects.update_or_create(
            code=code,
            defaults={
                "driver": drivers[driver],
                "position": position,
                "kind": kind,
                "text_sv": text_sv,
                "text_en": text_en,
                "active": True,
            },
        )
    Question.objects.exclude(code__in=[row[0] for row in rows]).update(active=False)
    return len(rows)


def bank_is_loaded() -> bool:
    from .models import Question

    return Question.objects.filter(active=True).count() == len(bank.AGREEMENT) + 1
