"""What the initiatives app adds to a member's profile (the ``profile_sections`` hook, in
wagtail_hooks.py): every initiative of the member, each in the reader's language where it
is translated, else in its source language, marked as such (home/fallback.py)."""

from home import fallback, privacy

from .models import InitiativePage


def member_initiatives(profile, request, locale):
    """Three queries for any number of initiatives (rows, languages, section addresses)."""
    published = privacy.public(InitiativePage.objects.live()).filter(
        city__translation_key=profile.translation_key
    )
    initiatives = list(
        fallback.readable(published, locale)
        .only(
            "id",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "locale_id",
            "translation_key",
            "summary",
            "status",
        )
        .order_by("title", "pk")
    )
    fallback.in_reader_language(initiatives, locale.language_code, request)
    return {"initiatives": initiatives}
