from django.db import migrations


def load(apps, schema_editor):
    from engagera.practices.catalogue_sync import sync_catalogue

    sync_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
