"""Exporting the member profiles as the secretariat's spreadsheet (CSV or Excel).

One row per member (its default-language profile, else the first of its language versions),
in the importer's columns, so a file exported, edited and imported again changes only what
was edited. Text that
a spreadsheet could run as a formula gets a leading apostrophe, which the
importer removes again (OWASP "CSV injection").
"""

import csv
import io
import re

from .importer import FORMULA_STARTS
from .members import COLUMNS, LIST_SEPARATOR, member_profiles
from .models import CityProfilePage

# Text that is really a number ("-12.5") is left as it is: spreadsheets read it as
# a number, never as a formula.
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def member_rows():
    """Every member, once, as a dict of the spreadsheet's columns: its default-language profile,
    or its only language's for a member not translated into it yet (accepted from an application
    in French, say), with that language in the ``language`` column so that importing the file
    again finds the same profile.

    Numbers stay numbers and dates stay dates, for the Excel writer. Five queries
    whatever the number of members.
    """
    profiles = (
        member_profiles(CityProfilePage.objects.all())
        .select_related("wave", "locale")
        .prefetch_related("themes", "charter_rights", "framework_pillars")
        .order_by("title", "pk")
    )
    for page in profiles:
        yield {
            "key": page.member_key,
            "name": page.title,
            "country": str(page.country or ""),
            "region": page.region,
            "year_joined": page.wave.year if page.wave else None,
            "member_type": page.member_type,
            "government_type": page.government_type,
            "source": "",  # kept by the secretariat, not on the site
            "language": page.locale.language_code,
            "wave": page.wave.key if page.wave else "",
            "joined_on": page.joined_on,
            "leader_name": page.leader_name,
            "leader_title": page.leader_title,
            "term_start": page.term_start,
            "term_end": page.term_end,
            "population_band": page.population_band,
            "latitude": page.latitude,
            "longitude": page.longitude,
            "website": page.website,
            "summary": page.summary,
            "themes": _keys(page.themes.all()),
            "rights": _keys(page.charter_rights.all()),
            "pillars": _keys(page.framework_pillars.all()),
        }


def _keys(terms):
    return LIST_SEPARATOR.join(sorted(term.key for term in terms))


def safe_text(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def export_format(filename):
    """ "csv" or "xlsx" from a file name, or None."""
    for extension, name in FORMATS.items():
        if str(filename).lower().endswith(extension):
            return name
    return None


def write_members(handle, fmt):
    """Write the member spreadsheet to a binary file-like object; returns the member count."""
    rows = list(member_rows())
    content = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)
    handle.write(content)
    return len(rows)


def csv_bytes(rows):
    # The byte-order mark tells Excel the file is UTF-8, so accents are not garbled.
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if row[c] is None else safe_text(row[c]) for c in COLUMNS])
    return text.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Members")
    sheet.append(COLUMNS)
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            if isinstance(value, str):
                # Control characters cannot be stored in a workbook at all.
                value = safe_text(ILLEGAL_CHARACTERS_RE.sub("", value))
            elif value is not None and column in {"latitude", "longitude"}:
                value = float(value)
            cells.append(value)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
