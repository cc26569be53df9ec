"""The registry of every page and action URL, used by the access matrix and the a11y check.

Each domain adds a module here (``practices.py``, ...) with:

* ``PAGES``: a list of :class:`Page`, one per named URL pattern;
* ``build(owner)``: creates the victim objects those pages point at, in the owner's
  organisation, and returns ``{key: url argument}`` for the keys the pages name.

A URL pattern without a Page fails the access test, so a new page cannot ship unchecked.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    name: str  # the URL pattern's name
    obj: str | None = None  # key of the object (from build) that fills the URL; None: no argument
    # Roles that may open it with GET: "anonymous", "member", "manager", "admin".
    # Empty for POST-only actions.
    viewers: tuple[str, ...] = ()
    # Shared inside the organisation by design (e.g. its own practices): other
    # members of the same organisation may reach it; other organisations never.
    org_wide: bool = False
    # Extra GET query for a meaningful render (e.g. "?driver=ideas").
    query: str = ""
    # Free for anonymous visitors by design (sign-in, password reset).
    public: bool = False
    notes: str = field(default="", compare=False)


LEADERS = ("manager", "admin")
EVERYONE = ("member", "manager", "admin")


def modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")


def all_pages() -> list[Page]:
    return [page for module in modules() for page in module.PAGES]


def build_all(owner) -> dict:
    """Every module's victim objects for one owner (see conftest's Owner)."""
    objects: dict = {}
    for module in modules():
        objects.update(module.build(owner))
    return objects
