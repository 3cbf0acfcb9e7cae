"""An image whose original file is gone (a database restored without its media, a bucket
emptied by mistake) leaves the pages that show it readable, without the image: it answered
500 on a member's profile (the logo), and would have on a story, the directory, the
stories index and every page sharing the campaign's default image."""

import logging

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cityprofiles.tests import builders
from home.models import CampaignSettings
from stories.tests.builders import story, story_indexes

pytestmark = pytest.mark.django_db


def lost_image(title):
    image = Image.objects.create(title=title, file=get_test_image_file(size=(1600, 1000)))
    image.file.storage.delete(image.file.name)
    return image


@pytest.fixture
def site_with_lost_images():
    homes, directories = builders.site_tree(languages=("en", "fr"))
    logo = lost_image("Lost logo")
    member = builders.profile(directories["en"], "Lostville", logo=logo, slug="lostville")
    indexes = story_indexes(homes)
    told = story(indexes["en"], "A story without its photo", hero_image=lost_image("Lost photo"))
    CampaignSettings.objects.create(sharing_image=lost_image("Lost sharing image"))
    return member, told, indexes


def test_pages_showing_a_lost_image_answer_200_without_it(client, site_with_lost_images, caplog):
    member, told, indexes = site_with_lost_images
    with caplog.at_level(logging.WARNING, logger="home.renditions"):
        for url in (member.url, told.url, indexes["en"].url, "/en/cities/", "/en/", "/fr/"):
            response = client.get(url)
            assert response.status_code == 200, url
            doc = BeautifulSoup(response.content, "html.parser")
            assert not [img for img in doc.select("img") if "original_images" in img["src"]]
            assert doc.select_one('meta[property="og:image"]') is None, url
    profile = BeautifulSoup(client.get(member.url).content, "html.parser")
    assert "Lostville" in profile.select_one("h1").get_text()
    # The log names the image and says what to do.
    messages = [record.getMessage() for record in caplog.records]
    assert any("Lost logo" in message and "Restore" in message for message in messages)
