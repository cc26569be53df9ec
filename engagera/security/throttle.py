"""Who is signing in from where: shared by login throttling (django-axes) and the audit log."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address, trusting X-Forwarded-For only as far as our own proxies.

    Each of the ENGAGERA_TRUSTED_PROXIES proxies appends the address it saw, so the entry
    that many places from the right is the client; anything left of it may be forged.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def username_from(request, credentials: dict | None) -> str:
    """The typed email as the account sees it, so 'ANNA@x ' and 'anna@x' share one counter."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field):
        typed = credentials[field]
    else:
        typed = request.POST.get(field, "") if request is not None else ""
    return str(typed).strip().lower()
