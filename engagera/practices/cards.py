"""The practice card, rendered by Jinja2 (see engagera/core/jinja.py for why)."""

from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

TEMPLATE = "practices/item_card.html"


def streak_label(streak: int) -> str:
    return ngettext("%(n)s period", "%(n)s periods", streak) % {"n": streak}


def render_item_card(
    status, *, csrf_token: str, hide_title: bool = False, logged=None, error=None
) -> SafeString:
    """One plan item's card. `csrf_token` is the page's: one masked token for all its forms."""
    context = {
        "s": status,
        "today": status.on,
        "streak_label": streak_label(status.streak),
        "hide_title": hide_title,
        "logged": logged,
        "error": error,
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token
        ),
    }
    html = engines["jinja2"].get_template(TEMPLATE).render(context)
    return SafeString(html)  # nosec B308 B703: Jinja2 escaped every value (autoescape is on)
