"""Template tags for the admin templates that cityteams/admin_guards.py overrides."""

from django import template

from cityteams import admin_guards

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/breadcrumbs.html", takes_context=True)
def visible_page_breadcrumbs(
    context, page, url_name, include_self=True, is_expanded=False, querystring_value=""
):
    """``{% page_breadcrumbs %}`` with only the titles the user may see."""
    items = admin_guards.visible_breadcrumbs(
        context["request"].user, page, url_name, include_self, querystring_value
    )
    return {
        "items": items,
        "is_expanded": is_expanded or len(items) == 1,
        "classname": None,
        "icon_name": None,
    }


@register.simple_tag(takes_context=True)
def shown_title(context, page):
    return admin_guards.shown_title(context["request"].user, page)
