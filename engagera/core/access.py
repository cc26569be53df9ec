"""The access layer: who is signed in, in which organisation, with which role.

Views never look up organisation-owned rows by id alone; they go through the
domain's queries module, which starts from the membership returned here.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import Membership, Role


def membership_for(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(user=user)
        .order_by("id")
        .first()
    )


def require_role(*roles: str) -> Callable:
    """Sign-in required, a membership required, and one of `roles` (any role when empty)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            membership = getattr(request, "membership", None)
            if membership is None:
                raise Http404("No organisation")
            if roles and membership.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


leader_required = require_role(Role.MANAGER, Role.ADMIN)
admin_required = require_role(Role.ADMIN)
member_required = require_role()
