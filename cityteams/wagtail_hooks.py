from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import localize_guard, views
from .panels import SecretariatPanel
from .roles import SECRETARIAT


@hooks.register("register_admin_urls")
def register_admin_urls():
    # The guarded wagtail-localize views take the upstream URLs (ours are registered
    # first because this app comes before wagtail_localize in INSTALLED_APPS).
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            localize_guard.GuardedSubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            localize_guard.GuardedSubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            localize_guard.GuardedUpdateTranslationsView.as_view(),
        ),
        path("cityteams/onboard/<int:page_id>/", views.onboard_view, name="cityteams_onboard"),
    ]


@hooks.register("register_page_header_buttons")
def onboard_button(page, user, view_name=None, next_url=None):
    if page.specific_class.__name__ == "CityProfilePage" and user.has_perm(
        views.ONBOARD_PERMISSION
    ):
        yield Button(
            _("Onboard a city editor"),
            reverse("cityteams_onboard", args=[page.pk]),
            icon_name="group",
            priority=66,
        )


@hooks.register("construct_homepage_panels")
def add_secretariat_panel(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(name=SECRETARIAT).exists():
        panels.append(SecretariatPanel())
