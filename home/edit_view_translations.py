"""The translations listed in a page's edit view, read in one query.

Upstream gap (Wagtail 8.0): ``EditView.get_translations`` reads a page's translations
with ``.only("id", "locale", "depth")`` and then asks, for each, whether the editor
may edit it; that loads the deferred content type and tree path of each translation
one query at a time (two more queries per language for a member of a group, one for
a superuser). This reads them, and the owner the check may need, in the first query;
what is listed is unchanged. Delete this module when Wagtail's own query includes
them; ``patch()`` leaves other Wagtail releases alone.
"""

import wagtail
from django.urls import reverse
from wagtail.admin.views.pages.edit import EditView

PATCHED_RELEASES = [(8, 0)]


def get_translations(self):
    return [
        {
            "locale": translation.locale,
            "url": reverse("wagtailadmin_pages:edit", args=[translation.id]),
        }
        for translation in self.page.get_translations()
        .only("id", "locale", "depth", "path", "content_type", "owner")
        .select_related("locale")
        if translation.permissions_for_user(self.request.user).can_edit()
    ]


def patch():
    if wagtail.VERSION[:2] in PATCHED_RELEASES:
        EditView.get_translations = get_translations
