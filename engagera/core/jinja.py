"""The Jinja2 environment for the few fragments rendered many times per request.

Pages are Django templates. A fragment repeated on a hot page (the practice card: five
on a dashboard, one in every logging response) is a Jinja2 template instead, which
renders several times faster. It gets the same translations, URLs and filters.

Strings are written as ``{{ _("...") }}``, optionally followed by ``|format(name=...)``
for ``%(name)s`` placeholders: ``makemessages`` reads that form from any ``.html`` file.
Plurals are made in Python with ``ngettext``, where ``makemessages`` finds them.
"""

from functools import lru_cache

from django.template import defaultfilters
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from engagera.core.templatetags import engagera as engagera_tags


def url(name: str, *args) -> str:
    if args:
        return reverse(name, args=args)
    return _fixed_url(name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=512)
def _fixed_url(name: str, script_prefix: str, urlconf: str | None) -> str:
    # A URL without arguments depends only on these: each card asks for the same few.
    return reverse(name, urlconf=urlconf)


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # Django's backend passes True; say it here, always
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    # Old-style gettext: `_()` returns the plain text, which autoescaping then escapes.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    env.globals["_"] = gettext  # direct, not through the extension's context-passing alias
    env.globals.update(url=url, new_token=engagera_tags.new_token)
    env.filters.update(
        date=defaultfilters.date,
        target_label=engagera_tags.target_label,
        period_label=engagera_tags.period_label,
    )
    return env
