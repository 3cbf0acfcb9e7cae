"""What every public page shows around its content, editable without a developer:
the campaign's contact address and social accounts (one setting for the whole site),
and, per language, the footer text and the campaign-wide announcement banner.

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
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in SOCIAL_ACCOUNTS],
            heading=_("Social accounts"),
            help_text=_("The full address of each account the campaign has; leave the others."),
        ),
        FieldPanel("sharing_image"),
    ]

    class Meta:
        verbose_name = _("contact and social media")

    def clean(self):
        super().clean()
        for name, _label in SOCIAL_ACCOUNTS:
            value = getattr(self, name)
            if value and urlsplit(value).scheme != "https":
                raise ValidationError({name: _("Enter an address starting with https://.")})

    def social_links(self):
        return [
            {"name": label, "url": getattr(self, name)}
            for name, label in SOCIAL_ACCOUNTS
            if getattr(self, name)
        ]


class FooterText(TranslatableMixin, models.Model):
    """The sentence or two at the foot of every page, in each language.

    A language without its own footer text shows the built-in sentence about the
    campaign, translated with the site's other strings, never another language's text.
    """

    text = RichTextField(_("text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("text")]
    translatable_fields = [TranslatableField("text")]

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
        SynchronizedField("is_on"),
        TranslatableField("message"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url"),
        TranslatableField("link_text"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
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
