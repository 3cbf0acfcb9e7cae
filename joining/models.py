"""Joining the campaign online: the public "Join the campaign" page and the applications it
collects, which the secretariat reviews in the admin (docs/joining.md).

An application is not a page: it holds a focal point's personal data, which is never shown
publicly, never searchable and never in the open-data API. Only accepting it makes a (draft)
member profile, and the profile carries none of that data.
"""

from http import HTTPMethod

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cityprofiles.choices import GovernmentType, MemberType, PopulationBand, Region
from home.privacy import KeptViewRestrictionsMixin
from taxonomies.models import default_locale_terms

# Size limits of every field, so that oversized input gets a clear form error.
NAME_MAX = 255
ANSWER_MAX = 5000
# An initiative's description becomes the summary of its InitiativePage (600 characters).
INITIATIVE_TITLE_MAX = 255
INITIATIVE_DESCRIPTION_MAX = 600
MAX_INITIATIVES = 5
REASON_MAX = 2000

REVIEW_PERMISSION = "joining.review_application"


class JoinPage(RoutablePageMixin, KeptViewRestrictionsMixin, Page):
    """The online application form, one per language, replacing the form that governments
    downloaded and e-mailed back. Its confirmation is a sub-address (``thanks/``) so that a
    submission is answered with a redirect (POST-redirect-GET)."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1000,
        help_text=_("A few sentences above the form: who may apply and what happens next."),
    )
    confirmation_text = models.TextField(
        _("confirmation text"),
        blank=True,
        max_length=1000,
        help_text=_("Shown after a successful application, under the thank-you heading."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("confirmation_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("introduction"),
        TranslatableField("confirmation_text"),
    ]

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("join page")

    @path("")
    def application_form(self, request):
        from .views import application_form

        return application_form(self, request)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        from .views import thanks

        return thanks(self, request)


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in-review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Application(models.Model):
    """A government's application to join, in the words and the language it was written in."""

    # The government
    government_name = models.CharField(_("name of the government"), max_length=NAME_MAX)
    member_type = models.CharField(
        _("member type"), max_length=30, choices=MemberType.choices, default=MemberType.GOVERNMENT
    )
    government_type = models.CharField(
        _("type of government"), max_length=40, choices=GovernmentType.choices, blank=True
    )
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("UCLG region"), max_length=30, choices=Region.choices, blank=True)
    population_band = models.CharField(
        _("population"), max_length=20, choices=PopulationBand.choices, blank=True
    )
    # Its local leader
    leader_name = models.CharField(_("local leader's name"), max_length=NAME_MAX)
    leader_title = models.CharField(_("local leader's title"), max_length=NAME_MAX)
    term_start = models.PositiveSmallIntegerField(
        _("term of office: from (year)"), null=True, blank=True
    )
    term_end = models.PositiveSmallIntegerField(
        _("term of office: until (year)"), null=True, blank=True
    )
    # Its answers to the campaign's questions
    why_essential = models.TextField(
        _("why local governments are essential"), max_length=ANSWER_MAX
    )
    why_framework = models.TextField(
        _("why human rights are a useful framework"), max_length=ANSWER_MAX
    )
    expectations = models.TextField(_("expectations from the campaign"), max_length=ANSWER_MAX)
    themes = models.ManyToManyField(
        "taxonomies.Theme",
        verbose_name=_("themes of interest"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_terms,
    )
    # Its focal point: personal data, for the secretariat's eyes only
    focal_name = models.CharField(_("focal point's name"), max_length=NAME_MAX)
    focal_position = models.CharField(_("focal point's position"), max_length=NAME_MAX)
    focal_email = models.EmailField(_("focal point's e-mail"))
    consent_to_publish = models.BooleanField(_("consent to publication"), default=False)

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    wave = models.ForeignKey(
        "taxonomies.Wave",
        verbose_name=_("wave"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=default_locale_terms,
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    confirmation_sent = models.BooleanField(
        _("confirmation e-mail sent"),
        default=False,
        help_text=_("False when the mail server failed: write to the focal point yourself."),
    )

    # The secretariat's review
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=REASON_MAX)
    # Set when the focal point's details were erased (joining/review.py: erase_personal_data).
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )
    profile = models.OneToOneField(
        "cityprofiles.CityProfilePage",
        verbose_name=_("member profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        # Only the review permission: applications are made on the public site, and kept.
        default_permissions = ()
        permissions = [("review_application", "Can review applications to join the campaign")]

    def __str__(self):
        return self.government_name

    def record(self, action, user=None, note=""):
        return self.events.create(action=action, user=user, note=note)


class ApplicationInitiative(models.Model):
    """A key initiative as the applicant described it; a draft InitiativePage on acceptance."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=INITIATIVE_TITLE_MAX)
    description = models.TextField(_("short description"), max_length=INITIATIVE_DESCRIPTION_MAX)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("key initiative")
        verbose_name_plural = _("key initiatives")

    def __str__(self):
        return self.title


class ApplicationEvent(models.Model):
    """One step of an application's life: who did what, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Received")
        IN_REVIEW = "in-review", _("Taken into review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ERASED = "erased", _("Personal data erased")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # Empty for "created": the applicant has no account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
