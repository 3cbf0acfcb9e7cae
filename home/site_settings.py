"""What every public page shows around its content, editable without a developer:
the campaign's contact addresses, social accounts, the links of the footer (the committee,
UCLG, the privacy notice) and its licence line (one setting for the whole site), and, per
language, the footer text with the names of the committee and UCLG, and the campaign-wide
announcement banner.

The footer text and the banner are translatable snippets (wagtail-localize offers
“Translate” on them); the contact address and social accounts are the same in every
language, so they are a plain setting. home/chrome.py reads all three through the cache.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

COMMITTEE_URL = "https://www.uclg-cisdp.org/"
UCLG_URL = "https://www.uclg.org/"
# The campaign's content and data licence unless the settings name another.
DEFAULT_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

# Each social account: (field name, name shown to visitors). Brand names are not translated.
SOCIAL_ACCOUNTS = [
    ("mastodon_url", "Mastodon"),
    ("bluesky_url", "Bluesky"),
    ("x_url", "X"),
    ("facebook_url", "Facebook"),
    ("linkedin_url", "LinkedIn"),
    ("instagram_url", "Instagram"),
    ("youtube_url", "YouTube"),
]


def validate_web_address(value):
    """Only http(s) addresses or addresses on this site, never javascript: or data: links."""
    if value.startswith("/") and not value.startswith("//"):
        return
    if urlsplit(value).scheme not in {"http", "https"}:
        raise ValidationError(
            _("Enter an address starting with https:// or, for a page of this site, with /.")
        )


@register_setting(icon="mail")
class CampaignSettings(BaseGenericSetting):
    """The campaign's contact address, social accounts and default sharing image.

    Shown in the footer of every page; the image is used when a page shared on
    social media has no image of its own (docs/reach.md).
    """

    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        help_text=_("Shown in the footer of every page."),
    )
    contact_address = models.TextField(
        _("postal address"),
        blank=True,
        max_length=300,
        help_text=_("Shown in the footer of every page, line by line as typed."),
    )
    committee_url = models.URLField(
        _("the committee's website"),
        default=COMMITTEE_URL,
        help_text=_("The footer links the committee's name here."),
    )
    uclg_url = models.URLField(
        _("UCLG's website"),
        default=UCLG_URL,
        help_text=_("The footer links UCLG's name here."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that says what the site does with personal data. The footer links "
            "to it in the visitor's language where it is translated."
        ),
    )
    licence_name = models.CharField(
        _("licence of the content and data"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty for CC BY 4.0, the campaign's licence. Shown in the footer."),
    )
    licence_url = models.URLField(
        _("address of the licence"),
        blank=True,
        help_text=_("Only with a licence named above; CC BY 4.0 links to its own text."),
    )
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    bluesky_url = models.URLField(_("Bluesky"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    sharing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page is shared on social media and has no image of its own. "
            "Cropped to 1200 × 630 pixels; its description is read out as its alternative text."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_address")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("committee_url"),
                FieldPanel("uclg_url"),
                FieldPanel("privacy_page"),
                FieldPanel("licence_name"),
                FieldPanel("licence_url"),
            ],
            heading=_("Footer"),
            help_text=_(
                "The names of the committee and UCLG, in each language, are in the footer "
                "texts (Snippets). The open-data link finds the open-data page by itself."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in SOCIAL_ACCOUNTS],
            heading=_("Social accounts"),
            help_text=_("The full address of each account the campaign has; leave the others."),
        ),
        FieldPanel("sharing_image"),
    ]

    class Meta:
        verbose_name = _("contact, footer and social media")

    def clean(self):
        super().clean()
        if self.licence_url and not self.licence_name:
            raise ValidationError({"licence_name": _("Name the licence this address is for.")})
        for name, _label in SOCIAL_ACCOUNTS:
            value = getattr(self, name)
            if value and urlsplit(value).scheme != "https":
                raise ValidationError({name: _("Enter an address starting with https://.")})

    def licence(self):
        if not self.licence_name:
            return dict(DEFAULT_LICENCE)
        return {"name": self.licence_name, "url": self.licence_url}

    def social_links(self):
        return [
            {"name": label, "url": getattr(self, name)}
            for name, label in SOCIAL_ACCOUNTS
            if getattr(self, name)
        ]


class FooterText(TranslatableMixin, models.Model):
    """The sentence or two at the foot of every page, and the names of the committee and
    UCLG, in each language.

    A language without its own footer text (or name) shows the built-in sentence (name)
    about the campaign, translated with the site's other strings, never another
    language's text.
    """

    text = RichTextField(_("text"), features=["bold", "italic", "link"], blank=True)
    committee_name = models.CharField(
        _("name of the committee"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave empty for the built-in name, “UCLG Committee on Social Inclusion, "
            "Participatory Democracy and Human Rights”, in this language."
        ),
    )
    uclg_name = models.CharField(
        _("name of UCLG"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave empty for the built-in name, “United Cities and Local Governments "
            "(UCLG)”, in this language."
        ),
    )

    panels = [FieldPanel("text"), FieldPanel("committee_name"), FieldPanel("uclg_name")]
    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("committee_name"),
        TranslatableField("uclg_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return str(_("Footer text (%(language)s)") % {"language": self.locale.get_display_name()})


class AnnouncementQuerySet(models.QuerySet):
    def switched_on(self):
        return self.filter(is_on=True)


class Announcement(TranslatableMixin, models.Model):
    """A short campaign-wide message across the top of every public page
    (“The fifth wave is open until 30 June”).

    The switch and the dates are synchronised: the banner is on or off in every
    language at once, as set on its source. Each language shows its own translation
    and nothing where there is none yet.
    """

    is_on = models.BooleanField(
        _("show the banner"),
        default=False,
        help_text=_("Switch off to hide it in every language at once."),
    )
    message = models.CharField(_("message"), max_length=280)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visitors go to this page in their own language where it is translated."),
    )
    link_url = models.CharField(
        _("or link to an address"),
        max_length=500,
        blank=True,
        validators=[validate_web_address],
        help_text=_("For a page outside this site, e.g. https://uclg.org/…"),
    )
    link_text = models.CharField(_("link text"), max_length=80, blank=True)
    starts_at = models.DateTimeField(
        _("show from"), null=True, blank=True, help_text=_("Leave empty to show it at once.")
    )
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Leave empty to show it until off.")
    )

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("is_on"),
        FieldPanel("message"),
        MultiFieldPanel(
            [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")],
            heading=_("Link"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Dates")),
    ]

    translatable_fields = [
        SynchronizedField("is_on", overridable=False),
        TranslatableField("message"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url"),
        TranslatableField("link_text"),
        SynchronizedField("starts_at", overridable=False),
        SynchronizedField("ends_at", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("announcement banner")
        verbose_name_plural = _("announcement banners")

    def __str__(self):
        return self.message

    def clean(self):
        super().clean()
        errors = {}
        if self.link_page_id and self.link_url:
            errors["link_url"] = _("Choose a page or type an address, not both.")
        if (self.link_page_id or self.link_url) and not self.link_text:
            errors["link_text"] = _("Say where the link leads.")
        if self.link_text and not (self.link_page_id or self.link_url):
            errors["link_text"] = _("Choose a page or type an address for this link.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)

    def is_current(self, now=None):
        now = now or timezone.now()
        if self.starts_at and self.starts_at > now:
            return False
        return not (self.ends_at and self.ends_at <= now)
