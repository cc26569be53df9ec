"""Keep the shared catalogue in the database equal to catalogue.py (idempotent)."""

from django.db import transaction

from . import catalogue


@transaction.atomic
def sync_catalogue(apps=None) -> tuple[int, int]:
    """Upsert drivers and the shared practices; returns (drivers, practices) written.

    Works with a migration's historical models (pass `apps`) or the live ones.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Driver = apps.get_model("practices", "Driver")
    Practice = apps.get_model("practices", "Practice")
    drivers = {}
    for position, row in enumerate(catalogue.DRIVERS):
        driver, _ = Driver.objects.update_or_create(
            code=row["code"],
            defaults={
                "position": position,
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "description_sv": row["description_sv"],
                "description_en": row["description_en"],
            },
        )
        drivers[driver.code] = driver
    for row in catalogue.PRACTICES:
        practice, _ = Practice.objects.update_or_create(
            organisation=None,
            number=row["number"],
            defaults={
                "slug": row["slug"],
                "title_sv": row["title_sv"],
                "title_en": row["title_en"],
                "description_sv": row["description_sv"],
                "description_en": row["description_en"],
                "tip_sv": row["tip_sv"],
                "tip_en": row["tip_en"],
                "cadence": row["cadence"],
                "source": row["source"],
            },
        )
        practice.drivers.set([drivers[code] for code in row["drivers"]])
    return len(catalogue.DRIVERS), len(catalogue.PRACTICES)


def catalogue_is_loaded() -> bool:
    from .models import Practice

    return Practice.objects.filter(organisation__isnull=True).count() == len(catalogue.PRACTICES)
