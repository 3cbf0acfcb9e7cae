"""The campaign's name, in the reader's language.

``WAGTAIL_SITE_NAME`` stays English (Wagtail's admin shows it); everything written to a
person — the joining e-mails, the city editors' invitations — names the campaign with this,
rendered in the language the message is written in. Here, beside the campaign's other
shared words, because taxonomies imports no other app of the project: joining and cityteams
can use it without an import running back up.
"""

from django.utils.translation import gettext_lazy as _

CAMPAIGN_NAME = _("10, 100, 1000 Human Rights Cities and Territories by 2030")
