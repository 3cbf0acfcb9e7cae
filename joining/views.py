"""The public side of joining: the form, its confirmation, and the answer when over the limit."""

import logging

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from taxonomies.calendar import call_for

from . import abuse, emails
from .forms import ApplicationForm, InitiativeFormSet, UnsavedApplicationForm
from .models import ApplicationEvent

logger = logging.getLogger(__name__)
CONFIRMED = "joining-confirmed"  # session key: the name shown on the confirmation page
# A hidden field of the join form (joining/includes/form.html): tells, without the database,
# that a POST is an application (unsaved_application).
FORM_MARK = "joining-application"


def _render(page, request, form, formset, status=200):
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "formset": formset,
            "call": call_for(page.locale),
            "form_action": page.url,
            "form_mark": FORM_MARK,
            "error_summary": _error_summary(form, formset) if form.is_bound else [],
        }
    )
    response = TemplateResponse(request, "joining/join_page.html", context, status=status)
    # The form echoes what was typed (personal data): never kept by a shared cache.
    add_never_cache_headers(response)
    return response


def application_form(page, request):
    if request.method != "POST":
        form = ApplicationForm(locale=page.locale)
        return _render(page, request, form, InitiativeFormSet(prefix="initiatives"))
    if abuse.count_submission(request):
        return too_many_requests(page, request)
    form = ApplicationForm(request.POST, locale=page.locale)
    formset = InitiativeFormSet(request.POST, prefix="initiatives")
    if form.is_spam:
        # Looks like success to the bot; nothing is stored or sent.
        logger.info("Spam application from %s dropped", abuse.client_address(request))
        request.session[CONFIRMED] = ""
        return redirect(_thanks_url(page, request))
    # Both validated, so that every error shows at once.
    form_valid, formset_valid = form.is_valid(), formset.is_valid()
    if not (form_valid and formset_valid):
        _describe_errors(form, formset)
        return _render(page, request, form, formset)
    application = store(form, formset.initiatives, page.locale)
    # Stored: should the database go away now, the visitor is not asked to send it again.
    request.joining_application_stored = application.pk
    emails.send_confirmation(application)
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "joining_application_modeladmin_inspect", args=[application.pk]
    )
    emails.notify_secretariat(application, review_url)
    request.session[CONFIRMED] = application.government_name
    return redirect(_thanks_url(page, request))


def unsaved_application(request):
    """A join-form POST that could not be handled because the database is away: the form
    again, every field as the visitor filled it, and "please send it again" (status 503,
    set by home/database_outage.py). Built with no query: the page, its menus and the
    themes' names are all in the database. None for any other request."""
    if request.method != "POST" or request.POST.get(FORM_MARK) != "1":
        return None
    if getattr(request, "joining_application_stored", None):
        return None  # saved before the database went away: the plain 503 page
    form = UnsavedApplicationForm(request.POST, language=translation.get_language())
    formset = InitiativeFormSet(request.POST, prefix="initiatives")
    _describe_errors(form, formset)
    context = {
        "form": form,
        "formset": formset,
        "form_action": request.path,
        "form_mark": FORM_MARK,
        "error_summary": _error_summary(form, formset),
        # Files cannot be kept in a form sent back: the visitor attaches them again.
        "files_not_kept": sorted({upload.name for upload in request.FILES.values()}),
    }
    html = loader.render_to_string("joining/unsaved_application.html", context, request)
    response = HttpResponse(html, status=503)
    add_never_cache_headers(response)
    return response


def _thanks_url(page, request):
    return page.get_url(request) + page.reverse_subpage("thanks")


@transaction.atomic
def store(form, initiatives, locale):
    """Everything of one application, or nothing."""
    application = form.save(commit=False)
    application.language = locale.language_code
    # Filed under the wave the join page names today: the open call's, the announced
    # one's before it opens, the latest one's after it closed.
    application.wave = call_for(locale).stored_wave
    application.save()
    form.save_m2m()
    application.initiatives.bulk_create(
        [
            application.initiatives.model(application=application, sort_order=number, **data)
            for number, data in enumerate(initiatives)
        ]
    )
    application.record(ApplicationEvent.Action.CREATED)
    return application


def _error_summary(form, formset):
    """Every error, each linked to its field, in the order of the page (the key initiatives
    come after the answers), for the summary at the top of the form."""
    summary = [{"message": error} for error in form.non_field_errors()]

    def add(bound, prefix=""):
        anchor = bound.id_for_label or f"{bound.auto_id}_0"  # a group's first box
        label = f"{prefix}{bound.label}"
        summary.extend({"anchor": anchor, "label": label, "message": e} for e in bound.errors)

    for name in form.fields:
        add(form[name])
        if name == "expectations":
            for error in formset.non_form_errors():
                summary.append(
                    {"anchor": "initiatives-hint", "label": _("Key initiatives"), "message": error}
                )
            for number, each in enumerate(formset.forms, start=1):
                prefix = _("Key initiative %(number)s") % {"number": number} + " – "
                for field_name in each.fields:
                    add(each[field_name], prefix)
    return summary


def _describe_errors(form, formset):
    """Tie each error message to its field for screen readers (WCAG 3.3.1)."""
    forms_with_errors = [form] + [f for f in formset.forms if f.errors]
    for each in forms_with_errors:
        for name in each.errors:
            if name not in each.fields:
                continue
            bound = each[name]
            described = [f"{bound.auto_id}_error"]
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            each.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


def thanks(page, request):
    if CONFIRMED not in request.session:
        # Reached without applying (a bookmark, a crawler): the form is where to go.
        return redirect(page.get_url(request))
    context = page.get_context(request)
    # Kept (not popped), so that reloading the confirmation does not look like a loss.
    context["government_name"] = request.session[CONFIRMED]
    response = TemplateResponse(request, "joining/thanks.html", context)
    add_never_cache_headers(response)
    return response


def too_many_requests(page, request):
    context = page.get_context(request)
    context["retry_minutes"] = max(1, settings.JOINING_RATE_WINDOW // 60)
    response = TemplateResponse(request, "joining/too_many_requests.html", context, status=429)
    response["Retry-After"] = str(settings.JOINING_RATE_WINDOW)
    add_never_cache_headers(response)
    return response
