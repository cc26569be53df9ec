from django import template

from engagera.surveys.queries import open_invitations

register = template.Library()


@register.inclusion_tag("surveys/_my_open_rounds.html", takes_context=True)
def my_open_rounds(context):
    """Open rounds the signed-in person can still answer, for their own page."""
    membership = context.get("membership")
    if membership is None:
        request = context.get("request")
        membership = getattr(request, "membership", None)
    invitations = open_invitations(membership) if membership is not None else []
    return {"invitations": invitations}
