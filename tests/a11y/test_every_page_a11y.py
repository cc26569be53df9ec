"""axe-core on every page of the registry, as each role that may see it (issue 9).

Pages come from tests/pages/ (the same registry as the access matrix), so a new page is
checked as soon as it is registered, and a page with viewers that cannot be rendered
fails. Each page is loaded once per role and language, then checked in light and dark
mode at desktop and phone width without reloading: WCAG 2.1 A and AA must give 0
violations, and at phone width nothing may scroll sideways and every control must be a
44 px tap target.
"""

import json
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError

from engagera.lib.habits import Target
from engagera.practices.models import Performance, PlanItem, PlanState, Practice
from engagera.security import sessions as two_factor_session
from tests.browser.conftest import TIMEOUT_MS
from tests.pages import all_pages, build_all

from .checks import (
    DESKTOP_WIDTH,
    PHONE_WIDTH,
    describe,
    horizontal_overflow,
    run_axe,
    small_tap_targets,
)

pytestmark = pytest.mark.browser

ROLES = ("anonymous", "member", "manager", "admin")
LANGUAGES = ("sv", "en")
# (colour scheme, width) per language. Swedish, the default, gets every combination; English
# shares the layout and colours, so it is checked where words differ most: light, desktop and
# phone (longer or shorter words can break a narrow layout).
VIEWS = {
    "sv": [
        ("light", DESKTOP_WIDTH),
        ("dark", DESKTOP_WIDTH),
        ("dark", PHONE_WIDTH),
        ("light", PHONE_WIDTH),
    ],
    "en": [("light", DESKTOP_WIDTH), ("light", PHONE_WIDTH)],
}
# Pages whose job is to send the visitor on: the page they land on is the one checked.
REDIRECTING = {"home", "password_reset_confirm"}
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
SUMMARY_FILE = settings.DATA_DIR / "a11y-summary.json"


def _lived_in_plan(membership):
    """Half a year of history, so the dashboard shows its notices, rating form and states."""
    today = membership.organisation.today()

    def item(number, target, days_ago, *, state=PlanState.LEARNING, done_until=0, every=7):
        practice = Practice.objects.get(organisation__isnull=True, number=number)
        t = Target.parse(target)
        plan_item = PlanItem.objects.create(
            organisation=membership.organisation,
            manager=membership.user,
            practice=practice,
            times=t.times,
            period_days=t.period_days,
            start_date=today - timedelta(days=days_ago),
            state=state,
            established_on=today - timedelta(days=90) if state == PlanState.ESTABLISHED else None,
            if_situation="the Monday meeting starts",
            if_action="I give one piece of specific feedback",
        )
        Performance.objects.bulk_create(
            Performance(plan_item=plan_item, performed_on=today - timedelta(days=d))
            for d in range(done_until, days_ago, every)
        )

    item(41, "1/week", 150, every=3)  # becomes established on the first dashboard visit
    item(45, "1/week", 200, state=PlanState.ESTABLISHED, done_until=70)  # slipping
    item(49, "1/14d", 30, every=10)  # learning, asks for this month's rating
    item(12, "1/week", 60, state=PlanState.PAUSED)
    item(20, "1/month", 90, state=PlanState.RETIRED)


def _password_reset_confirm(membership) -> str:
    """The registry leaves this page to test_accounts (it needs a token); check it here too."""
    user = membership.user
    # Django redirects once, to the same form under a token kept in the session.
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _targets(objects_by_role) -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """{role: [(page name, url)]} for every registry page with viewers; and what cannot render."""
    targets = {role: [] for role in ROLES}
    problems = []
    pages = [p for p in all_pages() if p.viewers]
    for page in pages:
        for role in page.viewers:
            if role not in targets:
                problems.append(f"{page.name}: unknown role {role!r} in viewers")
                continue
            objects = objects_by_role[role]
            if page.obj and page.obj not in objects:
                problems.append(f"{page.name}: build() in tests/pages/ makes no {page.obj!r}")
                continue
            try:
                url = reverse(page.name, args=[objects[page.obj]] if page.obj else [])
            except NoReverseMatch as exc:
                problems.append(f"{page.name}: cannot build its URL ({exc})")
                continue
            targets[role].append((page.name, url + page.query))
    return targets, problems


@contextmanager
def _with_two_factor_device(membership, session_key):
    device = TOTPDevice.objects.create(user=membership.user, name="a11y", confirmed=True)
    try:
        yield
    finally:
        device.delete()


@contextmanager
def _owing_a_code(membership, session_key):
    """Signed in with the password, the code still to enter: only the code page is open."""
    store = SessionStore(session_key)
    store[two_factor_session.TWO_FACTOR] = two_factor_session.PENDING
    store.save()
    try:
        yield
    finally:
        store = SessionStore(session_key)
        store.pop(two_factor_session.TWO_FACTOR, None)
        store.save()


# Pages that show only in a state the registry does not set up: the state, made per page.
PAGE_STATES = {
    "two_factor_disable": _with_two_factor_device,
    "two_factor_verify": _owing_a_code,
}


def _session_cookie(membership, live_server) -> dict:
    client = Client()
    client.force_login(membership.user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _open_all_details(page, *, menu: bool) -> None:
    """Check folded content too (log notes, tables behind charts); the user menu only on demand."""
    page.evaluate(
        """menu => document.querySelectorAll('details').forEach(d => {
             if (menu || !d.classList.contains('user-menu')) d.open = true;
           })""",
        menu,
    )


class Run:
    """What the check found: violations, other problems, and what it covered."""

    def __init__(self):
        self.violations: list[str] = []
        self.problems: list[str] = []
        self.checked: set[str] = set()  # registry pages checked with axe
        self.files: set[str] = set()  # registry URLs that answer with a download or data
        self.axe_runs = 0

    def load(self, page, base: str, name: str, url: str, where: str, language: str) -> bool:
        """Open the page; True when it is an HTML page to check."""
        try:
            response = page.goto(base + url)
        except PlaywrightError as exc:
            if "Download is starting" not in str(exc):
                raise
            response = None
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            # A download (CSV, JSON export) or data: it must answer, but there is no page.
            answer = page.context.request.get(base + url)
            if answer.ok:
                self.files.add(name)
            else:
                self.problems.append(f"{where}: answered {answer.status}")
            answer.dispose()
            return False
        final = page.url.removeprefix(base)
        if response.status != 200:
            self.problems.append(f"{where}: answered {response.status}")
        elif final.split("?")[0] != url.split("?")[0] and name not in REDIRECTING:
            self.problems.append(f"{where}: sent on to {final}, so never checked")
        elif page.locator("html").get_attribute("lang") != language:
            self.problems.append(f"{where}: <html lang> is not {language}")
        else:
            return True
        return False

    def check(self, page, name: str, where: str, language: str) -> None:
        self.checked.add(name)
        _open_all_details(page, menu=False)
        for mode, width in VIEWS[language]:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=mode)
            # Let the page's own resize handling (scrollable tables) run, as it would for a person.
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            self.axe_runs += 1
            self.violations += [
                f"{where} [{mode}, {width} px]: {describe(v)}" for v in run_axe(page)
            ]
            if width == PHONE_WIDTH:
                _open_all_details(page, menu=True)
                overflow = horizontal_overflow(page)
                if overflow:
                    self.problems.append(f"{where} [{mode}, {width} px]: {overflow}")
                self.problems += [f"{where} [{width} px]: {s}" for s in small_tap_targets(page)]

    def summary(self) -> dict:
        return {
            "pages": len(self.checked),
            "downloads": len(self.files),
            "axe_runs": self.axe_runs,
            "roles": list(ROLES),
            "languages": list(LANGUAGES),
            "modes": sorted({m for views in VIEWS.values() for m, _ in views}, reverse=True),
            "widths": sorted({w for views in VIEWS.values() for _, w in views}, reverse=True),
            "violations": len(self.violations),
            "other_problems": len(self.problems),
        }


def test_every_page_has_no_wcag_violations(
    live_server, browser, member, manager, admin, outsider_admin, capsys
):
    owner = SimpleNamespace(
        manager=manager, admin=admin, member=member, secret="a11y", org_secret="A11y practice"
    )
    for_manager = build_all(owner)
    _lived_in_plan(manager)
    # The administrator leads people too. Pages about one's own objects need objects of
    # their own: in their own organisation, so nothing clashes with the manager's.
    for_admin = build_all(
        SimpleNamespace(
            manager=outsider_admin,
            admin=outsider_admin,
            member=outsider_admin,
            secret="a11y-admin",
            org_secret="Our practice",
        )
    )
    objects = {"anonymous": for_manager, "member": for_manager, "manager": for_manager}
    objects["admin"] = for_admin
    targets, problems = _targets(objects)
    targets["anonymous"].append(("password_reset_confirm", _password_reset_confirm(member)))
    memberships = {"member": member, "manager": manager, "admin": outsider_admin}
    cookies = {role: _session_cookie(m, live_server) for role, m in memberships.items()}

    run = Run()
    run.problems += problems
    for language in LANGUAGES:
        for role in ROLES:
            if role in memberships:
                user = memberships[role].user
                user.language = language
                user.save(update_fields=["language"])
            context = browser.new_context(
                locale={"sv": "sv-SE", "en": "en-GB"}[language],
                timezone_id="Europe/Stockholm",
                viewport={"width": DESKTOP_WIDTH, "height": 900},
                # axe is injected by script; a Content Security Policy must not stop it here.
                bypass_csp=True,
                service_workers="block",
            )
            context.set_default_timeout(TIMEOUT_MS)
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
                + ([cookies[role]] if role in cookies else [])
            )
            page = context.new_page()
            try:
                for name, url in targets[role]:
                    where = f"{role} {language} {url}"
                    state = PAGE_STATES.get(name) if role in memberships else None
                    with (
                        state(memberships[role], cookies[role]["value"]) if state else nullcontext()
                    ):
                        if run.load(page, live_server.url, name, url, where, language):
                            run.check(page, name, where, language)
            finally:
                context.close()

    registered = {p.name for p in all_pages() if p.viewers}
    run.problems += [f"{n}: never checked" for n in sorted(registered - run.checked - run.files)]
    summary = run.summary()
    SUMMARY_FILE.write_text(json.dumps(summary) + "\n")
    with capsys.disabled():
        print(
            f"\na11y: {summary['pages']} pages checked ({summary['axe_runs']} axe runs; "
            f"{summary['downloads']} downloads skipped), roles: {', '.join(ROLES)}, "
            f"languages: {', '.join(LANGUAGES)}, modes: {', '.join(summary['modes'])}, "
            f"widths: {', '.join(map(str, summary['widths']))}, "
            f"violations: {summary['violations']}, other problems: {summary['other_problems']}"
        )
    assert run.violations + run.problems == [], "\n".join(run.violations + run.problems)


def test_the_checks_catch_what_they_look_for(browser):
    """A control: on a page built to fail, each check reports, in dark mode too."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800})
    try:
        page = context.new_page()
        page.set_content(
            """<html lang="en"><head><style>
                 @media (prefers-color-scheme: dark) { body { background: #121417; } }
               </style></head><body><main>
                 <p style="color: #333">Readable on white, not on the dark background.</p>
                 <button style="height: 20px"></button>
                 <div style="width: 600px">Too wide for a phone.</div>
               </main></body></html>"""
        )
        assert "color-contrast" not in {v["id"] for v in run_axe(page)}
        page.emulate_media(color_scheme="dark")
        found = {v["id"] for v in run_axe(page)}
        assert {"color-contrast", "button-name"} <= found, found
        assert horizontal_overflow(page)
        assert small_tap_targets(page)
    finally:
        context.close()
