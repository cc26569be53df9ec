import uuid

from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def widget(field):
    """Render a form widget tied to its help text and errors for screen readers."""
    described = []
    attrs = {}
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required and not isinstance(
        field.field.widget, (CheckboxSelectMultiple, RadioSelect)
    ):
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.simple_tag
def new_token() -> str:
    """A fresh one-time form token: the same form posted twice creates one record."""
    return str(uuid.uuid4())


@register.filter
def is_choice_group(field) -> bool:
    return isinstance(field.field.widget, (CheckboxSelectMultiple, RadioSelect))


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{round(float(value) * 100)}\u00a0%"


@register.filter
def target_label(target) -> str:
    """'3 times a week' in the active language."""
    times, days = target.times, target.period_days
    if days == 1:
        return ngettext("%(n)d time a day", "%(n)d times a day", times) % {"n": times}
    if days == 7:
        return ngettext("%(n)d time a week", "%(n)d times a week", times) % {"n": times}
    if days == 30:
        return ngettext("%(n)d time a month", "%(n)d times a month", times) % {"n": times}
    return ngettext("%(n)d time every %(d)d days", "%(n)d times every %(d)d days", times) % {
        "n": times,
        "d": days,
    }


@register.filter
def period_label(target) -> str:
    if target.period_days == 1:
        return _("today")
    if target.period_days == 7:
        return _("this week")
    return _("this period")
