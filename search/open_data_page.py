"""The open-data page: what the campaign publishes, under which licence, the data
dictionary of both datasets and their downloads, in the page's language.

The dictionary is made from the very field lists the downloads are written from
(``INITIATIVE_FIELDS``, ``MEMBER_DOWNLOAD_FIELDS``), so a new column appears on the page
the day it appears in the files. Initiatives are downloaded from the search (every
filter works there); members from this page's own ``members/`` address.
"""

from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cityprofiles.models import CityProfilePage
from home import privacy

from . import engine
from .export import INITIATIVE_FIELDS, LICENSE
from .facets import build_facets
from .member_data import MEMBER_DOWNLOAD_FIELDS, members_response

FORMATS = [("csv", "CSV"), ("json", "JSON")]
TYPE_NAMES = {
    "integer": _("whole number"),
    "number": _("decimal number"),
    "string": pgettext_lazy("kind of data", "text"),
    "boolean": _("true or false"),
    "array": _("list (in the CSV: separated by “;”)"),
}
FORMAT_NAMES = {"uri": _("web address"), "date-time": _("date and time (ISO 8601)")}


class DownloadForm(forms.Form):
    format = forms.ChoiceField(
        choices=FORMATS,
        error_messages={
            "required": _("Say which format: add ?format=csv or ?format=json to the address."),
            "invalid_choice": _("Unknown format “%(value)s”: the formats are csv and json."),
        },
    )


def dictionary(fields):
    """The rows of a data dictionary: each column's name, kind, meaning and whether a
    cell may be empty, read from the dataset's field list."""
    rows = []
    for field in fields:
        kinds = field.type.split("|")
        rows.append(
            {
                "name": field.name,
                "type": FORMAT_NAMES.get(field.format) or TYPE_NAMES[kinds[0]],
                "may_be_empty": "null" in kinds,
                "description": field.description,
                "names": field.names,
            }
        )
    return rows


def download_errors(request):
    """The members download's query string checked: ``format`` once, nothing else."""
    form = DownloadForm(request.GET)
    errors = [] if form.is_valid() else [str(e) for found in form.errors.values() for e in found]
    unknown = sorted(set(request.GET) - {"format"})
    if unknown:
        errors.append(str(_("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)}))
    if len(request.GET.getlist("format")) > 1:
        errors.append(str(_("Give the format only once.")))
    return form, errors


def serve_members(page, request):
    """The members download: its stored file (search/full_downloads.py), else built here
    under the per-client limit, as a refused address is."""
    from .download_limit import refused
    from .full_downloads import serve

    form, errors = download_errors(request)
    if errors:
        too_many = refused(request)
        if too_many is not None:
            return too_many
        response = page.render(request, context_overrides={"download_errors": errors})
        response.status_code = 400
        return response
    output = form.cleaned_data["format"]
    stored = serve(request, "members", page.locale, output)
    return stored or refused(request) or members_response(request, page.locale, output)


def page_context(page, request):
    locale = page.locale
    with translation.override(locale.language_code):
        search = reverse("search:index")
    url = page.get_url(request=request)
    members_url = url + page.reverse_subpage("members_download") if url else ""
    initiatives = engine.ordered_ids(locale, "", build_facets(locale), {}, "newest").count()
    members = (
        privacy.public(CityProfilePage.objects.live()).values("translation_key").distinct().count()
    )
    return {
        "license": LICENSE,
        "datasets": [
            {
                "slug": "members",
                "title": _("Members"),
                "description": _(
                    "Every published member profile of the campaign, once each: its name, "
                    "country, region, wave and year of joining, type, population and "
                    "commitments, with the address of its profile."
                ),
                "count": members,
                "downloads": [
                    {"label": label, "url": f"{members_url}?format={code}"}
                    for code, label in FORMATS
                ],
                "fields": dictionary(MEMBER_DOWNLOAD_FIELDS),
            },
            {
                "slug": "initiatives",
                "title": _("Initiatives"),
                "description": _(
                    "Every published initiative of the members: what it does, its status and "
                    "years, its themes, rights, pillar, goals and partners, and the member "
                    "that leads it. The search page downloads the results of any search."
                ),
                "count": initiatives,
                "downloads": [
                    {"label": label, "url": f"{search}?format={code}"} for code, label in FORMATS
                ],
                "fields": dictionary(INITIATIVE_FIELDS),
            },
        ],
        "api_url": reverse("open_data:members").rsplit("members/", 1)[0],
        "schema_url": reverse("open_data:schema"),
        "search_url": search,
    }
