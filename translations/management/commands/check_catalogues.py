"""Fail when an interface string is missing from a message catalogue or left untranslated.

Extracts the strings afresh (GNU gettext's xgettext, through `makemessages`) and
compares them with the committed catalogues, which are left as they were. CI runs it.
"""

import re
import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# French typography writes the apostrophe curly (’); one straight one beside curly ones in the
# same sentence reads as a typo (it did, on the 503 page).
STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
CURLY_APOSTROPHE_LANGUAGES = {"fr"}

IGNORED = [".venv/*", "tests/*", "*/tests/*", "benchmarks/*", "node_modules/*"]


class Command(BaseCommand):
    help = "Check that every interface string is in the catalogues and translated."

    def handle(self, *args, **options):
        if not shutil.which("xgettext"):
            raise CommandError("GNU gettext is needed to extract strings: apt-get install gettext")
        committed = Path(settings.LOCALE_PATHS[0])
        languages = sorted(p.name for p in committed.iterdir() if (p / "LC_MESSAGES").is_dir())
        catalogues = {lang: committed / lang / "LC_MESSAGES" / "django.po" for lang in languages}
        # makemessages writes into the project's own locale/ whatever LOCALE_PATHS says, so
        # the committed catalogues are kept aside and put back afterwards.
        originals = {lang: path.read_bytes() for lang, path in catalogues.items()}
        try:
            call_command("makemessages", locale=languages, ignore_patterns=IGNORED, verbosity=0)
            extracted = {lang: polib.pofile(str(path)) for lang, path in catalogues.items()}
        finally:
            for lang, path in catalogues.items():
                path.write_bytes(originals[lang])
        problems = []
        for lang in languages:
            have = polib.pofile(originals[lang].decode("utf-8"))
            known = {(e.msgctxt, e.msgid) for e in have if not e.obsolete}
            for entry in extracted[lang]:
                if not entry.obsolete and (entry.msgctxt, entry.msgid) not in known:
                    problems.append(f"{lang}: not in the catalogue: {entry.msgid!r}")
            for entry in have:
                if entry.obsolete or not entry.msgid:
                    continue
                if "fuzzy" in entry.flags or not entry.translated():
                    problems.append(f"{lang}: untranslated: {entry.msgid!r}")
                translated = [entry.msgstr, *entry.msgstr_plural.values()]
                if lang in CURLY_APOSTROPHE_LANGUAGES and any(
                    STRAIGHT_APOSTROPHE.search(text) for text in translated
                ):
                    problems.append(f"{lang}: straight apostrophe (write ’): {entry.msgid!r}")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(problems)} catalogue problems. Run `manage.py makemessages -l "
                f"{' -l '.join(languages)} -i '.venv/*' -i '*/tests/*' -i 'benchmarks/*'`, "
                f"translate the new entries, and commit the .po files."
            )
        self.stdout.write(self.style.SUCCESS(f"Catalogues complete for {', '.join(languages)}."))
