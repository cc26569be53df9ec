"""A small Markdown subset for ideas: emphasis, lists, code and paragraphs, nothing else.

Raw HTML is never passed through: markdown-it's "zero" preset escapes it, and nh3 then
keeps only the tags below, without any attribute, so nothing a user types can run.
"""

import nh3
from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

register = template.Library()

_md = MarkdownIt("zero").enable(["emphasis", "list", "backticks", "newline"])
ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "code", "br"}


def render_markdown(text: str) -> str:
    html = _md.render(text or "")
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None)
    # No tag keeps an attribute, so every quote left is text: escape it as Django would.
    return cleaned.replace('"', "&quot;").replace("'", "&#x27;")


@register.filter(name="markdown_subset")
def markdown_subset(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308  # nosec B308 B703: cleaned by nh3 above
