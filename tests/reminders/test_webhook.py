"""The organisation's webhook: public recognition as JSON with a chat "text" field,
delivered by a task, retried with exponential backoff, never in the user's way."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from engagera.core import events
from engagera.core.errors import ActionError
from engagera.reminders import webhooks
from engagera.reminders.actions import do_save_webhook
from engagera.reminders.models import Webhook


class Receiver:
    """A local HTTP server answering with the given status codes in turn (then 200)."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.bodies = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.serve(Handler)

    def serve(self, handler):
        self.server = HTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def intranet(settings):
    """The receiver listens on 127.0.0.1: these tests run as an intranet installation."""
    settings.WEBHOOK_ALLOW_PRIVATE = True


@pytest.fixture
def receiver():
    made = []

    def make(statuses=()):
        made.append(Receiver(statuses))
        return made[-1]

    yield make
    for r in made:
        r.close()


# What engagera.recognition.actions.payload() publishes.
PAYLOAD = {"id": 1, "kind": "peer", "receiver": "Maja Månsson", "message": "Hjälpte nya kollegan"}


def publish(org, django_capture_on_commit_callbacks, kind="recognition.public"):
    with django_capture_on_commit_callbacks(execute=True):
        events.publish(org, kind, PAYLOAD)


def test_public_recognition_reaches_the_webhook(
    admin, org, receiver, django_capture_on_commit_callbacks
):
    hook = receiver()
    do_save_webhook(admin, url=hook.url, active=True)
    publish(org, django_capture_on_commit_callbacks)
    publish(org, django_capture_on_commit_callbacks, kind="recognition.hero")
    assert [b["kind"] for b in hook.bodies] == ["recognition.public", "recognition.hero"]
    assert "Maja Månsson" in hook.bodies[0]["text"]
    assert "Hjälpte nya kollegan" in hook.bodies[0]["text"]
    assert hook.bodies[0]["data"] == PAYLOAD
    assert Webhook.objects.get().last_status.endswith("HTTP 200")


def test_nothing_is_sent_without_an_active_webhook(
    admin, org, receiver, django_capture_on_commit_callbacks
):
    hook = receiver()
    do_save_webhook(admin, url=hook.url, active=False)
    publish(org, django_capture_on_commit_callbacks)
    assert hook.bodies == []


def test_another_organisations_events_do_not_reach_it(
    admin, org, other_org, receiver, django_capture_on_commit_callbacks
):
    hook = receiver()
    do_save_webhook(admin, url=hook.url, active=True)
    publish(other_org, django_capture_on_commit_callbacks)
    assert hook.bodies == []


def test_a_failure_is_retried_with_exponential_backoff(
    db_tasks, admin, org, receiver, django_capture_on_commit_callbacks
):
    hook = receiver(statuses=[500, 503])
    do_save_webhook(admin, url=hook.url, active=True)
    publish(org, django_capture_on_commit_callbacks)  # enqueues; the user waits for nothing
    assert hook.bodies == []
    delays = []
    for _ in range(3):
        before = timezone.now()
        call_command("worker", "--batch", "--no-schedule", "--interval", "0")
        pending = DBTaskResult.objects.filter(status="READY").first()
        if pending is None:
            break
        delays.append(round((pending.run_after - before).total_seconds()))
        assert pending.args_kwargs["args"][2] == len(delays) + 1
        DBTaskResult.objects.filter(pk=pending.pk).update(run_after=timezone.now())
    assert len(hook.bodies) == 3  # two failures, then delivered
    assert delays[0] in range(29, 32) and delays[1] in range(59, 62)
    assert Webhook.objects.get().last_status.endswith("HTTP 200")


def test_it_gives_up_after_the_last_attempt(admin, org, receiver):
    hook = receiver(statuses=[500] * 10)
    do_save_webhook(admin, url=hook.url, active=True)
    # Immediate backend: the retries run at once, without waiting.
    outcome = webhooks.deliver(org.pk, {"text": "x"}, webhooks.MAX_ATTEMPTS)
    assert outcome.startswith("gave up") and len(hook.bodies) == 1


def test_an_unreachable_webhook_never_breaks_the_request(
    admin, org, django_capture_on_commit_callbacks
):
    do_save_webhook(admin, url="http://127.0.0.1:1/hook", active=True)
    publish(org, django_capture_on_commit_callbacks)  # no exception reaches the caller
    assert "ConnectionRefused" in Webhook.objects.get().last_status or "URLError" in (
        Webhook.objects.get().last_status
    )


def test_only_an_admin_sets_the_webhook(client_for, admin, manager):
    response = client_for(manager).get(reverse("webhook_settings"))
    assert response.status_code == 403
    client = client_for(admin)
    response = client.post(
        reverse("webhook_settings"), {"url": "https://hooks.example/x", "active": "on"}
    )
    assert response.status_code == 302
    assert Webhook.objects.get(organisation=admin.organisation).url == "https://hooks.example/x"
    refused = client.post(reverse("webhook_settings"), {"url": "ftp://hooks.example/x"})
    assert refused.status_code == 200
    assert Webhook.objects.get().url == "https://hooks.example/x"


def test_a_real_recognition_reaches_the_webhook(
    admin, manager, org, receiver, django_capture_on_commit_callbacks
):
    """End to end with the recognition area: its action publishes, the webhook posts."""
    from engagera.core.actions import do_create_user
    from engagera.core.models import Role
    from engagera.people.models import Person, Team
    from engagera.practices.models import Driver
    from engagera.recognition.actions import do_name_hero, do_recognise

    hook = receiver()
    do_save_webhook(admin, url=hook.url, active=True)
    team = Team.objects.create(organisation=org, name="Hemtjänst")
    team.managers.add(manager.user)
    user = do_create_user(
        "kim@solbacka.example",
        org,
        Role.MEMBER,
        password=None,
        full_name="Kim",
        check_password=False,
    )
    kim = Person.objects.create(organisation=org, team=team, full_name="Kim Kund", user=user)
    with django_capture_on_commit_callbacks(execute=True):
        do_recognise(manager, kim, message="Tack för i går", driver=Driver.objects.first())
    with django_capture_on_commit_callbacks(execute=True):
        do_name_hero(manager, kim, found_in="process", message="Hittade felet i rutinen")
    assert [b["kind"] for b in hook.bodies] == ["recognition.public", "recognition.hero"]
    assert "Kim Kund" in hook.bodies[0]["text"] and "Tack för i går" in hook.bodies[0]["text"]
    assert "Hittade felet i rutinen" in hook.bodies[1]["text"]


# --- Server-side request forgery: by default only public addresses are posted to ---------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin",
        "https://localhost/x",
        "https://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data",  # a cloud's metadata service
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://100.64.0.1/hook",
    ],
)
def test_a_private_address_is_refused_when_saved(settings, admin, url):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    with pytest.raises(ActionError) as refused:
        do_save_webhook(admin, url=url, active=True)
    assert refused.value.field == "url"
    assert not Webhook.objects.exists()


def test_the_form_explains_why_an_address_is_refused(settings, client_for, admin):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    response = client_for(admin).post(
        reverse("webhook_settings"), {"url": "http://127.0.0.1:6379/", "active": "on"}
    )
    assert response.status_code == 200
    assert "ENGAGERA_WEBHOOK_ALLOW_PRIVATE" in response.content.decode()
    assert not Webhook.objects.exists()


def test_a_name_that_resolves_to_a_private_address_is_not_posted_to(settings, admin, org, receiver):
    """A name is only resolved when posting, and may resolve differently from one lookup to
    the next: the address actually connected to is checked before anything is sent."""
    hook = receiver()
    do_save_webhook(admin, url=hook.url.replace("127.0.0.1", "localhost"), active=True)
    settings.WEBHOOK_ALLOW_PRIVATE = False
    outcome = webhooks.deliver(org.pk, {"text": "x"}, webhooks.MAX_ATTEMPTS)
    assert outcome.startswith("gave up") and "not on the public internet" in outcome
    assert hook.bodies == []  # the request never reached the server


def test_a_redirect_is_not_followed(admin, org, receiver):
    target = receiver()
    redirecting = Redirector(target.url)
    try:
        do_save_webhook(admin, url=redirecting.url, active=True)
        outcome = webhooks.deliver(org.pk, {"text": "x"}, webhooks.MAX_ATTEMPTS)
    finally:
        redirecting.close()
    assert outcome.startswith("gave up") and "307" in outcome
    assert target.bodies == []


class Redirector(Receiver):
    """Answers every POST with a 307 to `location`."""

    def __init__(self, location):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.send_response(307)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.serve(Handler)
