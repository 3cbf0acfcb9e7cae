"""The application form, in the applicant's language, asking what the campaign's form asks."""

import unicodedata

from django import forms
from django.db.models import Case, When
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cityprofiles.blocks import QUESTIONS
from cityprofiles.choices import MemberType
from taxonomies.models import Theme, terms_by_translation_key

from .models import (
    INITIATIVE_DESCRIPTION_MAX,
    INITIATIVE_TITLE_MAX,
    MAX_INITIATIVES,
    REASON_MAX,
    Application,
)

YEAR_BOUNDS = {"min_value": 1900, "max_value": 2100}
# Bots fill every field they find; people never see this one (it is hidden by the stylesheet
# and left out of the keyboard order), so anything typed into it marks the submission as spam.
HONEYPOT = "website"


def _sort_key(text):
    """Accents and case aside, as a reader of any of our languages would sort."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The themes (key, name) the form last showed in each language, in this process: used only
# to show the form again while the database is away (UnsavedApplicationForm), where a theme
# never shown here is named by its key.
SHOWN_THEMES = {}


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Default-language themes (what pages link to), by their stable key, with their names in
    the visitor's language."""

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = terms_by_translation_key(Theme, locale) if locale else {}
        # In the alphabetical order of the visitor's language, not of the English names.
        themes = sorted(self.queryset, key=lambda theme: _sort_key(self.label_from_instance(theme)))
        if locale:
            SHOWN_THEMES[locale.language_code] = [
                (theme.key, self.label_from_instance(theme)) for theme in themes
            ]
        self.queryset = self.queryset.order_by(
            Case(*[When(pk=theme.pk, then=n) for n, theme in enumerate(themes)], default=0)
        )

    def label_from_instance(self, obj):
        return str(self.names.get(obj.translation_key, obj))


class ApplicationForm(forms.ModelForm):
    term_start = forms.IntegerField(
        label=_("Term of office: from (year)"), required=False, **YEAR_BOUNDS
    )
    term_end = forms.IntegerField(
        label=_("Term of office: until (year)"), required=False, **YEAR_BOUNDS
    )
    consent_to_publish = forms.BooleanField(
        label=_(
            "I agree that our answers, our local leader's name and title and our key initiatives "
            "may be published on the campaign's website."
        ),
        help_text=_("The focal point's name and contact details are never published."),
        error_messages={"required": _("Please give your consent so that we can publish it.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Application
        fields = [
            "government_name",
            "member_type",
            "government_type",
            "country",
            "region",
            "population_band",
            "leader_name",
            "leader_title",
            "term_start",
            "term_end",
            "why_essential",
            "why_framework",
            "expectations",
            "themes",
            "focal_name",
            "focal_position",
            "focal_email",
            "consent_to_publish",
        ]
        labels = {
            "government_name": _("Official name of your government or organisation"),
            "why_essential": QUESTIONS["why_essential"],
            "why_framework": QUESTIONS["why_framework"],
            "expectations": QUESTIONS["expectations"],
            "themes": _("Themes of interest"),
            "focal_email": _("Focal point's e-mail address"),
        }
        help_texts = {
            "government_type": _("Leave empty for civil-society partners."),
            "country": _("Leave empty only for a global partner."),
            "leader_title": _("e.g. Mayor, Governor, President"),
            "focal_name": _("The person the secretariat will contact. Never published."),
            "focal_email": _(
                "We send the confirmation here. On acceptance, this person is invited to edit "
                "your profile."
            ),
        }
        widgets = {
            "why_essential": forms.Textarea(attrs={"rows": 6}),
            "why_framework": forms.Textarea(attrs={"rows": 6}),
            "expectations": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "focal_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "focal_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "focal_position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"] = self.themes_field(locale, label=self.fields["themes"].label)
        # The choices' empty option reads "---------"; say what it means.
        for name in ("government_type", "country", "region", "population_band"):
            field = self.fields[name]
            field.choices = [("", _("Choose…"))] + [c for c in field.choices if c[0] != ""]

    def themes_field(self, locale, label):
        return ThemeChoiceField(
            queryset=Theme.objects.filter(locale=Locale.get_default()),
            to_field_name="key",
            required=False,
            label=label,
            widget=forms.CheckboxSelectMultiple,
            locale=locale,
        )

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT))

    def clean(self):
        data = super().clean()
        if data.get("member_type") == MemberType.GOVERNMENT:
            if not data.get("country") and "country" not in self.errors:
                self.add_error("country", _("A local or regional government needs its country."))
            if not data.get("region") and "region" not in self.errors:
                self.add_error("region", _("Choose your UCLG world region."))
            if not data.get("government_type") and "government_type" not in self.errors:
                self.add_error("government_type", _("Choose your type of government."))
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term of office cannot end before it starts."))
        return data


class UnsavedApplicationForm(ApplicationForm):
    """The form as the visitor sent it, built and checked without a single query, to be
    shown again while the database is away (joining/views.py ``unsaved_application``).
    Never saved: sent again, it goes through ApplicationForm like any application."""

    def __init__(self, data, *, language):
        self.language = language
        super().__init__(data)

    def themes_field(self, locale, label):
        chosen = self.data.getlist("themes") if hasattr(self.data, "getlist") else []
        shown = list(SHOWN_THEMES.get(self.language, []))
        known = {key for key, _name in shown}
        shown += [(key, key) for key in chosen if key not in known]
        return forms.MultipleChoiceField(
            choices=shown, required=False, label=label, widget=forms.CheckboxSelectMultiple
        )

    def _post_clean(self):
        """The model's own validation asks the database (unique checks): left to the form
        that saves it, when the application is sent again."""


def _description_help():
    return gettext("What it does, and for whom: at most %(count)s characters.") % {
        "count": INITIATIVE_DESCRIPTION_MAX
    }


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=INITIATIVE_TITLE_MAX)
    description = forms.CharField(
        label=_("Short description"),
        max_length=INITIATIVE_DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=lazy(_description_help, str)(),
    )


class BaseInitiativeFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data for form in self.forms):
            raise forms.ValidationError(_("Describe at least one key initiative."))

    @property
    def initiatives(self):
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


# Every slot is shown (no script needed to add one); a crafted request cannot ask for more.
InitiativeFormSet = forms.formset_factory(
    InitiativeForm,
    formset=BaseInitiativeFormSet,
    extra=MAX_INITIATIVES,
    max_num=MAX_INITIATIVES,
    absolute_max=MAX_INITIATIVES,
    validate_max=True,
)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kept with the application; it is not sent to the applicant."),
    )


class EraseForm(forms.Form):
    note = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the application's history, e.g. “asked by e-mail on 3 March”. "
            "Do not repeat the personal data here."
        ),
    )
