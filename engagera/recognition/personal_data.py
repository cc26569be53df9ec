"""Recognition received and given, reactions, and group rewards started or chosen."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import GroupReward, Reaction, Recognition


def _received(subject: Subject):
    if subject.person is None:
        return Recognition.objects.none()
    return Recognition.objects.filter(organisation=subject.organisation, receiver=subject.person)


def _given(subject: Subject):
    if subject.user is None:
        return Recognition.objects.none()
    return Recognition.objects.filter(organisation=subject.organisation, giver=subject.user)


def _hidden_by(subject: Subject):
    if subject.user is None:
        return Recognition.objects.none()
    return Recognition.objects.filter(organisation=subject.organisation, hidden_by=subject.user)


def _reactions(subject: Subject):
    if subject.user is None:
        return Reaction.objects.none()
    return Reaction.objects.filter(
        recognition__organisation=subject.organisation, user=subject.user
    )


def _rewards_started(subject: Subject):
    if subject.user is None:
        return GroupReward.objects.none()
    return GroupReward.objects.filter(
        recognition__organisation=subject.organisation, started_by=subject.user
    )


register(
    DataType(
        key="recognition.received",
        label=_("Recognition received"),
        purpose=_("So colleagues and managers can recognise good work, and nobody goes unseen."),
        rows=_received,
        fields={
            "created_at": _("given"),
            "kind": _("kind"),
            "message": _("message"),
            "visibility": _("who sees it"),
            "found_in": _("the flaw was in"),
            "reward": _("group reward"),
        },
        models=("recognition.Recognition", "recognition.GroupReward"),
        default_months=24,
        author=lambda item: item.giver,
        export_row=lambda item: {
            "kind": item.get_kind_display(),
            "visibility": item.get_visibility_display(),
            "found_in": item.get_found_in_display() if item.found_in else "",
            "reward": _reward_text(item),
        },
    ),
    DataType(
        key="recognition.given",
        label=_("Recognition given to others"),
        purpose=_("Who recognised whom: the giver's own record, and the weekly limit."),
        rows=_given,
        fields={"created_at": _("given"), "message": _("message")},
        models=("recognition.Recognition",),
        default_months=24,
        # The recognition is the receiver's; only the giver's name goes.
        erase=lambda subject: _given(subject).update(giver=None),
        kept_apart=True,
    ),
    DataType(
        key="recognition.hidden_by",
        label=_("Items hidden as a manager"),
        purpose=_("Who hid an item from the feed, and why."),
        rows=_hidden_by,
        fields={"hidden_at": _("hidden"), "hidden_reason": _("why hidden")},
        models=("recognition.Recognition",),
        default_months=24,
        erase=lambda subject: _hidden_by(subject).update(hidden_by=None),
        kept_apart=True,
    ),
    DataType(
        key="recognition.reactions",
        label=_("Reactions in the feed"),
        purpose=_("Colleagues' reactions to recognition."),
        rows=_reactions,
        fields={"created_at": _("date"), "kind": _("kind")},
        models=("recognition.Reaction",),
        default_months=12,
        export_row=lambda reaction: {"kind": reaction.get_kind_display()},
        kept_apart=True,
    ),
    DataType(
        key="recognition.rewards_started",
        label=_("Group rewards started"),
        purpose=_("The manager's record of group rewards."),
        rows=_rewards_started,
        fields={"created_at": _("started"), "choice": _("what the team gets")},
        models=("recognition.GroupReward",),
        default_months=24,
        erase=lambda subject: _rewards_started(subject).update(started_by=None),
        kept_apart=True,
    ),
)


def _reward_text(item) -> str:
    try:
        reward = item.group_reward
    except GroupReward.DoesNotExist:
        return ""
    return (
        f"{reward.choice} ({reward.get_state_display()})"
        if reward.choice
        else reward.get_state_display()
    )
