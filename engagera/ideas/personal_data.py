"""Ideas posted, build-ons written, status changes and thinking-aloud sessions led."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import BuildOn, Idea, ThinkingSession


def _by_user(model, field: str, org_path: str):
    def rows(subject: Subject):
        if subject.user is None:
            return model.objects.none()
        return model.objects.filter(**{field: subject.user, org_path: subject.organisation})

    return rows


_ideas = _by_user(Idea, "author", "organisation")
_build_ons = _by_user(BuildOn, "author", "idea__organisation")
_marked = _by_user(Idea, "status_by", "organisation")
_sessions = _by_user(ThinkingSession, "led_by", "organisation")


register(
    DataType(
        key="ideas.ideas",
        label=_("Ideas posted"),
        purpose=_("So the team can think aloud together and build on each other's ideas."),
        rows=_ideas,
        fields={"created_at": _("posted"), "title": _("idea"), "text": _("thinking so far")},
        models=("ideas.Idea",),
        default_months=24,
        # The board is the team's: the ideas stay, without the author's name.
        erase=lambda subject: _ideas(subject).update(author=None),
        kept_apart=True,
    ),
    DataType(
        key="ideas.build_ons",
        label=_("Build-ons to ideas"),
        purpose=_("So the team can think aloud together and build on each other's ideas."),
        rows=_build_ons,
        fields={"created_at": _("posted"), "text": _("build on it")},
        models=("ideas.BuildOn",),
        default_months=24,
        erase=lambda subject: _build_ons(subject).update(author=None),
        kept_apart=True,
    ),
    DataType(
        key="ideas.marked",
        label=_("Ideas marked as a manager"),
        purpose=_("Who marked an idea explored, adopted or parked."),
        rows=_marked,
        fields={"status": _("status"), "status_note": _("why")},
        models=("ideas.Idea",),
        default_months=24,
        erase=lambda subject: _marked(subject).update(status_by=None),
        kept_apart=True,
    ),
    DataType(
        key="ideas.sessions",
        label=_("Thinking-aloud sessions led"),
        purpose=_("The manager's record of practice 48."),
        rows=_sessions,
        fields={"held_on": _("held on"), "note": _("what you thought about")},
        models=("ideas.ThinkingSession",),
        default_months=24,
        erase=lambda subject: _sessions(subject).update(led_by=None),
        kept_apart=True,
    ),
)
