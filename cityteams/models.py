"""A member's editing team: the group of its city editors and its media collection.

The team is tied to the member (the ``translation_key`` its profile shares in every
language), not to one page, so that a translation created later is found and given
the same permissions (see cityteams/roles.py).
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection


class CityTeam(models.Model):
    profile_translation_key = models.UUIDField(unique=True)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="city_team")
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="city_team"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("city team")
        verbose_name_plural = _("city teams")

    def __str__(self):
        return self.group.name

    def profiles(self):
        from cityprofiles.models import CityProfilePage

        return CityProfilePage.objects.filter(translation_key=self.profile_translation_key)
