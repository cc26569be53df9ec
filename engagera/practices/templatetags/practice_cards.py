from django import template

from engagera.practices.cards import render_item_card

register = template.Library()


@register.simple_tag(takes_context=True)
def item_card(context, status, hide_title=False):
    """`{% item_card s %}`: the Jinja2 practice card inside a Django template page."""
    return render_item_card(status, csrf_token=str(context["csrf_token"]), hide_title=hide_title)
