"""`engagera invite`: the same invitation action from the command line."""

from django.core import mail

from engagera.people.models import Person
from tests.test_cli import run


def test_it_invites_from_the_command_line(manager, team_a, django_capture_on_commit_callbacks):
    org = team_a.organisation
    ali = Person.objects.create(
        organisation=org, team=team_a, full_name="Ali Ny", email="ali@solbacka.example"
    )
    code, out, _ = run("invite", "--by", manager.user.email, "--all", "--dry-run")
    assert code == 0 and "would invite Ali Ny" in out and ali.__class__.objects.get().user is None
    with django_capture_on_commit_callbacks(execute=True):
        code, out, _ = run("invite", "--by", manager.user.email, "--email", "ALI@solbacka.example")
    assert code == 0 and "1 invited" in out
    ali.refresh_from_db()
    assert ali.user is not None
    assert "/accounts/link/" in mail.outbox[0].body


def test_it_refuses_members_and_strangers_with_one_line(maja, manager, team_b):
    Person.objects.create(
        organisation=team_b.organisation, team=team_b, full_name="Kö", email="ko@solbacka.example"
    )
    code, _, err = run("invite", "--by", maja.user.email, "--all")
    assert code == 2 and err.count("\n") == 1
    code, _, err = run("invite", "--by", manager.user.email, "--email", "ko@solbacka.example")
    assert code == 2 and "not invitable" in err and err.count("\n") == 1
    assert not Person.objects.filter(user__isnull=False, email="ko@solbacka.example").exists()
