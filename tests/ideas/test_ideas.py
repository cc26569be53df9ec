"""The idea board (48): post, build on, mark; only one's own team; a Markdown subset, inert."""

import pytest
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.ideas import actions
from engagera.ideas.models import BuildOn, Idea, IdeaStatus, ThinkingSession
from engagera.ideas.templatetags.ideas_text import render_markdown
from engagera.lib.habits import Target
from engagera.practices.actions import do_add_plan_item
from engagera.practices.models import Performance
from tests.conftest import practice

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


@pytest.fixture
def idea(maja, team_a):
    return actions.do_post_idea(maja, team_a, title="Schemat i molnet", text="Kanske **delat**?")


def test_it_lets_a_member_post_to_their_team_board(client_for, maja, team_a):
    client = client_for(maja)
    response = client.post(
        reverse("idea_board"), {"title": "Korta morgonmöten", "text": "- stående\n- 10 min"}
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert (idea.team, idea.author, idea.status) == (team_a, maja.user, IdeaStatus.OPEN)
    body = client.get(reverse("idea", args=[idea.pk])).content.decode()
    assert "<li>stående</li>" in body


def test_it_lets_the_team_build_on_an_idea(client_for, idea, tove, manager):
    client_for(tove).post(reverse("build_on_idea", args=[idea.pk]), {"text": "Och *mobilen*"})
    client_for(manager).post(reverse("build_on_idea", args=[idea.pk]), {"text": "Bra, prova!"})
    assert list(BuildOn.objects.values_list("text", flat=True)) == ["Och *mobilen*", "Bra, prova!"]
    body = client_for(tove).get(reverse("idea", args=[idea.pk])).content.decode()
    assert "<em>mobilen</em>" in body and "Bra, prova!" in body


def test_it_lets_the_manager_mark_an_idea(client_for, idea, manager, tove):
    assert (
        client_for(tove)
        .post(reverse("mark_idea", args=[idea.pk]), {"status": "adopted"})
        .status_code
        == 403
    )
    client_for(manager).post(
        reverse("mark_idea", args=[idea.pk]), {"status": "adopted", "note": "Vi kör i januari"}
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED and idea.status_by == manager.user


def test_it_keeps_a_team_board_from_other_teams_and_organisations(
    client_for, idea, kalle, colleague, stranger, outsider, team_a
):
    for refused in (kalle, colleague, stranger, outsider):
        client = client_for(refused)
        assert client.get(reverse("idea", args=[idea.pk])).status_code == 404
        assert (
            client.post(reverse("build_on_idea", args=[idea.pk]), {"text": "intrång"}).status_code
            == 404
        )
        assert client.get(reverse("idea_board") + f"?team={team_a.pk}").status_code == 404
        assert "Schemat i molnet" not in client.get(reverse("idea_board")).content.decode()
        assert client.post(
            reverse("mark_idea", args=[idea.pk]), {"status": "parked"}
        ).status_code in (403, 404)
    assert BuildOn.objects.count() == 0
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.OPEN


def test_it_refuses_posting_to_another_team(kalle, team_a):
    with pytest.raises(ActionError):
        actions.do_post_idea(kalle, team_a, title="x")


def test_it_counts_a_thinking_aloud_session_as_practice_48(client_for, manager, team_a, idea):
    item = do_add_plan_item(manager, practice(48), Target.parse("1/month"))
    response = client_for(manager).post(
        reverse("record_thinking_session"),
        {"team": team_a.pk, "held_on": manager.organisation.today().isoformat(), "note": "Kön"},
    )
    assert response.status_code == 302
    assert ThinkingSession.objects.get().team == team_a
    assert Performance.objects.filter(plan_item=item).count() == 1


def test_it_refuses_sessions_for_other_teams_and_members(client_for, manager, maja, team_b):
    assert client_for(maja).get(reverse("record_thinking_session")).status_code == 403
    response = client_for(manager).post(
        reverse("record_thinking_session"),
        {"team": team_b.pk, "held_on": manager.organisation.today().isoformat()},
    )
    assert response.status_code == 200
    assert ThinkingSession.objects.count() == 0


def test_it_renders_only_a_small_markdown_subset():
    html = render_markdown("**fet** och *kursiv*\n\n- a\n- b\n\n`kod` [länk](javascript:alert(1))")
    assert "<strong>fet</strong>" in html and "<em>kursiv</em>" in html
    assert "<ul>" in html and "<code>kod</code>" in html
    assert "<a" not in html  # no links at all


@pytest.mark.parametrize(
    "text",
    [
        PAYLOAD,
        '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
        "**<script>alert(1)</script>**",
        "<svg onload=alert(1)>",
    ],
)
def test_it_makes_html_inert(text):
    html = render_markdown(text)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "<a" not in html and 'onerror="' not in html and 'onclick="' not in html


def test_it_escapes_script_in_every_idea_field(client_for, maja, team_a, manager, tove):
    idea = actions.do_post_idea(maja, team_a, title=PAYLOAD, text=PAYLOAD)
    actions.do_build_on(tove, idea, text=PAYLOAD)
    actions.do_mark_idea(manager, idea, status="parked", note=PAYLOAD)
    actions.do_record_thinking_session(
        manager, team_a, held_on=manager.organisation.today(), note=PAYLOAD
    )
    for viewer, url in (
        (tove, reverse("idea", args=[idea.pk])),
        (tove, reverse("idea_board")),
        (tove, reverse("me")),
        (manager, reverse("idea_board") + f"?team={team_a.pk}"),
    ):
        body = client_for(viewer).get(url).content.decode()
        assert "<script>window.__xss" not in body and 'onerror="window.__xss' not in body
        assert "&lt;script&gt;window.__xss" in body
