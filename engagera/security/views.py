"""Two-factor authentication pages and the login lockout page. Logic lives in actions.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from engagera.core.access import leader_required
from engagera.core.errors import ActionError

from . import actions, queries, sessions
from .forms import CodeForm, InviteForm, SignInLinkForm
from .models import LinkPurpose
from .qr import qr_svg


def _next_url(request, default: str = "home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, {request.get_host()}, request.is_secure()
    ):
        return candidate
    return default


def _form_error(form, exc: ActionError) -> None:
    form.add_error("code" if exc.field == "code" else None, exc.message)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Status, and the setup: a secret and its QR code, confirmed with a first code."""
    user = request.user
    if queries.has_device(user):
        return render(
            request,
            "security/two_factor_on.html",
            {
                "required": queries.two_factor_required(request.membership),
                "codes_left": queries.recovery_codes_left(user),
            },
        )
    secret = request.session.get(sessions.SETUP_KEY)
    if secret is None:  # kept until confirmed, so a reload shows the same QR code
        secret = request.session[sessions.SETUP_KEY] = actions.new_secret()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_enable_two_factor(user, secret, form.cleaned_data["code"], request=request)
        except ActionError as exc:
            _form_error(form, exc)
        else:
            update_session_auth_hash(request, user)  # this session stays; the others end
            sessions.mark_verified(request.session)
            messages.success(request, _("Two-factor authentication is on."))
            codes = actions.do_create_recovery_codes(user, request=request)
            return _show_recovery_codes(request, codes, _next_url(request, "two_factor"))
    return render(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(
                actions.otpauth_url(user, secret), _("QR code for your authenticator app")
            ),
            "secret": actions.secret_for_people(secret),
            "required": queries.two_factor_required(request.membership),
            "next": _next_url(request, ""),
        },
    )


def _show_recovery_codes(request, codes: list[str], next_url: str):
    # Rendered, not redirected to: the codes are shown this once and stored nowhere else.
    return render(
        request,
        "security/recovery_codes.html",
        {"codes": [actions.readable(code) for code in codes], "next": next_url},
    )


@login_required
@require_POST
def two_factor_recovery_codes(request):
    """New recovery codes in place of the old ones (a signed-in, verified session)."""
    try:
        codes = actions.do_create_recovery_codes(request.user, request=request)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("two_factor")
    return _show_recovery_codes(request, codes, reverse("two_factor"))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_disable(request):
    if not queries.has_device(request.user):
        return redirect("two_factor")
    form = CodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_disable_two_factor(
                request.user,
                form.cleaned_data["code"],
                membership=request.membership,
                request=request,
            )
        except ActionError as exc:
            _form_error(form, exc)
        else:
            sessions.mark_without_device(request.session)
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("two_factor")
    return render(
        request,
        "security/two_factor_disable.html",
        {"form": form, "required": queries.two_factor_required(request.membership)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of signing in."""
    if not sessions.needs_code(request.session):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_verify_two_factor(request.user, form.cleaned_data["code"], request=request)
        except ActionError as exc:
            if not queries.has_device(request.user):
                # The device was removed meanwhile (by the operator): nothing left to ask.
                sessions.mark_without_device(request.session)
                return redirect(_next_url(request))
            _form_error(form, exc)
        else:
            request.session.cycle_key()  # more rights now: a new session key
            sessions.mark_verified(request.session)
            return redirect(_next_url(request))
    return render(
        request, "security/two_factor_verify.html", {"form": form, "next": _next_url(request, "")}
    )


def locked_out(request, response=None, credentials=None):
    """django-axes calls this instead of the sign-in page once the limit is reached."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "security/locked_out.html", {"minutes": minutes}, status=429)


# --- Sign-in by emailed link, and invitations -------------------------------------------


def _link_url(request):
    return lambda secret: request.build_absolute_uri(reverse("sign_in_link", args=[secret]))


@require_http_methods(["GET", "POST"])
def sign_in_link_request(request):
    """Ask for a link. The answer is the same whether or not the address has an account."""
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_send_sign_in_link(
            form.cleaned_data["email"], link_url=_link_url(request), request=request
        )
        return render(
            request,
            "security/sign_in_link_sent.html",
            {"minutes": int(actions.SIGN_IN_LINK_LIFETIME.total_seconds() // 60)},
        )
    return render(request, "security/sign_in_link_request.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_in_link(request, secret):
    """The page an emailed link opens. A GET only shows a button, so a mail scanner that
    follows links does not use it up; the POST signs in."""
    link = actions.usable_link(secret)
    if link is None:
        return render(request, "security/sign_in_link_gone.html", status=404)
    if request.method == "POST":
        try:
            user = actions.do_use_sign_in_link(secret, request=request)
        except ActionError:
            return render(request, "security/sign_in_link_gone.html", status=404)
        if request.user.is_authenticated and request.user != user:
            logout(request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if link.purpose == LinkPurpose.INVITATION:
            messages.success(
                request,
                _(
                    "Welcome to Engagera. Next time, sign in with a link by email, or set a "
                    "password with “Forgotten your password?”."
                ),
            )
        return redirect("home")
    return render(request, "security/sign_in_link.html", {"link": link})


@leader_required
@require_http_methods(["GET", "POST"])
def invite_people(request):
    membership = request.membership
    candidates = actions.invitable_people(membership)
    form = InviteForm(request.POST or None, queryset=candidates)
    if request.method == "POST" and form.is_valid():
        invited = actions.do_invite_people(
            membership, form.cleaned_data["people"], link_url=_link_url(request), request=request
        )
        messages.success(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", len(invited))
            % {"count": len(invited)},
        )
        return redirect("team_overview")
    return render(
        request,
        "security/invite_people.html",
        {"form": form, "has_candidates": candidates.exists()},
    )
