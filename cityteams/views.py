"""The secretariat's "onboard a city editor" admin action."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cityprofiles.models import CityProfilePage

from .onboarding import onboard

ONBOARD_PERMISSION = "cityteams.add_cityteam"


class OnboardForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the city editor"))


def onboard_view(request, page_id):
    if not request.user.has_perm(ONBOARD_PERMISSION):
        raise PermissionDenied
    profile = get_object_or_404(CityProfilePage, pk=page_id)
    form = OnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team, user, invited = onboard(
            profile, form.cleaned_data["email"], language=request.LANGUAGE_CODE
        )
        if invited:
            messages.success(
                request,
                _("%(email)s can now edit %(name)s; an invitation was sent.")
                % {"email": user.email, "name": profile.title},
            )
        else:
            messages.success(
                request,
                _("%(email)s can now edit %(name)s.")
                % {"email": user.email, "name": profile.title},
            )
        return redirect("wagtailadmin_pages:edit", profile.pk)
    return TemplateResponse(
        request,
        "cityteams/onboard.html",
        {"form": form, "profile": profile, "page_title": _("Onboard a city editor")},
    )
