"""Anonymity attacks: small groups, subtraction, overlapping rounds, comments, the schema."""

import pytest
from django.db import connection

from engagera.core.errors import ActionError
from engagera.surveys import actions
from engagera.surveys.anonymity import ROOT, Tree, suppress
from engagera.surveys.models import Answer, Invitation, Response
from engagera.surveys.results import round_results

from .conftest import add_people, answer_all, make_team, open_now


def test_it_refuses_a_round_for_a_team_smaller_than_k(manager):
    small = make_team(manager.organisation, "Liten", people=4, managers=[manager])
    with pytest.raises(ActionError):
        open_now(manager, small)


def test_it_shows_nothing_of_a_team_of_four_inside_a_larger_round(manager, colleague, admin):
    dept = make_team(manager.organisation, "Avdelning", managers=[manager])
    make_team(manager.organisation, "Stor", parent=dept, people=8)
    small = make_team(manager.organisation, "Liten", parent=dept, people=4, managers=[colleague])
    round_ = open_now(manager, dept)
    answer_all(round_, agreement=2, recommend=3)
    actions.do_close_round(manager, round_)

    for viewer in (colleague, admin):
        group = round_results(viewer, round_).groups[small.pk]
        assert not group.shown
        assert group.responses is None and group.invited is None
        assert group.drivers == [] and group.questions == [] and group.recommendation is None
        assert group.comments == []
        assert group.hidden_reason
    # The small team's manager sees the explanation, not a number.
    page = round_results(colleague, round_)
    assert set(page.groups) == {small.pk}


def test_it_hides_both_the_small_team_and_the_difference(manager, department, admin):
    dept, a, b = department
    round_ = open_now(manager, dept)
    answer_all(round_, team=a, agreement=5, recommend=10)
    answer_all(round_, team=b, agreement=1, recommend=0)
    actions.do_close_round(manager, round_)

    for viewer in (manager, admin):
        groups = round_results(viewer, round_).groups
        assert groups[dept.pk].shown and groups[dept.pk].responses == 9
        # B has 3 < k; A has 6 >= k but department minus A would be B: both hidden.
        assert not groups[b.pk].shown
        assert not groups[a.pk].shown
        assert groups[a.pk].responses is None


def test_it_shows_both_teams_when_the_difference_is_large_enough(manager):
    dept = make_team(manager.organisation, "Avdelning", managers=[manager])
    a = make_team(manager.organisation, "A", parent=dept, people=6)
    b = make_team(manager.organisation, "B", parent=dept, people=5)
    round_ = open_now(manager, dept)
    answer_all(round_)
    actions.do_close_round(manager, round_)
    groups = round_results(manager, round_).groups
    assert groups[a.pk].shown and groups[b.pk].shown and groups[dept.pk].shown


def test_it_cannot_be_subtracted_across_overlapping_rounds(manager, department, admin):
    """Round 1 on the department (A 6, B 3) shows the department; round 2 on team A
    overlaps in time. Department (round 1) minus A (round 2) would describe B's 3."""
    dept, a, b = department
    first = open_now(manager, dept)
    answer_all(first)
    second = open_now(manager, a)
    answer_all(second)
    actions.do_close_round(manager, first)
    actions.do_close_round(manager, second)

    one = round_results(admin, first).groups
    two = round_results(admin, second).groups
    published = {(first.pk, n) for n, g in one.items() if g.shown} | {
        (second.pk, n) for n, g in two.items() if g.shown
    }
    assert (first.pk, dept.pk) in published  # the earlier-published round keeps its figure
    assert (second.pk, a.pk) not in published  # the later one may not complete the subtraction
    assert not any(g.shown for g in two.values())


def test_it_allows_overlapping_rounds_when_the_difference_is_large(manager):
    dept = make_team(manager.organisation, "Avdelning", managers=[manager])
    a = make_team(manager.organisation, "A", parent=dept, people=6)
    make_team(manager.organisation, "B", parent=dept, people=6)
    first = open_now(manager, dept)
    answer_all(first)
    second = open_now(manager, a)
    answer_all(second)
    actions.do_close_round(manager, first)
    actions.do_close_round(manager, second)
    assert round_results(manager, second).groups[a.pk].shown


def test_it_hides_comments_under_the_comment_minimum(manager, admin):
    team = make_team(manager.organisation, "Kök", people=10, managers=[manager])
    round_ = open_now(manager, team)
    texts = iter([f"kommentar {i}" for i in range(7)] + ["", "", ""])
    answer_all(round_, comment=lambda: next(texts))
    actions.do_close_round(manager, round_)
    for viewer in (manager, admin):
        group = round_results(viewer, round_).groups[team.pk]
        assert group.shown  # 10 responses >= 5
        assert group.comments == []  # 7 comments < 8
        assert group.comments_hidden_reason


def test_it_shows_comments_in_random_order_without_dates(manager):
    team = make_team(manager.organisation, "Kök", people=12, managers=[manager])
    round_ = open_now(manager, team)
    texts = iter([f"kommentar {i:02d}" for i in range(12)])
    answer_all(round_, comment=lambda: next(texts))
    actions.do_close_round(manager, round_)
    orders = {tuple(round_results(manager, round_).groups[team.pk].comments) for _ in range(8)}
    assert all(sorted(order) == [f"kommentar {i:02d}" for i in range(12)] for order in orders)
    assert len(orders) > 1  # shuffled each time, never in the order they came in


def test_it_keeps_comments_of_a_hidden_group_out_of_reach(manager, department):
    dept, a, b = department
    add_people(dept, 0)
    round_ = open_now(manager, dept)
    answer_all(round_, comment="hemligt")
    actions.do_close_round(manager, round_)
    groups = round_results(manager, round_).groups
    assert groups[b.pk].comments == [] and groups[a.pk].comments == []
    assert groups[dept.pk].comments == ["hemligt"] * 9  # 9 comments >= 8, at the rollup only


def test_suppression_never_leaves_a_remainder_under_k():
    """Every random tree: each shown group minus the shown groups directly below it is 0 or >= k."""
    import random

    rng = random.Random(4)
    for _ in range(300):
        parents = {}
        for team in range(1, rng.randint(2, 12)):
            parents[team] = rng.choice([None, *parents]) if parents else None
        tree = Tree(parents)
        direct = {n: rng.choice([0, 0, 1, 2, 3, 4, 6, 9]) for n in [ROOT, *parents]}
        counts = tree.rollup(direct)
        k = rng.choice([3, 5])
        reason = suppress(tree, ROOT, counts, k)
        shown = {n for n, why in reason.items() if why is None}
        for node in shown:
            assert counts[node] >= k
            below = tree.maximal_below(node, shown)
            remainder = counts[node] - sum(counts[m] for m in below)
            assert remainder == 0 or remainder >= k


FORBIDDEN = {"person", "user", "account", "token", "ip", "address", "agent", "email", "name"}
TIME_TYPES = {"DateTimeField", "DateField", "TimeField"}


def test_the_schema_has_no_link_from_answers_to_anyone(manager):
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            assert not any(word in field.name for word in FORBIDDEN), field.name
            assert field.get_internal_type() not in TIME_TYPES, field.name
            if field.is_relation and field.concrete:
                assert field.related_model._meta.label in (
                    "surveys.Round",
                    "surveys.Response",
                    "surveys.Question",
                    "people.Team",
                ), field.name
        # The database agrees with the models: nothing else is stored.
        with connection.cursor() as cursor:
            columns = {
                c.name
                for c in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            }
        assert columns <= {
            "id",
            "round_id",
            "team_id",
            "comment",
            "response_id",
            "question_id",
            "value",
        }
    # And the invitation, which knows the person, knows nothing of the response.
    assert not any(
        f.related_model in (Response, Answer) for f in Invitation._meta.get_fields() if f.concrete
    )


def test_stored_rows_say_nothing_about_who_answered(manager):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(manager, team)
    people = list(team.people.all())
    answer_all(round_, comment="bra", limit=5)
    rows = [*Response.objects.values(), *Answer.objects.values()]
    assert rows
    secrets = {p.full_name for p in people} | {p.email for p in people}
    secrets |= {str(p.pk) for p in people}
    for row in rows:
        for key, value in row.items():
            if key in ("round_id", "team_id", "question_id", "value"):
                continue
            assert str(value) not in secrets, (key, value)
    # Keys are random: their order says nothing of who answered first.
    assert all(len(str(row["id"])) == 36 for row in rows)
    # The invitations keep only a yes/no, and spent links are gone.
    answered = Invitation.objects.filter(round=round_, responded=True)
    assert answered.count() == 5 and set(answered.values_list("token_hash", flat=True)) == {""}


def test_a_closed_rounds_tally_holds_only_team_counts_and_gives_the_same_results(manager):
    from engagera.surveys.models import Tally

    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(manager, team)
    answer_all(round_, agreement=3, recommend=8)
    actions.do_close_round(manager, round_)
    first = round_results(manager, round_)
    tally = Tally.objects.get(round=round_)
    assert set(tally.data) == {"responses", "invited", "questions", "answers"}
    assert tally.data["questions"] == list(
        round_.questions.order_by("position", "id").values_list("id", flat=True)
    )
    team_ids = {row[0] for key in ("responses", "invited", "answers") for row in tally.data[key]}
    assert team_ids == {team.pk}
    assert [f.name for f in Tally._meta.concrete_fields] == ["round", "data"]
    again = round_results(manager, round_)
    assert again.groups[team.pk] == first.groups[team.pk]
    assert again.groups[team.pk].responses == 6
