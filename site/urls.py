from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.redirects import views as redirect_views
from wagtail.documents import urls as wagtaildocs_urls

from cityteams import admin_guards
from home import incomplete_forms, translated_addresses
from home import sitemaps as home_sitemaps
from home import views as home_views

urlpatterns = [
    # In front of Wagtail's explorer: only pages the user may explore (cityteams/admin_guards.py).
    path("admin/pages/<int:parent_page_id>/", admin_guards.guarded_explorer("index")),
    path(
        "admin/pages/<int:parent_page_id>/results/", admin_guards.guarded_explorer("index_results")
    ),
    path(
        "admin/choose-page/<int:parent_page_id>/",
        require_admin_access(admin_guards.guarded_chooser_browse),
    ),
    path(
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        require_admin_access(admin_guards.guarded_workflow_cancellation),
    ),
    path(
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        admin_guards.guarded_workflow_view("workflow_preview"),
    ),
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        admin_guards.guarded_workflow_view("workflow_action"),
    ),
    path(
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        admin_guards.guarded_workflow_view("collect_workflow_action_data"),
    ),
    path(
        "admin/reports/page-types-usage/",
        admin_guards.GuardedPageTypesUsageReportView.as_view(),
    ),
    path(
        "admin/reports/page-types-usage/results/",
        admin_guards.GuardedPageTypesUsageReportView.as_view(results_only=True),
    ),
    path(
        "admin/pages/<int:page_id>/copy/",
        require_admin_access(admin_guards.CheckedCopyView.as_view()),
    ),
    path(
        "admin/snippets/choose/<slug:app_label>/<slug:model_name>/create/",
        admin_guards.snippet_chooser_create,
        name="snippet_chooser_create",
    ),
    path(
        "admin/choose-external-link/",
        require_admin_access(admin_guards.VisibleExternalLinkView.as_view()),
    ),
    path(
        "admin/redirects/import/process/",
        require_admin_access(
            incomplete_forms.redirect_import_with_its_fields(redirect_views.process_import)
        ),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    # One sitemap per language, listed by an index (home/sitemaps.py, docs/reach.md).
    path("sitemap.xml", home_sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:language>.xml", home_sitemaps.sitemap_language, name="sitemap_language"),
    # Read-only open data, one address for every language (?language=fr): docs/open-data.md.
    path("api/v1/", include("search.api")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public URL carries its language: /en/, /fr/, /es/, /ar/. A visitor
# arriving at / is sent to the language their browser asks for
# (django.middleware.locale.LocaleMiddleware does the redirect).
# With DEBUG on, Django answers a missing page with its own debugging page; this address
# shows the site's 404 page as readers get it (tests/browser/test_layout.py opens it).
debug_pages = [path("debug-404/", home_views.page_not_found)] if settings.DEBUG else []

urlpatterns += i18n_patterns(
    *debug_pages,
    # The search's address is translated like the section pages'
    # (home/translated_addresses.py); the English one, where another language had it
    # before, redirects to that language's own.
    path(_("search/"), include("search.urls")),
    path("search/", translated_addresses.old_search_address),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
