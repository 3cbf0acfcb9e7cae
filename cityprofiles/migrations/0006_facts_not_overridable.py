"""Forget the overrides that translators could set on facts every language shares.

The models now mark these synchronised fields ``overridable=False``; sources synced before
still hold an overridable segment for each (wagtail-localize's editor offers them) and any
override set on one would be applied at the next publish. A new sync extracts none.
"""

from django.db import migrations

FACTS = {
    "cityprofiles.cityprofilepage": [
        "member_key", "member_type", "government_type", "country", "region", "wave",
        "joined_on", "term_start", "term_end", "population_band", "latitude", "longitude",
        "themes", "charter_rights", "framework_pillars",
    ],
    "initiatives.initiativepage": [
        "themes", "charter_rights", "framework_pillar", "sdgs", "rights_holder_groups",
    ],
    "stories.storypage": [
        "date", "featured", "themes", "waves", "member_links", "initiative_links",
    ],
}  # fmt: skip


def forget_overrides(apps, facts):
    """Delete the overridable segments of ``facts`` (``{"app.model": [field, …]}``) and the
    overrides set on them. Migration 0008 uses it too."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    OverridableSegment = apps.get_model("wagtail_localize", "OverridableSegment")
    SegmentOverride = apps.get_model("wagtail_localize", "SegmentOverride")
    for label, fields in facts.items():
        app_label, model = label.split(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        segments = OverridableSegment.objects.filter(source__specific_content_type=content_type)
        doomed = [
            s for s in segments.select_related("context") if s.context.path.split(".")[0] in fields
        ]
        contexts = {segment.context_id for segment in doomed}
        SegmentOverride.objects.filter(context_id__in=contexts).delete()
        OverridableSegment.objects.filter(pk__in=[segment.pk for segment in doomed]).delete()


def forget_overrides_of_facts(apps, schema_editor):
    forget_overrides(apps, FACTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cityprofiles", "0005_editing_help"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forget_overrides_of_facts, migrations.RunPython.noop)]
