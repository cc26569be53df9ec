"""The catalogue: 50 practices in two languages, ten from the seed in our own words."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from engagera.lib.habits import Target
from engagera.practices import actions, queries
from engagera.practices import catalogue as catalogue_data
from engagera.practices.models import Driver, HiddenPractice, Practice
from tests.conftest import practice

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"


def words(text: str) -> list[str]:
    return re.findall(r"[a-zåäöé]+", text.lower())


def test_it_has_fifty_practices_and_nine_drivers_in_both_languages(catalogue):
    assert Practice.objects.filter(organisation__isnull=True).count() == 50
    assert Driver.objects.count() == 9
    for row in catalogue_data.PRACTICES:
        for field in ("title", "description", "tip"):
            assert row[f"{field}_sv"].strip() and row[f"{field}_en"].strip(), (row["number"], field)
        assert 2 <= len(re.findall(r"[.!?](\s|$)", row["description_en"])) <= 4, row["number"]
        Target.parse(row["cadence"])
    seed = [p for p in catalogue_data.PRACTICES if p["source"] == "seed"]
    assert sorted(p["number"] for p in seed) == list(range(41, 51))
    assert {p["source"] for p in catalogue_data.PRACTICES if p["number"] <= 40} == {"engagera"}
    for driver in Driver.objects.all():
        assert driver.practices.count() >= 3, driver.code


@pytest.mark.skipif(
    not SEED.exists(), reason="the seed article lies outside the repository (../shared/seed)"
)
def test_it_copies_no_sentence_from_the_seed():
    from engagera.surveys import bank

    seed_words = words(" ".join(path.read_text() for path in SEED.glob("*.txt")))
    seed_runs = {tuple(seed_words[i : i + 6]) for i in range(len(seed_words) - 5)}
    texts = [
        (row["number"], " ".join(row[f"{f}_sv"] for f in ("title", "description", "tip")))
        for row in catalogue_data.PRACTICES
    ]
    # The survey questions are our own words too.
    texts += [(code, sv) for code, _driver, sv, _en in [*bank.AGREEMENT, bank.RECOMMEND]]
    for key, joined in texts:
        text = words(joined)
        for i in range(len(text) - 5):
            assert tuple(text[i : i + 6]) not in seed_runs, (
                key,
                " ".join(text[i : i + 6]),
            )


def test_it_filters_by_driver_and_searches_both_languages(client_for, manager):
    client = client_for(manager)
    body = client.get(reverse("catalogue"), {"driver": "ideas"}).content.decode()
    assert practice(48).title_sv in body and practice(43).title_sv not in body
    english_word = practice(43).title_en.split()[-1]
    body = client.get(reverse("catalogue"), {"q": english_word}).content.decode()
    assert practice(43).title_sv in body
    assert len(queries.visible_practices(manager.organisation, text="43")) == 1


def test_it_lets_an_admin_hide_a_practice_and_add_an_own(client_for, admin, manager):
    client = client_for(admin)
    client.post(reverse("practice_hide", args=["hero-of-the-day"]), {"hidden": "1"})
    assert HiddenPractice.objects.filter(organisation=admin.organisation).count() == 1
    assert practice(50) not in queries.visible_practices(admin.organisation)
    response = client.post(
        reverse("practice_new"),
        {
            "title_sv": "Fika med nya",
            "title_en": "Coffee with newcomers",
            "cadence": "1/month",
            "drivers": [Driver.objects.get(code="relationships").pk],
        },
    )
    own = Practice.objects.get(organisation=admin.organisation)
    assert response.status_code == 302 and own.number == 101 and own.source == "organisation"
    assert own in queries.visible_practices(manager.organisation)
    client.post(reverse("practice_hide", args=["hero-of-the-day"]), {"hidden": "0"})
    assert HiddenPractice.objects.count() == 0


def test_it_refuses_a_manager_hiding_practices(manager):
    from engagera.core.errors import ActionError

    with pytest.raises(ActionError):
        actions.do_set_practice_hidden(manager, practice(50), True)


def test_it_shows_the_practice_in_the_active_language(client_for, manager):
    client = client_for(manager)
    url = reverse("practice", args=["give-feedback-often"])
    assert practice(43).description_sv in client.get(url).content.decode()
    manager.user.language = "en"
    manager.user.save()
    assert practice(43).description_en in client.get(url).content.decode()


def test_it_shows_the_texts_in_the_chosen_language(client_for, manager):
    body = client_for(manager).get(reverse("catalogue"), {"lang": "en"}).content.decode()
    assert practice(43).title_en in body and practice(43).title_sv not in body
    assert 'lang="en"' in body  # screen readers switch voice for the English texts
