"""Two onboarded cities, for permission tests: Barcelona (city A) and Vienna (city B).

Barcelona's editor is the attacker. Vienna holds everything they must neither read
nor change: drafts whose title is ``SECRET DRAFT …``, an initiative in moderation
in two languages, French translations made with wagtail-localize, pages restricted to
logged-in visitors (``SECRET PRIVATE …``) and pages never published, an image and a
document in its team's collection. See cityteams/tests/test_city_editor_permissions.py.

A communications editor is there too, with an image and a document in the
Communications collection: it may choose every city's media (so B's media titles are
no secret to it, ``SECRETS_FROM_COMMUNICATIONS``), never change or delete them.
"""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from cityprofiles.tests import builders
from cityteams.onboarding import onboard
from cityteams.roles import COMMUNICATIONS, communications_collection, ensure_roles
from initiatives.tests.builders import initiative

# Every title B's editors saved as a draft only, or gave to B's media, starts with this.
SECRET = "SECRET DRAFT"
SECRET_IMAGE = "SECRET IMAGE of Vienna"
SECRET_DOCUMENT = "SECRET DOCUMENT of Vienna"
SECRET_FILE = "vienna-secret"  # in the names of B's image and document files
# B's live pages that only logged-in visitors may see (a login restriction): their live
# titles are B's too.
SECRET_PRIVATE = "SECRET PRIVATE"
# Not one of these may appear in anything city A's editor is sent.
SECRETS = (SECRET, SECRET_IMAGE, SECRET_DOCUMENT, SECRET_FILE, SECRET_PRIVATE)
# Communications may choose B's image and document for a story, so their titles and file
# names are shown to it in the choosers; B's drafts and private pages stay secret.
SECRETS_FROM_COMMUNICATIONS = (SECRET, SECRET_PRIVATE)


def secret_draft(page, user, label=""):
    """Save a draft of ``page`` under a secret title; the live page keeps its own."""
    page = page.specific_class.objects.get(pk=page.pk)
    page.title = f"{SECRET}{label}"
    page.summary = f"{SECRET}{label}: the draft summary"
    return page.save_revision(user=user)


def translate_with_localize(page, code, user, publish=True):
    """Translate ``page`` the way the secretariat does: a wagtail-localize submission."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code=code)
    )
    translation.save_target(user=user, publish=publish)
    return source, page.get_translation(translation.target_locale)


def media(collection, title, filename):
    image = get_image_model().objects.create(
        title=title,
        file=get_test_image_file(filename=f"{filename}.png"),
        collection=collection,
    )
    document = get_document_model().objects.create(
        title=title.replace("IMAGE", "DOCUMENT").replace("logo", "report"),
        file=ContentFile(b"A report.", name=f"{filename}.txt"),
        collection=collection,
    )
    return image, document


def private_initiative(profile, label, slug):
    """A live initiative of ``profile`` behind a login restriction."""
    page = initiative(profile, f"{SECRET_PRIVATE} initiative{label}", slug=slug)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def unpublished_initiative(profile, label, slug):
    """An initiative that was never published: even its first title is a draft's."""
    return initiative(
        profile,
        f"{SECRET} initiative never published{label}",
        slug=slug,
        live=False,
    )


def two_cities():
    User = get_user_model()
    _homes, directories = builders.site_tree(languages=("en", "fr", "es"))
    superuser = User.objects.create_superuser("root", "root@example.org", "pw-123456789")

    barcelona = builders.profile(
        directories["en"], "Barcelona", slug="barcelona", member_key="barcelona-es"
    )
    barcelona.save_revision(user=superuser).publish()
    barcelona_fr = builders.translate(barcelona, "fr", title="Barcelone")
    barcelona_initiative = initiative(barcelona, "Barcelona rights office", slug="rights-office")
    barcelona_source, _created = TranslationSource.get_or_create_from_instance(barcelona)

    vienna = builders.profile(
        directories["en"],
        "Vienna",
        country="AT",
        slug="vienna",
        member_key="vienna-at",
        summary="Vienna's published summary.",
    )
    vienna.save_revision(user=superuser).publish()
    vienna_initiative = initiative(vienna, "Vienna housing first", slug="housing-first")
    vienna_source, vienna_fr = translate_with_localize(vienna, "fr", superuser)

    secretariat, _translators, workflow = ensure_roles()
    a_team, a_editor, _invited = onboard(barcelona, "a@example.org")
    b_team, b_editor, _invited = onboard(vienna, "b@example.org")
    # Created after onboarding: its permissions come from cityteams/signals.py.
    barcelona_es = builders.translate(barcelona, "es", title="Barcelona (es)")

    # B's editors at work: drafts in two languages, an initiative sent for review.
    secret_draft(vienna, b_editor)
    secret_draft(vienna_fr, b_editor, " (fr)")
    secret_draft(vienna_initiative, b_editor, " (initiative)")
    workflow_state = workflow.start(
        vienna_initiative.specific_class.objects.get(pk=vienna_initiative.pk), b_editor
    )

    # B's French initiative, translated with wagtail-localize and in review too.
    _source, vienna_initiative_fr = translate_with_localize(vienna_initiative, "fr", superuser)
    secret_draft(vienna_initiative_fr, b_editor, " (initiative fr)")
    workflow_state_fr = workflow.start(
        vienna_initiative_fr.specific_class.objects.get(pk=vienna_initiative_fr.pk), b_editor
    )
    # B's pages whose titles are B's even when live: private ones, never-published ones,
    # in two language trees; and a live public initiative without a draft, whose own
    # title anyone may see (but not its profile's draft title, above it in the tree).
    vienna_private = private_initiative(vienna, "", slug="private")
    vienna_private_fr = private_initiative(vienna_fr, " (fr)", slug="private-fr")
    vienna_unpublished = unpublished_initiative(vienna, "", slug="unpublished")
    vienna_unpublished_fr = unpublished_initiative(vienna_fr, " (fr)", slug="unpublished-fr")
    vienna_public_initiative = initiative(vienna, "Vienna public baths", slug="public-baths")

    a_image, a_document = media(a_team.collection, "Barcelona logo", "barcelona-logo")
    b_image, b_document = media(b_team.collection, SECRET_IMAGE, SECRET_FILE)

    # A translator of A: A's page permissions (as a member of A's team) and, unlike a
    # city editor, the global permission to submit translations.
    translator = User.objects.create_user("translator-a", "t@example.org", "pw-123456789")
    submitters, _created = Group.objects.get_or_create(name="Submit translations (test)")
    submitters.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )
    translator.groups.add(a_team.group, submitters)

    # Communications staff: no team, no page of either city; its own media collection.
    communications = User.objects.create_user(
        "communications", "communications@example.org", "pw-123456789"
    )
    communications.groups.add(Group.objects.get(name=COMMUNICATIONS))
    comms_image, comms_document = media(
        communications_collection(), "Communications banner", "communications-banner"
    )

    return SimpleNamespace(
        directories=directories,
        superuser=superuser,
        secretariat=secretariat,
        workflow=workflow,
        barcelona=barcelona,
        barcelona_fr=barcelona_fr,
        barcelona_es=barcelona_es,
        barcelona_initiative=barcelona_initiative,
        barcelona_source=barcelona_source,
        vienna=vienna,
        vienna_fr=vienna_fr,
        vienna_source=vienna_source,
        vienna_initiative=vienna_initiative,
        workflow_state=workflow_state,
        vienna_initiative_fr=vienna_initiative_fr,
        workflow_state_fr=workflow_state_fr,
        vienna_private=vienna_private,
        vienna_private_fr=vienna_private_fr,
        vienna_unpublished=vienna_unpublished,
        vienna_unpublished_fr=vienna_unpublished_fr,
        vienna_public_initiative=vienna_public_initiative,
        a_team=a_team,
        a_editor=a_editor,
        b_team=b_team,
        b_editor=b_editor,
        translator=translator,
        a_image=a_image,
        a_document=a_document,
        b_image=b_image,
        b_document=b_document,
        communications=communications,
        comms_image=comms_image,
        comms_document=comms_document,
    )
