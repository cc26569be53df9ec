"""The practice loop: catalogue, plan, performances, pauses, the admin overview."""

from engagera.lib.habits import Target
from engagera.practices import actions
from engagera.practices.models import Driver, Practice

from . import LEADERS, Page

# The manager's own objects: their pages open for the manager who owns them.
MANAGER = ("manager",)

PAGES = [
    Page("dashboard", viewers=LEADERS),
    Page("catalogue", viewers=LEADERS, query="?driver=feedback&q=a"),
    Page("practice_new", viewers=("admin",)),
    Page("practice", obj="own_practice", viewers=LEADERS, org_wide=True),
    Page("practice_edit", obj="own_practice", viewers=("admin",), org_wide=True),
    Page("practice_hide", obj="own_practice", org_wide=True),
    Page("plan", viewers=LEADERS),
    Page("plan_add", obj="own_practice", viewers=LEADERS, org_wide=True),
    Page("plan_item", obj="plan_item", viewers=MANAGER),
    Page("plan_item_edit", obj="plan_item", viewers=MANAGER),
    Page("plan_item_state", obj="plan_item"),
    Page("log_performance", obj="plan_item"),
    Page("rate_automaticity", obj="plan_item"),
    Page("history", viewers=LEADERS),
    Page("performance_edit", obj="performance", viewers=MANAGER),
    Page("performance_delete", obj="performance"),
    Page("pauses", viewers=LEADERS),
    Page("unskip", obj="skip"),
    Page("overview", viewers=("admin",)),
    Page("organisation_settings", viewers=("admin",)),
    Page("strength_help", viewers=LEADERS),
]


def build(owner) -> dict:
    """A plan item with a performance and a paused day, and the organisation's own practice."""
    item = actions.do_add_plan_item(
        owner.manager,
        Practice.objects.get(organisation__isnull=True, number=43),
        Target.parse("2/week"),
        if_situation=owner.secret,
    )
    performance, _ = actions.do_log_performance(owner.manager, item, note=owner.secret)
    today = owner.manager.organisation.today()
    actions.do_skip_days(owner.manager, [item], today, today)
    own = actions.do_save_own_practice(
        owner.admin,
        None,
        {
            "title_sv": owner.org_secret,
            "title_en": owner.org_secret,
            "description_sv": owner.org_secret,
            "cadence": "1/week",
        },
        [Driver.objects.get(code="feedback")],
    )
    return {
        "plan_item": item.pk,
        "performance": performance.pk,
        "skip": item.skips.get().pk,
        "own_practice": own.slug,
    }
