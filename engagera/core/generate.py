"""A realistic large organisation for benchmarks and load tests (issue 8).

``engagera generate --people 10000 --managers 500 --years 5 --seed 1`` builds, in bulk:
departments with nested units, managers with practice plans and years of logged
performances (with holidays as paused days), employees with cards, feedback, one-to-ones,
needs and workload checks, member accounts for a share of the employees, and, once those
areas exist, recognition and pulse-survey rounds. The same seed and day give the same data.

Rows are built per team and written with ``bulk_create`` in one transaction per team, so
memory stays flat and an interrupted run leaves whole teams, never half a team.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from engagera.core.models import Membership, Organisation, Role, User
from engagera.lib.habits import Target, strength_series
from engagera.people.models import Person, Team, WorkloadReading
from engagera.practices.catalogue_sync import catalogue_is_loaded, sync_catalogue
from engagera.practices.models import Performance, PlanItem, PlanState, Practice, Skip

FIRST_NAMES = (
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Emma",
    "Kerstin",
    "Ingrid",
    "Malin",
    "Elin",
    "Fatima",
    "Aino",
    "Amina",
    "Ida",
    "Linnea",
    "Johan",
    "Lars",
    "Anders",
    "Erik",
    "Per",
    "Karl",
    "Mikael",
    "Peter",
    "Oskar",
    "Ali",
    "Ahmed",
    "Mohammed",
    "Jonas",
    "Nils",
    "Olle",
    "Bo",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindqvist",
    "Berg",
    "Ek",
    "Öberg",
    "Åström",
    "Korhonen",
    "Hassan",
    "Yilmaz",
    "Lundgren",
    "Håkansson",
    "Björk",
    "Sjöberg",
)
DEPARTMENTS = (
    "Socialförvaltningen",
    "Utbildningsförvaltningen",
    "Stadsbyggnadsförvaltningen",
    "Kulturförvaltningen",
    "Miljöförvaltningen",
    "Fritidsförvaltningen",
    "Serviceförvaltningen",
    "Äldreförvaltningen",
    "Arbetsmarknadsförvaltningen",
    "Kommunledningskontoret",
)
UNITS = (
    "Hemtjänst",
    "Kundtjänst",
    "Förskola",
    "Grundskola",
    "Bygglov",
    "Bibliotek",
    "Ekonomi",
    "IT-stöd",
    "Kök",
    "Lokalvård",
    "Vård och omsorg",
    "Gymnasium",
    "Parkförvaltning",
    "Personal",
    "Fastighet",
    "Måltid",
    "Elevhälsa",
    "Växel",
)
TITLES = (
    "Undersköterska",
    "Handläggare",
    "Lärare",
    "Förskollärare",
    "Ekonom",
    "Kock",
    "Bibliotekarie",
    "Systemförvaltare",
)
STRENGTHS = ("Noggrann", "Lugn i kris", "Bra med människor", "Strukturerad", "Kreativ")
MOTIVATIONS = ("Att lära sig nytt", "Att hjälpa andra", "Frihet i arbetet", "Tydliga mål")
NEEDS = (
    ("equipment", "En ny skärm"),
    ("training", "Kurs i dokumentation"),
    ("decision", "Besked om semesterschema"),
    ("help", "Hjälp med ett svårt ärende"),
)
FEEDBACK_NOTES = ("Bra bemötande", "Tydlig dokumentation", "Fint stöd till kollegan", "")
PERFORMANCE_NOTES = ("", "", "", "", "Bra samtal", "Kort, men gjort", "Tog det på APT")
# Practices with a cadence a busy manager keeps up (catalogue numbers).
# Practices done with one employee: their logs say with whom.
WITH_WHOM = {42, 43, 46, 47, 49}
PLAN_CHOICES = (41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 1, 6, 12, 20, 27, 33)


@dataclass
class Generated:
    organisation: Organisation
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def is_holiday(day: date) -> bool:
    """Summer leave (1-25 July) and the Christmas break (22 Dec - 2 Jan)."""
    if day.month == 7 and day.day <= 25:
        return True
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2)


def _working_days(first: date, last: date) -> list[date]:
    days = (last - first).days + 1
    return [d for d in (first + timedelta(days=i) for i in range(days)) if d.weekday() < 5]


def planned_days(rng: random.Random, times: int, period: int, start: date, end: date):
    """Days the manager means to do it: ``times`` random working days in each period."""
    block = start
    while block <= end:
        last = min(end, block + timedelta(days=period - 1))
        working = _working_days(block, last)
        yield from sorted(rng.sample(working, min(times, len(working))))
        block += timedelta(days=period)


def practice_logs(rng, item: PlanItem, end: date, adherence: float):
    """Performances and holiday skips of one plan item from its start to ``end``."""
    days = (end - item.start_date).days + 1
    holidays = [
        d for d in (item.start_date + timedelta(days=i) for i in range(days)) if is_holiday(d)
    ]
    holiday_set = set(holidays)
    skips = [Skip(plan_item=item, day=day) for day in holidays]
    performances = []
    for day in planned_days(rng, item.times, item.period_days, item.start_date, end):
        if day in holiday_set or rng.random() < 0.02 or rng.random() >= adherence:
            continue
        if rng.random() < 0.1 and day + timedelta(days=1) <= end:  # done a day late
            day += timedelta(days=1)
        performances.append(
            Performance(plan_item=item, performed_on=day, note=rng.choice(PERFORMANCE_NOTES))
        )
    return performances, skips


def established_on(item: PlanItem, performances, skips, organisation, until: date) -> date | None:
    """The first day the organisation's rule held, replaying the strength day by day."""
    series = strength_series(
        Target(item.times, item.period_days),
        item.start_date,
        until,
        [p.performed_on for p in performances],
        [s.day for s in skips],
    )
    for offset, strength in enumerate(series):
        if offset >= organisation.established_min_days and strength >= (
            organisation.established_strength
        ):
            return item.start_date + timedelta(days=offset)
    return None


def _aware(day: date, hour: int, tz) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz)


def team_sizes(rng: random.Random, people: int, teams: int) -> list[int]:
    """Uneven team sizes (a few under the survey threshold) summing to ``people``."""
    weights = [rng.lognormvariate(0, 0.5) for _ in range(teams)]
    total = sum(weights)
    sizes = [max(2, round(people * w / total)) for w in weights]
    while sum(sizes) > people:
        i = rng.randrange(teams)
        if sizes[i] > 2:
            sizes[i] -= 1
    while sum(sizes) < people:
        sizes[rng.randrange(teams)] += 1
    return sizes


class Generator:
    def __init__(
        self,
        *,
        people: int,
        managers: int,
        years: int,
        seed: int,
        slug: str = "storstad",
        name: str = "Storstads kommun",
        password: str = "engagera-generated",  # noqa: S107 - test data only
        member_share: float = 0.2,
        today: date | None = None,
        progress: Callable[[Iterator, int, str], Iterator] | None = None,
    ) -> None:
        if managers < 2 or people < managers or years < 1:
            raise ValueError("need at least 2 managers, as many people as managers and 1 year")
        self.people, self.managers, self.years = people, managers, years
        self.rng = random.Random(seed)
        self.slug, self.name, self.password = slug, name, password
        self.member_share = member_share
        self.today = today
        self.progress = progress or (lambda iterable, total, label: iterable)

    # -- structure ---------------------------------------------------------

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    @transaction.atomic
    def _structure(self, result: Generated) -> list[tuple[Membership, Team]]:
        organisation = result.organisation
        password_hash = make_password(self.password)
        departments = max(1, math.ceil(self.managers / 50))
        leader_count = self.managers
        users = User.objects.bulk_create(
            [
                User(
                    email=f"chef{n:04d}@{self.slug}.example",
                    full_name=self._name(),
                    password=password_hash,
                )
                for n in range(leader_count)
            ]
            + [
                User(
                    email=f"hr{n}@{self.slug}.example",
                    full_name=self._name(),
                    password=password_hash,
                )
                for n in range(3)
            ],
            batch_size=1000,
        )
        users = list(User.objects.filter(email__endswith=f"@{self.slug}.example").order_by("email"))
        by_email = {u.email: u for u in users}
        memberships = Membership.objects.bulk_create(
            [
                Membership(
                    user=by_email[f"chef{n:04d}@{self.slug}.example"],
                    organisation=organisation,
                    role=Role.MANAGER,
                )
                for n in range(leader_count)
            ]
            + [
                Membership(
                    user=by_email[f"hr{n}@{self.slug}.example"],
                    organisation=organisation,
                    role=Role.ADMIN,
                )
                for n in range(3)
            ],
            batch_size=1000,
        )
        memberships = list(
            Membership.objects.filter(organisation=organisation, role=Role.MANAGER)
            .select_related("user", "organisation")
            .order_by("user__email")
        )
        result.add("accounts", len(users))
        department_teams = Team.objects.bulk_create(
            [
                Team(
                    organisation=organisation,
                    name=DEPARTMENTS[d % len(DEPARTMENTS)]
                    + (f" {d // len(DEPARTMENTS) + 1}" if d >= len(DEPARTMENTS) else ""),
                )
                for d in range(departments)
            ]
        )
        department_teams = list(Team.objects.filter(organisation=organisation).order_by("id"))
        units = Team.objects.bulk_create(
            [
                Team(
                    organisation=organisation,
                    name=f"{self.rng.choice(UNITS)} {n + 1}",
                    parent=department_teams[n % departments],
                )
                for n in range(leader_count - departments)
            ],
            batch_size=1000,
        )
        units = list(
            Team.objects.filter(organisation=organisation, parent__isnull=False).order_by("id")
        )
        teams = department_teams + units
        through = Team.managers.through
        through.objects.bulk_create(
            [
                through(team_id=team.pk, user_id=membership.user_id)
                for team, membership in zip(teams, memberships, strict=True)
            ],
            batch_size=1000,
        )
        result.add("teams", len(teams))
        return list(zip(memberships, teams, strict=True))

    # -- one team's history ------------------------------------------------

    def _plan(self, membership, start: date, end: date, catalogue, result, people) -> None:
        organisation = membership.organisation
        rng = self.rng
        numbers = rng.sample(PLAN_CHOICES, rng.randint(3, 6))
        items = []
        for number in numbers:
            practice = catalogue[number]
            target = Target.parse(practice.cadence)
            item_start = start + timedelta(days=rng.randint(0, max(0, (end - start).days - 30)))
            items.append(
                PlanItem(
                    organisation=organisation,
                    manager=membership.user,
                    practice=practice,
                    times=target.times,
                    period_days=target.period_days,
                    start_date=item_start,
                    state=PlanState.LEARNING,
                    if_situation="veckomötet börjar",
                    if_action="gör jag det direkt",
                )
            )
        items = PlanItem.objects.bulk_create(items)
        performances, skips, changed = [], [], []
        for item in items:
            done, away = practice_logs(rng, item, end - timedelta(days=1), rng.uniform(0.35, 0.95))
            if item.practice.number in WITH_WHOM:
                for performance in done:
                    performance.person = rng.choice(people)
            performances += done
            skips += away
            if (day := established_on(item, done, away, organisation, end)) is not None:
                item.state, item.established_on = PlanState.ESTABLISHED, day
                changed.append(item)
        PlanItem.objects.bulk_update(changed, ["state", "established_on"])
        Performance.objects.bulk_create(performances, batch_size=2000)
        Skip.objects.bulk_create(skips, batch_size=2000)
        result.add("plan items", len(items))
        result.add("performances", len(performances))
        result.add("paused days", len(skips))

    def _people(self, team: Team, size: int, start: date, offset: int) -> list[Person]:
        rng = self.rng
        return Person.objects.bulk_create(
            [
                Person(
                    organisation=team.organisation,
                    team=team,
                    full_name=self._name(),
                    email=f"person{offset + n:05d}@{self.slug}.example",
                    title=rng.choice(TITLES),
                    start_date=start - timedelta(days=rng.randint(0, 3650)),
                    strengths=rng.choice(STRENGTHS),
                    motivation=rng.choice(MOTIVATIONS),
                    is_talent=rng.random() < 0.08,
                )
                for n in range(size)
            ]
        )

    def _crm(self, membership: Membership, people: list[Person], start: date, end: date, result):
        from engagera.feedback.models import Feedback
        from engagera.needs.models import Need
        from engagera.oneonones.models import Cadence, Meeting, TalkingPoint

        rng, organisation = self.rng, membership.organisation
        tz = organisation.tzinfo
        span = (end - start).days
        feedback, meetings, needs, readings, cadences = [], [], [], [], []
        for person in people:
            # Feedback every month or two per person (a manager gives a few a week),
            # more often reinforcing than developmental.
            day = start + timedelta(days=rng.randint(0, 20))
            while day < end:
                feedback.append(
                    Feedback(
                        organisation=organisation,
                        person=person,
                        author=membership.user,
                        kind="reinforcing" if rng.random() < 0.75 else "developmental",
                        given_on=day,
                        note=rng.choice(FEEDBACK_NOTES),
                    )
                )
                day += timedelta(days=rng.randint(30, 110))
            every = rng.choice((28, 35, 42))
            day = start + timedelta(days=rng.randint(0, every))
            while day < end:
                if not is_holiday(day):
                    meetings.append(
                        Meeting(
                            organisation=organisation,
                            person=person,
                            manager=membership.user,
                            scheduled_on=day,
                            held_on=day if rng.random() < 0.93 else None,
                            shared_notes="Vi gick igenom målen" if rng.random() < 0.3 else "",
                            told_appreciation=rng.random() < 0.4,
                        )
                    )
                day += timedelta(days=every)
            cadences.append(
                Cadence(
                    organisation=organisation,
                    person=person,
                    manager=membership.user,
                    every_days=every,
                    next_on=end + timedelta(days=rng.randint(0, every)),
                )
            )
            for _ in range(max(1, span // 180)):
                raised_day = start + timedelta(days=rng.randint(0, span))
                raised = _aware(raised_day, rng.randint(8, 16), tz)
                category, description = rng.choice(NEEDS)
                open_need = raised_day > end - timedelta(days=10) and rng.random() < 0.5
                rating = None if open_need or rng.random() < 0.4 else rng.randint(2, 5)
                needs.append(
                    Need(
                        organisation=organisation,
                        person=person,
                        raised_by=membership.user,
                        category=category,
                        description=description,
                        status="open" if open_need else "done",
                        raised_at=raised,
                        first_response_at=None
                        if open_need
                        else raised + timedelta(hours=rng.randint(1, 48)),
                        resolved_at=None
                        if open_need
                        else raised + timedelta(days=rng.randint(1, 12)),
                        rating=rating,
                        rated_at=None if rating is None else raised + timedelta(days=14),
                    )
                )
            for months_back in range(12):
                readings.append(
                    WorkloadReading(
                        person=person,
                        recorded_by=membership.user,
                        day=end - timedelta(days=30 * months_back + rng.randint(0, 5)),
                        load=rng.randint(2, 5),
                    )
                )
        Feedback.objects.bulk_create(feedback, batch_size=2000)
        meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
        recent = [m for m in meetings if m.scheduled_on >= end - timedelta(days=365)]
        TalkingPoint.objects.bulk_create(
            [
                TalkingPoint(meeting=m, text="Kompetensutveckling", discussed=m.held_on is not None)
                for m in recent
            ],
            batch_size=2000,
        )
        Cadence.objects.bulk_create(cadences, batch_size=2000)
        Need.objects.bulk_create(needs, batch_size=2000)
        WorkloadReading.objects.bulk_create(readings, batch_size=2000)
        for name, rows in (
            ("feedback", feedback),
            ("one-to-ones", meetings),
            ("needs", needs),
            ("workload checks", readings),
        ):
            result.add(name, len(rows))

    @transaction.atomic
    def _member_accounts(self, organisation: Organisation, result: Generated) -> None:
        """A share of the employees use Engagera themselves (surveys, recognition, ideas)."""
        people = list(Person.objects.filter(organisation=organisation).order_by("id"))
        chosen = [p for p in people if self.rng.random() < self.member_share]
        password_hash = make_password(self.password)
        User.objects.bulk_create(
            [User(email=p.email, full_name=p.full_name, password=password_hash) for p in chosen],
            batch_size=1000,
        )
        users = {u.email: u for u in User.objects.filter(email__in=[p.email for p in chosen])}
        Membership.objects.bulk_create(
            [
                Membership(user=users[p.email], organisation=organisation, role=Role.MEMBER)
                for p in chosen
            ],
            batch_size=1000,
        )
        for person in chosen:
            person.user = users[person.email]
        Person.objects.bulk_update(chosen, ["user"], batch_size=1000)
        result.add("member accounts", len(chosen))

    def _checkpoints(self, organisation: Organisation, end: date) -> None:
        """Save strength checkpoints as daily use would have, so pages start warm."""
        from engagera.practices.queries import ACTIVE_STATES, statuses_for_items

        if end != organisation.today():
            return  # checkpoints are only saved for today
        items = list(
            PlanItem.objects.filter(organisation=organisation, state__in=ACTIVE_STATES)
            .select_related("practice")
            .order_by("id")
        )
        with transaction.atomic():
            statuses_for_items(organisation, items, end)

    # -- the whole organisation --------------------------------------------

    def run(self) -> Generated:
        if not catalogue_is_loaded():
            sync_catalogue()
        if Organisation.objects.filter(slug=self.slug).exists():
            raise ValueError(f"an organisation with the short name {self.slug} already exists")
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=self.name, slug=self.slug, language="sv", require_2fa_for_admins=False
            )
        result = Generated(organisation)
        end = self.today or organisation.today()
        start = end - timedelta(days=365 * self.years)
        catalogue = {p.number: p for p in Practice.objects.filter(organisation__isnull=True)}
        leaders = self._structure(result)
        departments = max(1, math.ceil(self.managers / 50))
        sizes = team_sizes(self.rng, self.people, len(leaders))
        offset = 0
        for (membership, team), size in self.progress(
            zip(leaders, sizes, strict=True), len(leaders), "teams"
        ):
            with transaction.atomic():
                people = self._people(team, size, start, offset)
                self._plan(membership, start, end, catalogue, result, people)
                offset += size
                # Department heads have their own staff too, plus everyone below them.
                self._crm(membership, people, start, end, result)
            result.add("people", size)
        self._member_accounts(organisation, result)
        self._checkpoints(organisation, end)
        for extension in extensions():
            extension(self, result, start, end)
        result.counts["departments"] = departments
        return result


RECOGNITION_MESSAGES = (
    "Tack för att du tog det svåra samtalet med kunden",
    "Din genomgång av rutinen sparade oss en timme",
    "Du hjälpte den nya kollegan hela veckan",
    "Snyggt löst med schemat i helgen",
)
FLAWS = ("Fel pris i offerten", "Ett steg saknades i rutinen", "Formuläret tappade svar")


def extensions() -> list[Callable]:
    """History of the areas an organisation uses beyond the practice loop and the CRM."""
    return [recognition_history, survey_history]


def recognition_history(generator: Generator, result: Generated, start: date, end: date) -> None:
    """Peer recognition from members (about one a month each) and a hero of the day per
    manager every other month, over the last two years."""
    from engagera.practices.models import Driver
    from engagera.recognition.models import Kind, Recognition, Visibility

    rng, organisation = generator.rng, result.organisation
    tz = organisation.tzinfo
    first = max(start, end - timedelta(days=730))
    days = (end - first).days
    drivers = list(Driver.objects.order_by("position"))
    people_by_team: dict[int, list[Person]] = {}
    for person in Person.objects.filter(organisation=organisation).order_by("id"):
        people_by_team.setdefault(person.team_id, []).append(person)
    rows = []
    for team in Team.objects.filter(organisation=organisation).prefetch_related("managers"):
        people = people_by_team.get(team.pk, [])
        if len(people) < 2:
            continue
        givers = [p for p in people if p.user_id]
        for giver in givers:
            for _ in range(days // 30):
                receiver = rng.choice([p for p in people if p.pk != giver.pk])
                rows.append(
                    Recognition(
                        organisation=organisation,
                        team=team,
                        kind=Kind.PEER,
                        giver_id=giver.user_id,
                        receiver=receiver,
                        message=rng.choice(RECOGNITION_MESSAGES),
                        driver=rng.choice(drivers),
                        visibility=Visibility.TEAM if rng.random() < 0.8 else Visibility.PRIVATE,
                        created_at=_aware(first + timedelta(days=rng.randint(0, days)), 10, tz),
                    )
                )
        for manager in team.managers.all():
            for _ in range(days // 60):
                rows.append(
                    Recognition(
                        organisation=organisation,
                        team=team,
                        kind=Kind.HERO,
                        giver=manager,
                        receiver=rng.choice(people),
                        message=rng.choice(FLAWS),
                        found_in=rng.choice(("product", "process", "offer")),
                        created_at=_aware(first + timedelta(days=rng.randint(0, days)), 14, tz),
                    )
                )
    Recognition.objects.bulk_create(rows, batch_size=2000)
    result.add("recognitions", len(rows))


def survey_history(generator: Generator, result: Generated, start: date, end: date) -> None:
    """A closed organisation-wide pulse every quarter for the last two years, answered by
    about 70 % of those asked, with the counts of each closed round tallied as in use."""
    from engagera.surveys.actions import pulse_questions
    from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
    from engagera.surveys.models import Answer, Invitation, Kind, Response, Round

    if not bank_is_loaded():
        sync_questions()
    rng, organisation = generator.rng, result.organisation
    people = list(Person.objects.filter(organisation=organisation).order_by("id"))
    admin = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).first()
    comments = ("", "", "", "", "Mer tid för kompetensutveckling", "Bra stämning i gruppen")
    rounds = responses = 0
    for quarter in range(8, 0, -1):
        opens = end - timedelta(days=91 * quarter)
        if opens < start:
            continue
        with transaction.atomic():
            round_ = Round.objects.create(
                organisation=organisation,
                team=None,
                opens_on=opens,
                closes_on=opens + timedelta(days=14),
                created_by=admin.user if admin else None,
            )
            questions = pulse_questions(organisation, None)
            round_.questions.set(questions)
            mood = rng.uniform(-0.4, 0.4)  # this quarter's weather over the whole place
            invitations, answers, replies = [], [], []
            for person in people:
                answered = rng.random() < 0.7
                invitations.append(
                    Invitation(
                        round=round_,
                        person=person,
                        team_id=person.team_id,
                        sent=True,
                        responded=answered,
                    )
                )
                if not answered:
                    continue
                reply = Response(round=round_, team_id=person.team_id, comment=rng.choice(comments))
                replies.append(reply)
                for question in questions:
                    if question.kind == Kind.RECOMMEND:
                        value = min(10, max(0, round(rng.gauss(7.5 + mood, 1.8))))
                    else:
                        value = min(5, max(1, round(rng.gauss(3.7 + mood, 0.9))))
                    answers.append(
                        Answer(
                            response=reply,
                            round=round_,
                            team_id=person.team_id,
                            question=question,
                            value=value,
                        )
                    )
            Invitation.objects.bulk_create(invitations, batch_size=2000)
            # Shuffled: rows are stored in no order that follows the list of people.
            rng.shuffle(replies)
            rng.shuffle(answers)
            Response.objects.bulk_create(replies, batch_size=2000)
            Answer.objects.bulk_create(answers, batch_size=5000)
        rounds += 1
        responses += len(replies)
    result.add("survey rounds", rounds)
    result.add("survey responses", responses)


def generate(**options) -> Generated:
    started = timezone.now()
    result = Generator(**options).run()
    result.counts["seconds"] = round((timezone.now() - started).total_seconds(), 1)
    return result
