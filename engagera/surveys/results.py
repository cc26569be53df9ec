"""Survey results: the one place that turns responses into figures, with every anonymity rule.

`round_results(membership, round)` is what HTML views and the API call. It returns plain
dataclasses; a group that may not be shown carries only its name and the reason.
No role bypasses the rules, and there is no way to get at single responses from here.
"""

from __future__ import annotations

import hashlib
import operator
import os
import random
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Membership, Role
from engagera.people.models import Team
from engagera.people.queries import led_team_ids
from engagera.practices.models import Driver

from . import anonymity
from .anonymity import ROOT, Tree
from .models import Answer, Invitation, Kind, Response, Round, Tally

REASONS = {
    anonymity.FEW: _(
        "Fewer responses than the organisation's minimum; they count in the group above."
    ),
    anonymity.COMPLEMENT: _(
        "Hidden so that a smaller group cannot be worked out by subtracting groups from each other."
    ),
    anonymity.OVERLAP: _(
        "Hidden so that it cannot be subtracted from an overlapping survey round to reveal a small group."
    ),
}
COMMENT_REASONS = {
    anonymity.FEW: _("Fewer comments than the organisation's minimum for showing comments."),
    anonymity.COMPLEMENT: REASONS[anonymity.COMPLEMENT],
    "scores": _("The group's results are hidden, so its comments are too."),
}


ALL = "all"  # round_results(focus=ALL): scores for every group


class ResultsNotReady(Exception):
    """Results appear only once the round has closed."""


@dataclass(slots=True)
class Score:
    mean: float | None
    n: int
    change: float | None = None  # since the previous round the group was shown in


@dataclass(slots=True)
class DriverResult:
    code: str
    name: str
    score: Score


@dataclass(slots=True)
class QuestionResult:
    code: str
    text: str
    driver: str
    score: Score


@dataclass(slots=True)
class Recommendation:
    """The employee recommendation score: % answering 9-10 minus % answering 0-6."""

    score: int | None
    n: int
    promoters: int
    passives: int
    detractors: int
    change: int | None = None


@dataclass(slots=True)
class GroupResult:
    node: int  # the team id, or 0 for the whole organisation
    team_id: int | None
    name: str
    parent: int | None
    children: list[int]
    shown: bool
    hidden_reason: str | None = None
    responses: int | None = None
    invited: int | None = None
    response_rate: float | None = None
    drivers: list[DriverResult] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)
    recommendation: Recommendation | None = None
    comments: list[str] = field(default_factory=list)
    comments_hidden_reason: str | None = None
    previous_round_id: int | None = None
    detailed: bool = False  # scores and comments filled in (see round_results' focus)


@dataclass
class RoundResults:
    round_id: int
    scope_name: str
    opens_on: date
    closes_on: date
    k: int
    k_comments: int
    top: int  # the highest group the viewer may see
    groups: dict[int, GroupResult]

    def group(self, node: int) -> GroupResult:
        try:
            return self.groups[node]
        except KeyError:
            raise Http404("No such group") from None


# --------------------------------------------------------------------------
# Counting (plain dictionaries keyed by node)
# --------------------------------------------------------------------------


@dataclass
class _Counts:
    responses: dict[int, int]
    comments: dict[int, int]
    invited: dict[int, int]
    # node -> flat list, four numbers per question: answers, sum, answers 9-10, answers 0-6
    tally: dict[int, list[int]]


def org_tree(organisation_id: int) -> Tree:
    return Tree(
        dict(Team.objects.filter(organisation_id=organisation_id).values_list("id", "parent_id"))
    )


def _node(team_id: int | None, tree: Tree) -> int:
    return team_id if team_id in tree.parent else ROOT


def _raw(round_: Round, today: date) -> dict:
    """The round's counts per team id: from its Tally once closed, else from the answers."""
    if round_.is_closed(today):
        stored = Tally.objects.filter(round_id=round_.pk).values_list("data", flat=True).first()
        if stored is not None:
            return stored
    responses = [
        list(row)
        for row in Response.objects.filter(round_id=round_.pk)
        .values_list("team_id")
        .annotate(n=Count("id"), c=Count("id", filter=~Q(comment="")))
        .order_by()
    ]
    invited = [
        list(row)
        for row in Invitation.objects.filter(round_id=round_.pk)
        .values_list("team_id")
        .annotate(n=Count("id"))
        .order_by()
    ]
    # Per team, one flat list: four numbers per question (answers, sum, 9-10, 0-6) in the
    # order of `questions`. Few, flat rows: quick to store, read and add up.
    questions = list(round_.questions.order_by("position", "id").values_list("id", flat=True))
    position = {question_id: i for i, question_id in enumerate(questions)}
    flat: dict[int | None, list[int]] = {}
    for team_id, question_id, n, total, high, low in (
        Answer.objects.filter(round_id=round_.pk)
        .values_list("team_id", "question_id")
        .annotate(
            n=Count("id"),
            total=Sum("value"),
            high=Count("id", filter=Q(value__gte=9)),
            low=Count("id", filter=Q(value__lte=6)),
        )
        .order_by()
    ):
        if question_id not in position:
            continue
        cells = flat.setdefault(team_id, [0] * (4 * len(questions)))
        base = 4 * position[question_id]
        cells[base : base + 4] = [n, total, high, low]
    data = {
        "responses": responses,
        "invited": invited,
        "questions": questions,
        "answers": [[team_id, cells] for team_id, cells in flat.items()],
    }
    if round_.is_closed(today):
        Tally.objects.get_or_create(round_id=round_.pk, defaults={"data": data})
    return data


def _response_counts(raw: dict, tree: Tree) -> tuple[dict[int, int], dict[int, int]]:
    responses: dict[int, int] = {}
    comments: dict[int, int] = {}
    for team_id, n, c in raw["responses"]:
        node = _node(team_id, tree)
        responses[node] = responses.get(node, 0) + n
        comments[node] = comments.get(node, 0) + c
    return responses, comments


def _counts(raw: dict, tree: Tree, index: dict[int, int]) -> _Counts:
    responses, comments = _response_counts(raw, tree)
    invited: dict[int, int] = {}
    for team_id, n in raw["invited"]:
        node = _node(team_id, tree)
        invited[node] = invited.get(node, 0) + n
    tally: dict[int, list[int]] = {}
    width = 4 * len(index)
    same_order = [index.get(q) for q in raw["questions"]] == list(range(len(index)))
    for team_id, cells in raw["answers"]:
        if not same_order:  # the round's questions changed order since: place each anew
            placed = [0] * width
            for i, question_id in enumerate(raw["questions"]):
                if question_id in index:
                    base = 4 * index[question_id]
                    placed[base : base + 4] = cells[4 * i : 4 * i + 4]
            cells = placed
        node = _node(team_id, tree)
        known = tally.get(node)
        tally[node] = cells if known is None else list(map(operator.add, known, cells))
    return _Counts(responses, comments, invited, tally)


def _rollup_tally(tree: Tree, top: int, tally: dict[int, list[int]], width: int):
    total: dict[int, list[int]] = {}
    for node in reversed(tree.subtree(top)):
        merged = tally.get(node) or [0] * width
        for child in tree.children.get(node, ()):
            merged = list(map(operator.add, merged, total[child]))
        total[node] = merged
    return total


def _rank(round_: Round) -> tuple:
    return (round_.closes_on, round_.pk)


def _earlier_overlapping(round_: Round, today: date) -> list[Round]:
    """Rounds of the organisation overlapping in time and published before this one."""
    candidates = Round.objects.filter(
        organisation_id=round_.organisation_id,
        opens_on__lte=round_.closes_on,
        closes_on__gte=round_.opens_on,
    ).exclude(pk=round_.pk)
    return [r for r in candidates if _rank(r) < _rank(round_) and r.is_closed(today)]


# --------------------------------------------------------------------------
# One round, all groups (no viewer yet)
# --------------------------------------------------------------------------


@dataclass
class _Computed:
    round: Round
    top: int
    reason: dict[int, str | None]
    comment_reason: dict[int, str | None]
    responses: dict[int, int]
    invited: dict[int, int]
    tally: dict[int, list[int]]
    comments_wanted: set[int]


def _compute(round_: Round, tree: Tree, today: date) -> _Computed:
    organisation = round_.organisation
    k, k_comments = organisation.survey_min_responses, organisation.survey_min_comments
    top = round_.team_id if round_.team_id in tree.parent else ROOT
    question_ids = list(round_.questions.order_by("position", "id").values_list("id", flat=True))
    index = {question_id: i for i, question_id in enumerate(question_ids)}
    counts = _counts(_raw(round_, today), tree, index)
    responses = tree.rollup(counts.responses, top)
    reason = anonymity.suppress(tree, top, responses, k)
    for earlier in _earlier_overlapping(round_, today):
        earlier_top = earlier.team_id if earlier.team_id in tree.parent else ROOT
        direct, _comments = _response_counts(_raw(earlier, today), tree)
        earlier_counts = tree.rollup(direct, ROOT)
        earlier_reason = anonymity.suppress(tree, earlier_top, earlier_counts, k)
        earlier_shown = {n for n, why in earlier_reason.items() if why is None}
        # Counts over the whole tree, so groups above this round's scope are known too.
        anonymity.suppress_against(
            tree,
            reason,
            {**tree.rollup(counts.responses, ROOT), **responses},
            earlier_shown,
            earlier_counts,
            k,
        )
    comments = tree.rollup(counts.comments, top)
    comment_reason = anonymity.suppress(
        tree,
        top,
        comments,
        k_comments,
        hidden={n: "scores" for n, why in reason.items() if why is not None},
    )
    return _Computed(
        round=round_,
        top=top,
        reason=reason,
        comment_reason=comment_reason,
        responses=responses,
        invited=tree.rollup(counts.invited, top),
        tally=_rollup_tally(tree, top, counts.tally, 4 * len(index)),
        comments_wanted={n for n, why in comment_reason.items() if why is None},
    )


def _scores(computed: _Computed, node: int, plan: list[tuple[int, bool, int]], k: int):
    """Scores of one group; `plan` is (question id, is the recommendation, driver id), in
    the order of the tally's cells."""
    cells = computed.tally.get(node) or [0] * (4 * len(plan))
    drivers: dict[int, list[int]] = {}  # driver id -> [answers, sum, fewest answers]
    question_scores = {}
    recommendation = None
    for position, (question_id, is_recommend, driver_id) in enumerate(plan):
        n, total, high, low = cells[4 * position : 4 * position + 4]
        if is_recommend:
            if n >= k:
                recommendation = Recommendation(
                    score=round(100 * (high - low) / n),
                    n=n,
                    promoters=high,
                    passives=n - high - low,
                    detractors=low,
                )
            continue
        question_scores[question_id] = Score(total / n, n) if n >= k else Score(None, 0)
        into = drivers.get(driver_id)
        if into is None:
            drivers[driver_id] = [n, total, n]
        else:
            into[0] += n
            into[1] += total
            into[2] = min(into[2], n)
    # The number of people behind a driver is the fewest answers to one of its questions.
    driver_scores = {
        driver_id: Score(total / n, people) if people >= k and n else Score(None, 0)
        for driver_id, (n, total, people) in drivers.items()
    }
    return driver_scores, question_scores, recommendation


def _comments(round_: Round, nodes_wanted: set[int], tree: Tree, top: int) -> dict[int, list[str]]:
    if not nodes_wanted:
        return {}
    by_team: dict[int, list[str]] = {}
    for team_id, comment in (
        Response.objects.filter(round_id=round_.pk)
        .exclude(comment="")
        .values_list("team_id", "comment")
    ):
        by_team.setdefault(_node(team_id, tree), []).append(comment)
    # Seeded from the system's randomness on every call: no order can be predicted or repeated.
    shuffle = random.Random(os.urandom(16)).shuffle
    result = {}
    for node in nodes_wanted:
        texts = [text for sub in tree.subtree(node) for text in by_team.get(sub, ())]
        shuffle(texts)  # random order, every time: no clue to who wrote what, or when
        result[node] = texts
    return result


# --------------------------------------------------------------------------
# The public entry points
# --------------------------------------------------------------------------


def visible_rounds(membership: Membership):
    """Rounds a leader may see: an admin all, a manager those touching the teams they lead."""
    rounds = Round.objects.filter(organisation=membership.organisation).select_related(
        "team", "organisation"
    )
    if membership.role == Role.ADMIN:
        return rounds
    if membership.role != Role.MANAGER:
        return rounds.none()
    led = led_team_ids(membership)
    tree = org_tree(membership.organisation_id)
    touching = set(led)
    for team in led:  # a round on a department above a led team includes that team
        node = tree.parent.get(team)
        while node:
            touching.add(node)
            node = tree.parent.get(node)
    return rounds.filter(Q(team__in=touching) | Q(team__isnull=True))


def get_round(membership: Membership, pk: int) -> Round:
    try:
        return visible_rounds(membership).get(pk=pk)
    except Round.DoesNotExist:
        raise Http404("No such round") from None


def viewer_nodes(membership: Membership, tree: Tree, top: int) -> set[int]:
    scope = set(tree.subtree(top))
    if membership.role == Role.ADMIN:
        return scope
    if membership.role == Role.MANAGER:
        return scope & led_team_ids(membership)
    return set()


def round_results(
    membership: Membership,
    round_: Round,
    *,
    today: date | None = None,
    with_changes: bool = True,
    focus: int | None | str = ALL,
    _detail: set[int] | None = None,
    _memo: dict | None = None,
) -> RoundResults:
    """Every group of a closed round the viewer may see, each shown or hidden with a reason.

    Scores and comments are filled in for every shown group (`focus=ALL`, the default, for
    the API), or, to keep a page quick, only for the group `focus` (None: the highest the
    viewer may see) and the groups directly below it. Counts and reasons are always there.
    """
    if round_.organisation_id != membership.organisation_id:
        raise Http404("No such round")
    organisation = membership.organisation
    today = today or organisation.today()
    if not round_.is_closed(today):
        raise ResultsNotReady
    if _memo is None and today > round_.closes_on:
        found = _kept(
            membership,
            round_,
            ("all", focus, with_changes),
            lambda memo: _round_results(membership, round_, today, with_changes, focus, None, memo),
        )
        # Seeded from the system's randomness on every call, as in _comments.
        shuffle = random.Random(os.urandom(16)).shuffle
        for group in found.groups.values():
            shuffle(group.comments)
        return found
    memo = _memo if _memo is not None else {}
    return _round_results(membership, round_, today, with_changes, focus, _detail, memo)


def _round_results(
    membership: Membership,
    round_: Round,
    today: date,
    with_changes: bool,
    focus: int | None | str,
    _detail: set[int] | None,
    memo: dict,
) -> RoundResults:
    organisation = membership.organisation
    tree = memo.get("tree") or memo.setdefault("tree", org_tree(organisation.pk))
    computed = _computed(round_, tree, today, memo)
    allowed = viewer_nodes(membership, tree, computed.top)
    if not allowed:
        raise Http404("No group of this round is yours to see")
    k = organisation.survey_min_responses
    questions = list(round_.questions.select_related("driver").order_by("position", "id"))
    drivers = {d.pk: d for d in Driver.objects.filter(pk__in={q.driver_id for q in questions})}
    # Texts in the active language, looked up once rather than once per group.
    driver_rows = [
        (d.pk, d.code, d.name) for d in sorted(drivers.values(), key=lambda d: d.position)
    ]
    question_rows = [(q.pk, q.code, q.text, drivers[q.driver_id].code) for q in questions]
    plan = [(q.pk, q.kind == Kind.RECOMMEND, q.driver_id) for q in questions]
    names = memo.get("names")
    if names is None:
        names = dict(Team.objects.filter(pk__in=allowed).values_list("id", "name"))
    names = {**names, ROOT: organisation.name}
    top = computed.top if computed.top in allowed else _highest(tree, allowed)
    if _detail is not None:
        detail = _detail & allowed
    elif focus == ALL:
        detail = allowed
    else:
        centre = top if focus is None else focus
        detail = {centre, *tree.children.get(centre, ())} & allowed
    # The earlier rounds read for "change since" (`_detail`) need scores, never comments.
    wanted = computed.comments_wanted & detail if _detail is None else set()
    comment_texts = _comments(round_, wanted, tree, computed.top)
    groups: dict[int, GroupResult] = {}
    for node in tree.subtree(computed.top):
        if node not in allowed:
            continue
        why = computed.reason[node]
        group = GroupResult(
            node=node,
            team_id=node or None,
            name=names.get(node, ""),
            parent=tree.parent.get(node) if node != computed.top else None,
            children=[c for c in tree.children.get(node, ()) if c in allowed],
            shown=why is None,
            hidden_reason=str(REASONS[why]) if why else None,
        )
        if group.shown:
            group.responses = computed.responses.get(node, 0)
            group.invited = computed.invited.get(node, 0)
            group.response_rate = group.responses / group.invited if group.invited else None
        if group.shown and node in detail:
            group.detailed = True
            driver_scores, question_scores, group.recommendation = _scores(computed, node, plan, k)
            group.drivers = [
                DriverResult(code, name, driver_scores[pk])
                for pk, code, name in driver_rows
                if pk in driver_scores
            ]
            group.questions = [
                QuestionResult(code, text, driver_code, question_scores[pk])
                for pk, code, text, driver_code in question_rows
                if pk in question_scores
            ]
            comment_why = computed.comment_reason.get(node)
            if comment_why is None:
                group.comments = comment_texts.get(node, [])
            else:
                group.comments_hidden_reason = str(COMMENT_REASONS[comment_why])
        groups[node] = group
    results = RoundResults(
        round_id=round_.pk,
        scope_name=round_.scope_name,
        opens_on=round_.opens_on,
        closes_on=round_.closes_on,
        k=k,
        k_comments=organisation.survey_min_comments,
        top=top,
        groups=groups,
    )
    if with_changes:
        _add_changes(membership, results, today, memo, detail)
    return results


@dataclass
class ResultsPage:
    """What the results page shows: one group, the group above it and the groups below it."""

    results: RoundResults
    group: GroupResult
    parent: GroupResult | None
    children: list[GroupResult]
    comments: list[str]  # at most `comments_shown`, picked at random afresh on every call
    comment_count: int  # all the group's comments


def page_results(
    membership: Membership, round_: Round, focus: int | None, *, comments_shown: int
) -> ResultsPage:
    """round_results for the page of one group: `focus` (None: the highest the viewer may
    see). `results.groups` holds only the groups the page shows, and only the focused group
    keeps its comments, of which `comments_shown` are picked at random."""
    today = membership.organisation.today()

    def compute(memo: dict | None = None) -> RoundResults:
        found = (
            _round_results(membership, round_, today, True, focus, None, memo)
            if memo is not None
            else round_results(membership, round_, today=today, focus=focus)
        )
        centre = found.group(found.top if focus is None else focus)
        for node in list(found.groups):
            if node != centre.node and node != centre.parent and node not in centre.children:
                del found.groups[node]
            elif node != centre.node:
                found.groups[node].comments = []
        return found

    if round_.organisation_id != membership.organisation_id:
        raise Http404("No such round")
    if not round_.is_closed(today):
        raise ResultsNotReady
    found = (
        _kept(membership, round_, ("page", focus), compute)
        if today > round_.closes_on
        else compute()
    )
    group = found.group(found.top if focus is None else focus)
    texts = group.comments
    # Seeded from the system's randomness on every call, as in _comments.
    group.comments = random.Random(os.urandom(16)).sample(texts, min(comments_shown, len(texts)))
    return ResultsPage(
        results=found,
        group=group,
        parent=found.groups.get(group.parent) if group.parent is not None else None,
        children=[found.groups[c] for c in group.children],
        comments=group.comments,
        comment_count=len(texts),
    )


# --------------------------------------------------------------------------
# Kept results: a round closed by date never changes
# --------------------------------------------------------------------------

RESULTS_CACHE_SECONDS = 24 * 60 * 60
RESULTS_CACHE_VERSION = 1  # raise when RoundResults or what it holds changes shape


def _kept(membership: Membership, round_: Round, what: tuple, compute) -> RoundResults:
    """Results of a round whose closing day has passed, computed once per viewer scope.

    Past its closing day a round takes no answers, its counts are kept in its Tally, and
    every round ranked before it (for the overlap rule and "change since") has closed too:
    new rounds cannot open in the past. What can still change is in the key: the team tree
    and names, the organisation's minimums, the question texts, the language and the
    viewer's scope (role and led teams), so a smaller scope never reads a larger one's
    figures. The callers put the comments in a fresh random order on every call.
    """
    organisation = membership.organisation
    teams = list(
        Team.objects.filter(organisation_id=organisation.pk)
        .order_by("id")
        .values_list("id", "parent_id", "name")
    )
    tree = Tree({pk: parent for pk, parent, _name in teams})
    top = round_.team_id if round_.team_id in tree.parent else ROOT
    if not viewer_nodes(membership, tree, top):
        raise Http404("No group of this round is yours to see")
    texts = list(
        round_.questions.order_by("position", "id").values_list(
            "id", "code", "kind", "text_sv", "text_en", "driver__code", "driver__position",
            "driver__name_sv", "driver__name_en",
        )
    )  # fmt: skip
    scope = sorted(led_team_ids(membership)) if membership.role == Role.MANAGER else []
    parts = [
        RESULTS_CACHE_VERSION,
        (organisation.pk, organisation.created_at.isoformat(), organisation.name),
        (organisation.survey_min_responses, organisation.survey_min_comments),
        (round_.pk, round_.team_id, round_.opens_on.isoformat(), round_.closes_on.isoformat()),
        get_language(),
        teams,
        texts,
        (membership.role, scope),
        what,
    ]
    key = "survey-results:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute({"tree": tree, "names": {pk: name for pk, _parent, name in teams}})
        cache.set(key, found, RESULTS_CACHE_SECONDS)
    return found


def _computed(round_: Round, tree: Tree, today: date, memo: dict) -> _Computed:
    key = ("computed", round_.pk)
    if key not in memo:
        memo[key] = _compute(round_, tree, today)
    return memo[key]


def _highest(tree: Tree, nodes: set[int]) -> int:
    return next(n for n in tree.subtree(ROOT) if n in nodes)


def _previous_rounds(round_: Round, today: date, limit: int = 6) -> list[Round]:
    """Closed rounds published before this one (by closing day), latest first."""
    earlier = (
        Round.objects.filter(
            organisation_id=round_.organisation_id,
            closes_on__lte=round_.closes_on,
            opens_on__lte=round_.opens_on,
        )
        .exclude(pk=round_.pk)
        .select_related("organisation", "team")
        .order_by("-closes_on", "-id")
    )
    return [r for r in earlier[: limit * 4] if _rank(r) < _rank(round_) and r.is_closed(today)][
        :limit
    ]


def _add_changes(
    membership, results: RoundResults, today: date, memo: dict, detail: set[int]
) -> None:
    """Change since the previous round in which the same group was shown."""
    pending = {n for n, g in results.groups.items() if g.detailed}
    round_ = Round.objects.select_related("organisation").get(pk=results.round_id)
    for previous in _previous_rounds(round_, today):
        if not pending:
            return
        try:
            before = round_results(
                membership, previous, today=today, with_changes=False, _detail=detail, _memo=memo
            )
        except (Http404, ResultsNotReady):
            continue
        for node in list(pending):
            old = before.groups.get(node)
            if old is None or not old.detailed:
                continue
            pending.discard(node)
            group = results.groups[node]
            group.previous_round_id = previous.pk
            old_drivers = {d.code: d.score for d in old.drivers}
            for driver in group.drivers:
                was = old_drivers.get(driver.code)
                if was and was.mean is not None and driver.score.mean is not None:
                    driver.score.change = driver.score.mean - was.mean
            old_questions = {q.code: q.score for q in old.questions}
            for question in group.questions:
                was = old_questions.get(question.code)
                if was and was.mean is not None and question.score.mean is not None:
                    question.score.change = question.score.mean - was.mean
            if group.recommendation and old.recommendation:
                # Both exist only when shown, so both carry a score.
                group.recommendation.change = group.recommendation.score - old.recommendation.score


@dataclass
class TrendPoint:
    round_id: int
    closes_on: date
    responses: int | None
    drivers: dict[str, float | None]
    recommendation: int | None


def trend(membership: Membership, node: int, limit: int = 12) -> list[TrendPoint]:
    """The group's scores across the closed rounds it was shown in, oldest first."""
    organisation = membership.organisation
    today = organisation.today()
    memo: dict = {}
    points = []
    rounds = visible_rounds(membership).filter(closes_on__lt=today) | visible_rounds(
        membership
    ).filter(closed_early=True)
    for round_ in rounds.distinct().order_by("-closes_on", "-id")[:limit]:
        try:
            results = round_results(
                membership, round_, today=today, with_changes=False, focus=node, _memo=memo
            )
        except (Http404, ResultsNotReady):
            continue
        group = results.groups.get(node)
        if group is None:
            continue
        points.append(
            TrendPoint(
                round_id=round_.pk,
                closes_on=round_.closes_on,
                responses=group.responses if group.shown else None,
                drivers={d.code: d.score.mean for d in group.drivers} if group.shown else {},
                recommendation=group.recommendation.score
                if group.shown and group.recommendation
                else None,
            )
        )
    return list(reversed(points))
