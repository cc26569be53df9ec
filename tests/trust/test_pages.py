"""Every personal data page renders for an administrator, in Swedish and in English."""

import pytest
from django.urls import reverse

from engagera.people.models import Person


@pytest.mark.parametrize("language", ["sv", "en"])
def test_it_renders_every_page(client_for, admin, ebba, language):
    admin.user.language = language
    admin.user.save(update_fields=["language"])
    client = client_for(admin)
    key = f"person-{ebba.person.pk}"
    urls = [
        reverse("privacy"),
        reverse("privacy_record"),
        reverse("privacy_retention"),
        reverse("privacy_person", args=[key]),
        reverse("privacy_person", args=[f"user-{admin.user.pk}"]),
        reverse("privacy_report", args=[key]),
        reverse("privacy_report", args=[key]) + "?redact=1",
        reverse("privacy_erase", args=[key]),
        reverse("my_data"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert f'<html lang="{language}">' in body
        assert "no-store" in response["Cache-Control"], url
    assert Person.objects.filter(pk=ebba.person.pk).exists()


def test_it_lists_everyone_the_organisation_holds_data_about(client_for, admin, ebba, member):
    Person.objects.create(organisation=admin.organisation, full_name="Utan Konto")
    body = client_for(admin).get(reverse("privacy")).content.decode()
    for name in ("Ebba Raderström", "Utan Konto", "Maja Månsson", "Hedda Rask"):
        assert name in body
    assert body.count("Ebba Raderström") == 1  # her account and record are one person


def test_it_describes_the_processing_from_the_registry(client_for, admin):
    body = client_for(admin).get(reverse("privacy_record")).content.decode()
    assert "Notes on performed practices" in body or "anteckningar" in body.lower()
    assert "Solbacka kommun" in body
