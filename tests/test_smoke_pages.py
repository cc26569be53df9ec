"""Every page a manager and an admin can open renders, in Swedish and in English."""

import pytest
from django.urls import reverse

from engagera.practices.models import Performance
from tests.conftest import practice


@pytest.mark.parametrize("language", ["sv", "en"])
def test_it_renders_every_leader_page(client_for, admin, plan_item, language):
    admin.user.language = language
    admin.user.save()
    from engagera.practices import actions

    own_item = actions.do_add_plan_item(admin, practice(41), plan_item.target)
    performance, _ = actions.do_log_performance(admin, own_item)
    client = client_for(admin)
    urls = [
        reverse("dashboard"),
        reverse("catalogue"),
        reverse("catalogue") + "?driver=feedback&q=feedback",
        reverse("practice", args=["give-feedback-often"]),
        reverse("plan"),
        reverse("plan_add", args=["introduce-people-to-your-contacts"]),
        reverse("plan_item", args=[own_item.pk]),
        reverse("plan_item_edit", args=[own_item.pk]),
        reverse("history"),
        reverse("performance_edit", args=[performance.pk]),
        reverse("pauses"),
        reverse("overview"),
        reverse("organisation_settings"),
        reverse("strength_help"),
        reverse("practice_new"),
        reverse("password_change"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()
    assert Performance.objects.count() == 1
