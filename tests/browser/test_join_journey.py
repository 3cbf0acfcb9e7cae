"""An applicant joins the campaign online, in French; the secretariat finds the application
and accepts it. And the form's error state passes the accessibility audit."""

import json
import re

import pytest

from .conftest import SECRETARIAT_EMAIL, log_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser

NAME = "Commune du Parcours Navigateur"
VISION = (
    "Parce que la commune est le premier service public de ses habitantes et habitants, "
    "au plus près de leurs droits au quotidien."
)


def fill_application(page, email=""):
    page.fill("#id_government_name", NAME)
    page.select_option("#id_government_type", "city")
    page.select_option("#id_country", "FR")
    page.select_option("#id_region", "europe")
    page.select_option("#id_population_band", "under-50k")
    page.fill("#id_leader_name", "Camille Parcours")
    page.fill("#id_leader_title", "Maire")
    page.fill("#id_term_start", "2020")
    page.fill("#id_term_end", "2026")
    page.fill("#id_why_essential", VISION)
    page.fill("#id_why_framework", "Un cadre commun pour nos politiques.")
    page.fill("#id_expectations", "Échanger avec les autres villes.")
    page.fill("#id_initiatives-0-title", "Maison des droits")
    page.fill("#id_initiatives-0-description", "Accueil et conseil juridique gratuits.")
    page.locator(".join-field__choices input").first.check()
    page.fill("#id_focal_name", "Dominique Parcours")
    page.fill("#id_focal_position", "Chargée de mission")
    page.fill("#id_focal_email", email)
    page.check("#id_consent_to_publish")


def test_an_applicant_joins_the_campaign(page, site_url):
    page.goto(f"{site_url}/fr/rejoindre-la-campagne/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".join__slogan").inner_text()  # the current wave's slogan
    fill_application(page, email="")
    page.click("main button[type=submit]")

    # The mistake is pointed out; nothing typed is lost.
    summary = page.locator(".join-form__summary")
    assert summary.is_visible()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_focal_email"
    assert page.input_value("#id_why_essential") == VISION
    assert page.input_value("#id_initiatives-0-title") == "Maison des droits"
    assert page.is_checked("#id_consent_to_publish")

    page.fill("#id_focal_email", "parcours@commune.example.org")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{site_url}/fr/rejoindre-la-campagne/thanks/")
    assert NAME in page.locator("main").inner_text()

    # Stored: the secretariat finds it in the review list, in the applicant's language…
    page.context.clear_cookies()
    log_in(page, site_url, SECRETARIAT_EMAIL)
    page.goto(f"{site_url}/admin/joining/application/?q=Parcours")
    page.locator("td.field-government_name a", has_text=NAME).first.click()
    page.wait_for_url(re.compile(r"/admin/joining/application/inspect/\d+/"))
    details = page.locator("main").inner_text()
    assert "Français" in details and VISION in details

    # …and accepts it: the member's draft profile is made, once.
    page.locator("form[action$='/accept/'] button").click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text().count(NAME) == 1
    page.get_by_role("link", name=re.compile("draft profile")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert page.input_value("#id_title") == NAME


@pytest.mark.audit
@pytest.mark.parametrize("language", ["en", "ar"])
def test_join_form_with_errors_has_no_wcag_violations(page, site_url, language):
    page.goto(f"{site_url}/{language}/join-the-campaign/")
    page.click("main button[type=submit]")
    page.wait_for_selector(".join-form__summary")
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
