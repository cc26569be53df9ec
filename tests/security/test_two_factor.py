"""Two-factor authentication (TOTP): set up, sign in with a code, turn off, required for admins."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from engagera.audit.models import AuditEntry
from engagera.core.errors import ActionError
from engagera.security import sessions

from .conftest import add_device, code_for


@pytest.fixture(autouse=True)
def english(org):
    # The messages checked below are English; the organisation's default is Swedish.
    org.language = "en"
    org.save(update_fields=["language"])


@pytest.fixture(autouse=True)
def no_throttle_delay(settings):
    # django-otp makes each wrong code double the wait before the next try; the tests
    # that are not about that must not sleep. test_it_slows_down_guessing turns it back on.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def recovery_codes(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode())


def setup_secret(client) -> str:
    client.get(reverse("two_factor"))
    return client.session[sessions.SETUP_KEY]


def test_it_shows_a_qr_code_and_the_key_to_set_up(client_for, manager):
    response = client_for(manager).get(reverse("two_factor"))
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<svg role="img" aria-label="[^"]+" class="qr"', body)
    assert "<img" not in body.split("<main", 1)[1]  # inline markup, no request elsewhere
    secret = re.search(r'<code class="secret" translate="no">([A-Z2-7 ]+)</code>', body).group(1)
    assert len(secret.replace(" ", "")) == 32  # 20 bytes in base32
    assert 'autocomplete="one-time-code"' in body and 'inputmode="numeric"' in body
    # Reloading shows the same secret, so a slow scan still works.
    assert secret in client_for(manager).get(reverse("two_factor")).content.decode()


def test_it_turns_on_with_a_correct_code(client_for, manager):
    client = client_for(manager)
    other = Client()
    other.force_login(manager.user)
    secret = setup_secret(client)
    response = client.post(reverse("two_factor"), {"code": code_for(secret)})
    assert response.status_code == 200  # the recovery codes, shown this once
    assert len(recovery_codes(response)) == 10
    device = TOTPDevice.objects.get(user=manager.user)
    assert device.confirmed and device.key == secret
    # This session goes on, verified; the user's other sessions end.
    assert client.get(reverse("dashboard")).status_code == 200
    assert other.get(reverse("dashboard")).status_code == 302
    assert AuditEntry.objects.filter(action="auth.2fa_enabled", actor=manager.user).exists()


def test_it_refuses_a_wrong_code_at_setup(client_for, manager):
    client = client_for(manager)
    secret = setup_secret(client)
    wrong = f"{(int(code_for(secret)) + 1) % 1000000:06d}"
    response = client.post(reverse("two_factor"), {"code": wrong})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not TOTPDevice.objects.exists()
    response = client.post(reverse("two_factor"), {"code": "12ab"})
    assert "six digits" in response.content.decode()


def test_it_asks_for_the_code_after_the_password(client, manager, sign_in_form):
    device = add_device(manager.user)
    response = sign_in_form(manager.user.email, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))
    # Nothing else opens before the code, not even by typing the address.
    for url in (reverse("dashboard"), reverse("plan"), reverse("two_factor"), reverse("me")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(
            reverse("two_factor_verify")
        ), url
    response = client.post(reverse("two_factor_verify"), {"code": "000000", "next": "/plan/"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    key_before = client.session.session_key
    response = client.post(
        reverse("two_factor_verify"), {"code": code_for(device.key), "next": "/plan/"}
    )
    assert response.status_code == 302 and response.url == "/plan/"
    assert client.session.session_key != key_before  # more rights, new session key
    assert client.get(reverse("dashboard")).status_code == 200
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["auth.login", "auth.2fa_failed"]


def test_it_refuses_a_code_used_once_already(client, manager, sign_in_form):
    device = add_device(manager.user)
    code = code_for(device.key)
    sign_in_form(manager.user.email)
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    sign_in_form(manager.user.email)
    response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.status_code == 200  # a replayed code is refused


def test_it_ignores_an_outside_next_address(client, manager, sign_in_form):
    device = add_device(manager.user)
    sign_in_form(manager.user.email)
    response = client.post(
        reverse("two_factor_verify"),
        {"code": code_for(device.key), "next": "https://evil.example/"},
    )
    assert response.url == reverse("home")


def test_it_answers_htmx_requests_with_a_full_page_redirect(
    client, manager, plan_item, sign_in_form
):
    add_device(manager.user)
    sign_in_form(manager.user.email)
    response = client.post(
        reverse("log_performance", args=[plan_item.pk]), {"token": "t"}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("two_factor_verify")
    assert plan_item.performances.count() == 0


def test_it_slows_down_guessing(client, manager, sign_in_form, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = add_device(manager.user)
    sign_in_form(manager.user.email)
    client.post(reverse("two_factor_verify"), {"code": "000000"})
    response = client.post(reverse("two_factor_verify"), {"code": code_for(device.key)})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_it_turns_off_with_a_code(client_for, manager):
    device = add_device(manager.user)
    client = client_for(manager)
    client.post(reverse("two_factor_verify"), {"code": code_for(device.key)})
    assert client.get(reverse("two_factor_disable")).status_code == 200
    response = client.post(reverse("two_factor_disable"), {"code": "000000"})
    assert response.status_code == 200 and TOTPDevice.objects.exists()
    response = client.post(
        reverse("two_factor_disable"), {"code": code_for(device.key, steps_ahead=1)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()
    assert AuditEntry.objects.filter(action="auth.2fa_disabled").count() == 1
    assert client.get(reverse("dashboard")).status_code == 200


def test_it_sends_an_admin_without_a_device_to_the_setup(client, admin, sign_in_form):
    organisation = admin.organisation
    organisation.require_2fa_for_admins = True
    organisation.save()
    response = sign_in_form(admin.user.email, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor"))
    assert "requires administrators" in response.content.decode()
    for url in (reverse("overview"), reverse("organisation_settings"), reverse("audit_log")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("two_factor")), url
    secret = client.session[sessions.SETUP_KEY]
    response = client.post(
        reverse("two_factor"), {"code": code_for(secret), "next": reverse("overview")}
    )
    # The recovery codes are shown once; going on leads where the admin was heading.
    assert response.status_code == 200
    assert f'href="{reverse("overview")}">I have saved them' in response.content.decode()
    assert client.get(reverse("overview")).status_code == 200


def test_it_does_not_let_a_required_admin_turn_it_off(client_for, admin):
    organisation = admin.organisation
    organisation.require_2fa_for_admins = True
    organisation.save()
    device = add_device(admin.user)
    client = client_for(admin)
    client.post(reverse("two_factor_verify"), {"code": code_for(device.key)})
    assert "cannot be turned off" in client.get(reverse("two_factor")).content.decode()
    client.post(reverse("two_factor_disable"), {"code": code_for(device.key, steps_ahead=1)})
    assert TOTPDevice.objects.filter(user=admin.user).exists()


def test_it_leaves_managers_free_to_choose(client, manager, admin, sign_in_form):
    organisation = admin.organisation
    organisation.require_2fa_for_admins = True
    organisation.save()
    sign_in_form(manager.user.email)
    assert client.get(reverse("dashboard")).status_code == 200


def test_it_lets_admins_switch_the_requirement_in_the_settings(client_for, admin):
    client = client_for(admin)
    page = client.get(reverse("organisation_settings")).content.decode()
    assert 'name="require_2fa_for_admins"' in page
    organisation = admin.organisation
    data = {
        "name": organisation.name,
        "language": "sv",
        "max_learning": 3,
        "established_strength": 80,
        "established_min_days": 66,
        "slipping_strength": 60,
        "feedback_wait_days": 14,
        "need_target_working_days": 5,
        "require_2fa_for_admins": "on",
    }
    assert client.post(reverse("organisation_settings"), data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.require_2fa_for_admins
    # From the next request on, this admin must set it up too.
    assert client.get(reverse("overview")).url.startswith(reverse("two_factor"))


def test_it_requires_it_for_admins_by_default(catalogue):
    from engagera.core.actions import do_create_organisation

    assert do_create_organisation("Ny kommun").require_2fa_for_admins


def test_it_resets_a_lost_phone_from_the_command_line(manager, capsys):
    add_device(manager.user)
    signed_in = Client()
    signed_in.force_login(manager.user)
    call_command("reset2fa", manager.user.email.upper())
    assert not TOTPDevice.objects.exists()
    assert "reset" in capsys.readouterr().out
    assert signed_in.get(reverse("dashboard")).status_code == 302
    assert AuditEntry.objects.filter(action="auth.2fa_reset").get().organisation == (
        manager.organisation
    )


def test_it_lets_exempt_views_through_before_the_code(manager, rf):
    """A manifest or service worker holds nothing personal: views can opt out."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import resolve

    from engagera.security.middleware import TwoFactorMiddleware, two_factor_exempt

    request = rf.get("/me/")
    request.user = manager.user
    request.membership = manager
    request.session = SessionStore()
    request.session[sessions.TWO_FACTOR] = sessions.PENDING
    request.resolver_match = resolve("/me/")
    gate = TwoFactorMiddleware(lambda r: None)

    def view(request):
        return None

    assert gate.process_view(request, view, (), {}).status_code == 302
    assert gate.process_view(request, two_factor_exempt(view), (), {}) is None


# --- Recovery codes -----------------------------------------------------------------------


def _turn_on(client, user) -> list[str]:
    secret = setup_secret(client)
    return recovery_codes(client.post(reverse("two_factor"), {"code": code_for(secret)}))


def test_a_recovery_code_signs_in_once(client, client_for, manager, sign_in_form):
    codes = _turn_on(client_for(manager), manager.user)
    assert len(set(codes)) == 10
    sign_in_form(manager.user.email)
    typed = codes[0].upper().replace("-", " ")  # as someone might type it from paper
    response = client.post(reverse("two_factor_verify"), {"code": typed, "next": "/plan/"})
    assert response.status_code == 302 and response.url == "/plan/"
    assert AuditEntry.objects.filter(action="auth.2fa_recovery_code_used").exists()
    page = client.get(reverse("two_factor")).content.decode()
    assert "9 unused recovery codes" in page
    # Used once, it is gone.
    client.post(reverse("logout"))
    sign_in_form(manager.user.email)
    response = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert response.status_code == 200 and "recovery code is not right" in response.content.decode()


def test_another_users_recovery_code_does_not_work(
    client, client_for, manager, colleague, sign_in_form
):
    theirs = _turn_on(client_for(colleague), colleague.user)
    _turn_on(client_for(manager), manager.user)
    sign_in_form(manager.user.email)
    response = client.post(reverse("two_factor_verify"), {"code": theirs[0]})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302  # still waiting for the code


def test_new_recovery_codes_replace_the_old_ones(client_for, manager):
    client = client_for(manager)
    old = _turn_on(client, manager.user)
    response = client.post(reverse("two_factor_recovery_codes"))
    new = recovery_codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    from engagera.security import actions

    with pytest.raises(ActionError):
        actions.do_verify_two_factor(manager.user, old[1])
    actions.do_verify_two_factor(manager.user, new[1])  # no error
    assert AuditEntry.objects.filter(action="auth.2fa_recovery_codes_created").count() == 2


def test_recovery_codes_need_two_factor_on_and_go_with_it(client_for, manager):
    client = client_for(manager)
    response = client.post(reverse("two_factor_recovery_codes"))
    assert response.status_code == 302 and not StaticToken.objects.exists()
    assert client.get(reverse("two_factor_recovery_codes")).status_code == 405
    codes = _turn_on(client, manager.user)
    response = client.post(reverse("two_factor_disable"), {"code": codes[0]})
    assert response.status_code == 302
    assert not StaticToken.objects.exists() and not TOTPDevice.objects.exists()


def test_a_lost_phone_reset_removes_the_recovery_codes(client_for, manager):
    _turn_on(client_for(manager), manager.user)
    call_command("reset2fa", manager.user.email)
    assert not StaticToken.objects.exists()


def test_guessing_recovery_codes_is_slowed_down(client_for, manager, settings):
    from engagera.security import actions

    settings.OTP_STATIC_THROTTLE_FACTOR = 60  # the next try waits a minute after a miss
    codes = _turn_on(client_for(manager), manager.user)
    with pytest.raises(ActionError, match="not right"):
        actions.do_verify_two_factor(manager.user, "abcd2345")
    with pytest.raises(ActionError, match="Too many wrong codes"):
        actions.do_verify_two_factor(manager.user, codes[0])  # even a right one must wait
