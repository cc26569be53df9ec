from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagera.core.access import member_required
from engagera.core.errors import ActionError

from . import actions, queries
from .forms import TokenForm


@member_required
def api_tokens(request):
    membership = request.membership
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = actions.do_create_token(membership, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": queries.tokens_of(membership)},
    )


@member_required
@require_POST
def revoke_api_token(request, pk):
    membership = request.membership
    token = queries.get_token(membership, pk)
    actions.do_revoke_token(membership, token)
    messages.success(request, _("The token is revoked."))
    return redirect("api_tokens")
