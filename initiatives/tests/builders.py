"""Builders for initiative and search tests."""

import itertools

from initiatives.models import InitiativePage

_counter = itertools.count()


def initiative(
    profile,
    title=None,
    *,
    summary="A local initiative.",
    themes=(),
    rights=(),
    sdgs=(),
    groups=(),
    pillar=None,
    status="ongoing",
    start_year=2022,
    live=True,
    **fields,
):
    title = title or f"Initiative {next(_counter)}"
    page = InitiativePage(
        title=title,
        summary=summary,
        status=status,
        start_year=start_year,
        framework_pillar=pillar,
        locale=profile.locale,
        **fields,
    )
    page.themes = list(themes)
    page.charter_rights = list(rights)
    page.sdgs = list(sdgs)
    page.rights_holder_groups = list(groups)
    profile.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        type(page).objects.filter(pk=page.pk).update(live=False)
    return page
