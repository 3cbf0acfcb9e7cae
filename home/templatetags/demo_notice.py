"""Whether the site says it shows demo content (settings.DEMO_CONTENT_NOTICE)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def demo_content_notice():
    return getattr(settings, "DEMO_CONTENT_NOTICE", False)
