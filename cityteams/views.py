"""The secretariat's "onboard a city editor" admin action, and resending an invitation."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cityprofiles.models import CityProfilePage

from .models import CityTeam
from .onboarding import onboard
from .recovery import send_invitation_again

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
        {
            "form": form,
            "profile": profile,
            "members": team_members(profile),
            "page_title": _("Onboard a city editor"),
        },
    )


def team_members(profile):
    """The member's city editors, for the secretariat (whose page this is)."""
    team = CityTeam.objects.filter(profile_translation_key=profile.translation_key).first()
    if team is None:
        return []
    return list(get_user_model().objects.filter(groups=team.group).order_by("email"))


@require_POST
def resend_invitation_view(request, page_id, user_id):
    """Send a city editor their invitation again (a new one-time link to choose a password),
    for one who lost it. Only to an active member of this profile's team."""
    if not request.user.has_perm(ONBOARD_PERMISSION):
        raise PermissionDenied
    profile = get_object_or_404(CityProfilePage, pk=page_id)
    team = get_object_or_404(CityTeam, profile_translation_key=profile.translation_key)
    editor = get_object_or_404(get_user_model(), pk=user_id, groups=team.group)
    if not editor.is_active:
        messages.error(
            request,
            _("%(email)s's account is deactivated: no invitation was sent.")
            % {"email": editor.email},
        )
    elif send_invitation_again(editor, team):
        messages.success(
            request, _("The invitation was sent again to %(email)s.") % {"email": editor.email}
        )
    else:
        messages.error(
            request,
            _("The invitation to %(email)s could not be sent. Try again later.")
            % {"email": editor.email},
        )
    return redirect("cityteams_onboard", profile.pk)
