"""Results of a round past its closing day are computed once per viewer scope and kept:
the kept figures equal fresh ones, a smaller scope never reads a larger one's, and
anything that changes the figures (teams, names, minimums) changes the key."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.surveys import actions
from engagera.surveys.models import Round
from engagera.surveys.results import page_results, round_results

from .conftest import answer_all, make_team, open_now


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def past(*rounds):
    """Move closed rounds back in time, so their closing day has passed (the kept case)."""
    for n, round_ in enumerate(rounds):
        today = round_.organisation.today()
        Round.objects.filter(pk=round_.pk).update(
            opens_on=today - timedelta(days=20 - n), closes_on=today - timedelta(days=10 - n)
        )
        round_.refresh_from_db()


def fresh(membership, round_, **kwargs):
    """round_results computed from scratch (a memo of its own bypasses what is kept)."""
    return round_results(membership, round_, _memo={}, **kwargs)


def comparable(results):
    groups = {}
    for node, group in results.groups.items():
        group.comments = sorted(group.comments)
        groups[node] = group
    return results.top, groups


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


@pytest.fixture
def department_round(manager, colleague, admin):
    """A department led by the manager: team A (8, led by the colleague too) and B (5)."""
    dept = make_team(manager.organisation, "Avdelning", managers=[manager])
    a = make_team(manager.organisation, "A", parent=dept, people=8, managers=[colleague])
    b = make_team(manager.organisation, "B", parent=dept, people=5)
    round_ = open_now(admin, None)
    answer_all(round_, agreement=4, recommend=9, comment="Bra stämning")
    actions.do_close_round(admin, round_)
    past(round_)
    return round_, dept, a, b


def test_it_keeps_the_results_and_they_equal_fresh_ones(
    manager, colleague, admin, department_round
):
    round_, dept, a, b = department_round
    for viewer in (admin, manager, colleague):
        first = round_results(viewer, round_)
        assert comparable(first) == comparable(fresh(viewer, round_))
        kept = queries(lambda viewer=viewer: round_results(viewer, round_))
        computed = queries(lambda viewer=viewer: fresh(viewer, round_))
        assert kept < computed
        assert comparable(round_results(viewer, round_)) == comparable(first)


def test_a_smaller_scope_never_reads_a_larger_scopes_results(
    manager, colleague, admin, department_round
):
    round_, dept, a, b = department_round
    assert {0, dept.pk, a.pk, b.pk} <= set(round_results(admin, round_).groups)
    assert set(round_results(manager, round_).groups) == {dept.pk, a.pk, b.pk}
    assert set(round_results(colleague, round_).groups) == {a.pk}
    page = page_results(colleague, round_, None, comments_shown=100)
    assert page.group.node == a.pk and page.parent is None
    # The same focus asked by a larger scope first does not widen the smaller one.
    page_results(admin, round_, a.pk, comments_shown=100)
    assert page_results(colleague, round_, a.pk, comments_shown=100).parent is None


def test_a_manager_who_stops_leading_a_team_stops_seeing_it(manager, colleague, department_round):
    round_, dept, a, b = department_round
    assert a.pk in round_results(colleague, round_).groups
    a.managers.remove(colleague.user)
    colleague.__dict__.pop("_led_team_ids", None)  # remembered per request
    with pytest.raises(Exception, match="No group"):
        round_results(colleague, round_)


def test_a_renamed_or_moved_team_and_a_new_minimum_are_not_read_from_what_was_kept(
    manager, admin, department_round
):
    round_, dept, a, b = department_round
    assert round_results(admin, round_).groups[a.pk].shown
    a.name = "A-laget"
    a.save()
    assert round_results(admin, round_).groups[a.pk].name == "A-laget"
    organisation = admin.organisation
    organisation.survey_min_responses = 9
    organisation.save()
    round_ = Round.objects.select_related("organisation").get(pk=round_.pk)  # as a request would
    assert not round_results(admin, round_).groups[a.pk].shown  # 8 < 9 now
    assert comparable(round_results(admin, round_)) == comparable(fresh(admin, round_))
    b.parent = None
    b.save()
    assert round_results(admin, round_).groups[b.pk].parent == 0
    assert comparable(round_results(admin, round_)) == comparable(fresh(admin, round_))


def test_comments_come_in_a_fresh_random_order_every_time(manager):
    team = make_team(manager.organisation, "Kök", people=12, managers=[manager])
    round_ = open_now(manager, team)
    texts = iter([f"kommentar {i:02d}" for i in range(12)])
    answer_all(round_, comment=lambda: next(texts))
    actions.do_close_round(manager, round_)
    past(round_)
    orders = {tuple(round_results(manager, round_).groups[team.pk].comments) for _ in range(8)}
    assert all(sorted(order) == [f"kommentar {i:02d}" for i in range(12)] for order in orders)
    assert len(orders) > 1
    picks = {
        tuple(page_results(manager, round_, None, comments_shown=5).comments) for _ in range(8)
    }
    assert all(len(pick) == 5 for pick in picks) and len(picks) > 1
    assert page_results(manager, round_, None, comments_shown=5).comment_count == 12


def test_a_round_closed_early_is_kept_only_once_its_closing_day_has_passed(manager):
    team = make_team(manager.organisation, "Kök", people=8, managers=[manager])
    round_ = open_now(manager, team)
    answer_all(round_)
    actions.do_close_round(manager, round_)
    round_results(manager, round_)
    # Closed today: every call computes (a round ranked before it may still close today).
    assert queries(lambda: round_results(manager, round_)) == queries(
        lambda: fresh(manager, round_)
    )


def test_the_results_page_reads_the_kept_figures_in_a_constant_number_of_queries(
    client_for, manager, admin, department_round
):
    round_, dept, a, b = department_round
    url = reverse("survey_results", args=[round_.pk])
    client = client_for(admin)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "Bra stämning" in page
    assert len(captured.captured_queries) <= 6
    team_page = client_for(manager).get(url + f"?group={a.pk}")
    assert team_page.status_code == 200 and team_page.context["group"].node == a.pk
    assert client_for(manager).get(url + "?group=0").status_code == 404
