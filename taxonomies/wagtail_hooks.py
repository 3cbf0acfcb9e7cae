from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    TAXONOMY_MODELS,
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
    Wave,
)
from .usage import uses_of


class WaveViewSet(SnippetViewSet):
    model = Wave
    icon = "date"
    list_display = ["__str__", "key", "slogan", "launch_date", "application_deadline"]
    list_filter = ["locale"]
    search_fields = ["slogan", "key"]
    panels = [
        FieldPanel("key"),
        FieldPanel("number"),
        FieldPanel("year"),
        MultiFieldPanel(
            [FieldPanel("launch_date"), FieldPanel("application_deadline")],
            heading=gettext_lazy("Call for applications"),
            help_text=gettext_lazy(
                "The home page and the join page say from these dates whether the call is "
                "still to open, open (“Forms are due by …”) or closed."
            ),
        ),
        FieldPanel("slogan"),
        FieldPanel("description"),
        FieldPanel("presentation"),
    ]


class TermViewSet(SnippetViewSet):
    """Named terms: listed and searched by name and key, filtered by language."""

    list_display = ["name", "key"]
    list_filter = ["locale"]
    search_fields = ["name", "key"]
    panels = [FieldPanel("name"), FieldPanel("key"), FieldPanel("description")]


class NumberedTermViewSet(TermViewSet):
    """Terms with a place in their framework (Charter rights, pillars, SDGs)."""

    list_display = ["number", "name", "key"]
    panels = [FieldPanel("number"), *TermViewSet.panels]


class ThemeViewSet(TermViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "key", "colour"]
    panels = [*TermViewSet.panels, FieldPanel("colour")]


class CharterRightViewSet(NumberedTermViewSet):
    model = CharterRight
    icon = "list-ol"


class FrameworkPillarViewSet(NumberedTermViewSet):
    model = FrameworkPillar
    icon = "placeholder"


class SustainableDevelopmentGoalViewSet(NumberedTermViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"


class RightsHolderGroupViewSet(TermViewSet):
    model = RightsHolderGroup
    icon = "group"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (
        WaveViewSet,
        ThemeViewSet,
        CharterRightViewSet,
        FrameworkPillarViewSet,
        SustainableDevelopmentGoalViewSet,
        RightsHolderGroupViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = gettext_lazy("Campaign taxonomies")
    menu_name = "taxonomies"


register_snippet(TaxonomyViewSetGroup)


@hooks.register("before_delete_snippet")
def refuse_to_delete_terms_in_use(request, instances):
    """Deleting a wave, theme, right or pillar that pages use is refused, with the reason."""
    refused = []
    for instance in instances:
        if not isinstance(instance, TAXONOMY_MODELS):
            continue
        count, examples = uses_of(instance)
        if count:
            refused.append((instance, count, examples))
    if not refused:
        return None
    for instance, count, examples in refused:
        messages.error(
            request,
            _(
                "“%(term)s” cannot be deleted: %(count)s pages use it (%(examples)s). "
                "Remove it from those pages first, or edit it instead."
            )
            % {"term": instance, "count": count, "examples": "; ".join(examples)},
        )
    return redirect(type(refused[0][0]).snippet_viewset.get_url_name("list"))
