from django.db import migrations


def load(apps, schema_editor):
    from engagera.surveys.bank_sync import sync_questions

    sync_questions(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("practices", "0002_load_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
