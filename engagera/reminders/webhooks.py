"""The organisation's outbound webhook: public recognition as JSON with a chat-friendly
"text" field (Slack and Teams incoming webhooks show it as the message).

Delivery runs in a task; a failure is tried again with exponential backoff and never
reaches the person who posted the recognition.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import logging
import ssl
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)

KINDS = ("recognition.public", "recognition.hero")
MAX_ATTEMPTS = 5
BASE_DELAY_SECONDS = 30  # 30 s, 1 min, 2 min, 4 min ...
TIMEOUT_SECONDS = 10


def backoff(attempt: int) -> timedelta:
    return timedelta(seconds=BASE_DELAY_SECONDS * 2 ** (attempt - 1))


def body_for(organisation, kind: str, payload: dict) -> dict:
    """The JSON posted: "text" for chat tools, in the organisation's language, and the data."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    values = {"name": payload.get("receiver") or "", "message": payload.get("message") or ""}
    with translation.override(organisation.language):
        if kind == "recognition.hero":
            text = _("Hero of the day: %(name)s. %(message)s") % values
        elif values["name"]:
            text = _("%(name)s was recognised: %(message)s") % values
        else:
            text = str(payload.get("text") or values["message"])
    return {"text": text, "kind": kind, "data": payload}


def on_event(organisation, kind: str, payload: dict) -> None:
    """events.subscribe handler: enqueue a delivery when the organisation has a webhook."""
    from . import tasks
    from .models import Webhook

    hook = Webhook.objects.filter(organisation=organisation, active=True).exclude(url="").first()
    if hook is None:
        return
    tasks.deliver_webhook.enqueue(
        organisation.pk, json.loads(json.dumps(body_for(organisation, kind, payload), default=str))
    )


class NotPublicAddress(OSError):
    """The webhook's host is (or resolved to) an address inside a private network."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def private_host(url: str) -> bool:
    """True when the URL names localhost or a non-public IP literal (checked when saving;
    names are resolved, and checked again, only when posting)."""
    host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not is_public(host)
    except ValueError:
        return False  # a name, not an address


def _check_peer(sock) -> None:
    # After connecting, before a byte of the request is sent: the address actually used,
    # so a name that resolves differently on the second lookup (DNS rebinding) is caught.
    if not settings.WEBHOOK_ALLOW_PRIVATE and not is_public(sock.getpeername()[0]):
        sock.close()
        raise NotPublicAddress("the webhook address is not on the public internet")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        super().connect()
        _check_peer(self.sock)


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        super().connect()
        _check_peer(self.sock)


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self):
        self.tls = ssl.create_default_context()
        super().__init__(context=self.tls)

    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self.tls)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect would be a second, unchecked destination: a 3xx counts as a failure.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def post(url: str, body: dict) -> int:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("the webhook address must be http or https")
    data = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310  # nosec B310: scheme checked above
        url, data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    opener = urllib.request.build_opener(_PublicHTTPHandler, _PublicHTTPSHandler(), _NoRedirects)
    with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        return response.status


def deliver(organisation_id: int, body: dict, attempt: int) -> str:
    from . import tasks
    from .models import Webhook

    hook = Webhook.objects.filter(organisation_id=organisation_id, active=True).first()
    if hook is None or not hook.url:
        return "no webhook"
    try:
        status = post(hook.url, body)
        outcome = f"HTTP {status}"
        ok = 200 <= status < 300
    except (urllib.error.URLError, OSError, ValueError) as exc:
        outcome = f"{type(exc).__name__}: {exc}"[:200]
        ok = False
    Webhook.objects.filter(pk=hook.pk).update(
        last_status=f"{timezone.now():%Y-%m-%d %H:%M} {outcome}"[:200]
    )
    if ok:
        return outcome
    if attempt >= MAX_ATTEMPTS:
        log.warning(
            "webhook for organisation %s gave up after %s attempts", organisation_id, attempt
        )
        return f"gave up: {outcome}"
    later = tasks.deliver_webhook
    if later.get_backend().supports_defer:
        later = later.using(run_after=timezone.now() + backoff(attempt))
    later.enqueue(organisation_id, body, attempt + 1)
    return f"retry: {outcome}"
