"""Importing people from real-world CSV files."""

import io
import sys

import pytest

from engagera.cli import main
from engagera.core.errors import ActionError
from engagera.people.actions import do_import_people
from engagera.people.models import Person, Team

SEMICOLON_1252 = (
    "Namn;E-post;Team;Chefens e-post;Startdatum;Titel\r\n"
    "Åsa Öberg;asa.oberg@solbacka.example;Hemtjänst Norr;anna@solbacka.example;2021-03-01;Undersköterska\r\n"
    "Björn Ängström;bjorn@solbacka.example;Hemtjänst Norr;anna@solbacka.example;2019-08-15;Samordnare\r\n"
    "Märta Ek;marta@solbacka.example;Kundtjänst;;;Handläggare\r\n"
).encode("cp1252")

UTF8_BOM = (
    "\ufeffname,email,team,manager email,start date,title\n"
    "Zoë Ångström,zoe@solbacka.example,IT,anna@solbacka.example,2024-01-15,Developer\n"
).encode("utf-8")

THREE_BAD = (
    b"name;email;team;manager email;start date;title\n"
    b"Ok Person;ok@solbacka.example;A;anna@solbacka.example;2020-01-01;\n"
    b"Wrong Boss;wb@solbacka.example;A;nobody@solbacka.example;2020-01-01;\n"
    b"Twice;ok@solbacka.example;A;;;\n"
    b"Bad Date;bd@solbacka.example;A;;15/13/2020;\n"
)


def test_it_reads_semicolons_and_windows_1252_with_swedish_letters(org, manager):
    report = do_import_people(org, SEMICOLON_1252, acting=None, dry_run=False)
    assert report.ok and report.written
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Björn Ängström",
        "Märta Ek",
        "Åsa Öberg",
    ]
    team = Team.objects.get(name="Hemtjänst Norr")
    assert list(team.managers.all()) == [manager.user]
    assert Person.objects.get(email="asa.oberg@solbacka.example").title == "Undersköterska"


def test_it_reads_utf8_with_a_bom(org, manager):
    report = do_import_people(org, UTF8_BOM, acting=None, dry_run=False)
    assert report.ok
    assert Person.objects.get().full_name == "Zoë Ångström"


def test_it_reports_every_bad_row_and_writes_nothing(org, manager):
    from django.utils import translation

    with translation.override("en"):
        report = do_import_people(org, THREE_BAD, acting=None, dry_run=False)
    assert [error.line for error in report.errors] == [3, 4, 5]
    messages = " ".join(error.message for error in report.errors)
    assert (
        "nobody@solbacka.example" in messages and "line 2" in messages and "15/13/2020" in messages
    )
    assert not report.written
    assert Person.objects.count() == 0 and Team.objects.count() == 0


def test_it_changes_nothing_on_a_reimport(org, manager):
    first = do_import_people(org, SEMICOLON_1252, acting=None, dry_run=False)
    assert len(first.created) == 3 and first.teams_created == ["Hemtjänst Norr", "Kundtjänst"]
    again = do_import_people(org, SEMICOLON_1252, acting=None, dry_run=False)
    assert again.changes == 0 and again.unchanged == 3


def test_it_previews_without_writing(org, manager):
    report = do_import_people(org, SEMICOLON_1252, acting=None, dry_run=True)
    assert len(report.created) == 3 and not report.written
    assert Person.objects.count() == 0


def test_it_updates_a_changed_person(org, manager):
    do_import_people(org, SEMICOLON_1252, acting=None, dry_run=False)
    changed = SEMICOLON_1252.replace("Samordnare".encode("cp1252"), b"Enhetschef")
    report = do_import_people(org, changed, acting=None, dry_run=False)
    assert report.updated == ["Björn Ängström"] and report.unchanged == 2
    assert Person.objects.get(email="bjorn@solbacka.example").title == "Enhetschef"


def test_it_refuses_a_manager_and_another_organisations_admin(org, manager, outsider_admin):
    with pytest.raises(ActionError):
        do_import_people(org, UTF8_BOM, acting=manager, dry_run=False)
    with pytest.raises(ActionError):
        do_import_people(org, UTF8_BOM, acting=outsider_admin, dry_run=False)
    assert Person.objects.count() == 0


def test_it_refuses_a_file_without_the_needed_columns(org):
    report = do_import_people(org, b"foo;bar\n1;2\n", acting=None, dry_run=False)
    assert report.errors and report.errors[0].line == 1


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    code = 0
    try:
        main(["engagera", *argv])
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_it_imports_from_the_command_line(org, manager, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(SEMICOLON_1252)
    code, out, _ = run("import-people", str(path), "--org", "solbacka", "--dry-run")
    assert code == 0 and "would create 3" in out and Person.objects.count() == 0
    code, out, _ = run("import-people", str(path), "--org", "solbacka")
    assert code == 0 and Person.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_bytes(THREE_BAD)
    code, _, err = run("import-people", str(bad), "--org", "solbacka")
    assert (
        code == 2
        and "Line 3" in err
        and err.strip().splitlines()[-1].startswith("engagera import-people:")
    )
    code, _, err = run("import-people", str(tmp_path / "missing.csv"), "--org", "solbacka")
    assert code == 2 and err.count("\n") == 1
