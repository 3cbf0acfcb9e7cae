"""Importing the secretariat's member spreadsheet (CSV or Excel).

The secretariat keeps its member list in a spreadsheet; this module turns that
file into profile pages. Every row is validated with ``MemberRowForm`` and then
applied with ``apply_member`` inside one transaction, which is rolled back if any
row fails or if the import is a dry run: a file is imported whole or not at all,
and a dry run reports exactly what a real import would do.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from .members import COLUMNS, REQUIRED_COLUMNS, MemberRowForm, apply_member, directory_for

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx file is a zip archive: bound what it unpacks to as well as its own size.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024
FORMATS = (".csv", ".xlsx")
# The exporter puts an apostrophe before text that a spreadsheet could run as a
# formula; the importer takes it off again so that a round trip changes nothing.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FIRST_DATA_ROW = 2  # the header is row 1, as the spreadsheet shows it

# Fields of the page, named as the model names them, and the column they come from.
FIELD_COLUMNS = {
    "title": "name",
    "slug": "key",
    "member_key": "key",
    "charter_rights": "rights",
    "framework_pillars": "pillars",
    "locale": "language",
}


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (too big, wrong format, missing columns…)."""


@dataclass
class RowError:
    row: int | None  # as numbered in the spreadsheet; None for the file as a whole
    column: str
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        where = _("row %(row)s") % {"row": self.row}
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.message}"


@dataclass
class RowOutcome:
    row: int
    name: str
    key: str
    language: str
    action: str  # "created", "updated" or "unchanged"


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def counts(self):
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for outcome in self.rows:
            counts[outcome.action] += 1
        return counts

    def summary(self):
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged") % self.counts


def import_members(
    source,
    *,
    filename=None,
    dry_run=False,
    publish=True,
    user=None,
    progress=None,
    progress_every=100,
):
    """Import a member spreadsheet from a path or an open binary file.

    ``progress(done, total, stage)`` is called every ``progress_every`` rows, with
    stage "validated", then "checked" (dry run) or "saved". Nothing is written
    unless every row is valid and ``dry_run`` is false.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        rows, report.warnings = read_rows(source, filename=filename)
    except SpreadsheetError as error:
        report.errors.append(RowError(None, "", str(error)))
        return report

    if not rows:
        report.warnings.append(_("The spreadsheet has no members in it."))
    cleaned = _validate(rows, report, progress, progress_every)
    _apply(cleaned, report, publish, user, progress, progress_every)
    return report


def check_members(source, *, filename=None, publish=True, user=None):
    """Check a spreadsheet without touching a page: the file, every row with the member
    form, the members directory of each language and, when publishing, the permission to
    publish there. Fast enough for the request however many rows there are; what only the
    import itself can find (a name already used by another member of that country) it finds
    when it runs. Returns the report (no rows in it) and the number of rows checked."""
    report = ImportReport(dry_run=True)
    try:
        rows, report.warnings = read_rows(source, filename=filename)
    except SpreadsheetError as error:
        report.errors.append(RowError(None, "", str(error)))
        return report, 0
    cleaned = _validate(rows, report, None, 100)
    for language in sorted({data["language"] for _number, data in cleaned}):
        first_row = next(number for number, data in cleaned if data["language"] == language)
        try:
            directory = directory_for(Locale.objects.get(language_code=language))
        except LookupError as error:
            report.errors.append(RowError(first_row, "language", str(error)))
            continue
        if publish and user is not None and not directory.permissions_for_user(user).can_publish():
            report.errors.append(RowError(first_row, "", not_yours_to_publish()))
    return report, len(rows)


def not_yours_to_publish():
    """Publishing keeps Wagtail's page permissions: the spreadsheet permission alone does not
    let anyone publish where they could not publish by hand."""
    return _(
        "You may not publish this profile. Ask an administrator for permission to "
        "publish in the members directory, or import without publishing."
    )


def _validate(rows, report, progress, every):
    """Check every row with the member form; a member may appear once per language."""
    cleaned = []
    first_row_of = {}
    for done, (number, values) in enumerate(rows, start=1):
        form = MemberRowForm(values)
        if form.is_valid():
            data = form.cleaned_data
            key, language = identity = (data["key"], data["language"])
            if identity in first_row_of:
                message = _(
                    "Same member as row %(row)s (key “%(key)s”, language “%(language)s”): "
                    "a member can appear only once per language."
                ) % {"row": first_row_of[identity], "key": key, "language": language}
                report.errors.append(RowError(number, "key", message))
            else:
                first_row_of[identity] = number
                cleaned.append((number, data))
        else:
            for column, messages in form.errors.items():
                column = "" if column == "__all__" else column
                report.errors.extend(RowError(number, column, str(m)) for m in messages)
        _tell(progress, every, done, len(rows), "validated")
    return cleaned


def _apply(cleaned, report, publish, user, progress, every):
    """Apply the valid rows in one transaction, kept only for a real import without errors.

    Rows are applied even when others failed, so that errors the form cannot see
    (such as a name already used by another member of that country) are reported too.
    """
    stage = "checked" if report.dry_run or report.errors else "saved"
    with transaction.atomic():
        for done, (number, data) in enumerate(cleaned, start=1):
            try:
                page, action = apply_member(data, publish=publish, user=user)
            except ValidationError as error:
                report.errors.extend(_model_errors(number, error))
            except LookupError as error:  # no members directory in that language
                report.errors.append(RowError(number, "language", str(error)))
            except PermissionDenied:
                report.errors.append(RowError(number, "", not_yours_to_publish()))
            else:
                report.rows.append(
                    RowOutcome(number, page.title, data["key"], data["language"], action)
                )
            _tell(progress, every, done, len(cleaned), stage)
        if report.dry_run or report.errors:
            transaction.set_rollback(True)


def _model_errors(number, error):
    if not hasattr(error, "error_dict"):
        return [RowError(number, "", message) for message in error.messages]
    return [
        RowError(number, FIELD_COLUMNS.get(name, "" if name == "__all__" else name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _tell(progress, every, done, total, stage):
    if progress is not None and (done % every == 0 or done == total):
        progress(done, total, stage)


# --- Reading the file ---------------------------------------------------------


def read_rows(source, *, filename=None):
    """Rows of a .csv or .xlsx file as ``[(spreadsheet row number, {column: text})]``,
    with warnings about the file. Raises ``SpreadsheetError`` for an unusable file."""
    name = str(filename or getattr(source, "name", "") or source)
    extension = Path(name).suffix.lower()
    if extension not in FORMATS:
        raise SpreadsheetError(
            _("“%(name)s” is not a spreadsheet this import reads: use a .csv or .xlsx file.")
            % {"name": Path(name).name}
        )
    content = _read_bounded(source)
    table = _csv_table(content) if extension == ".csv" else _xlsx_table(content)
    return _rows_from_table(table)


def _read_bounded(source):
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        content = source.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    return content


def _csv_table(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "The file is not in UTF-8, so accented names would be garbled. In Excel, save it "
                "as “CSV UTF-8”; in LibreOffice, choose the character set “Unicode (UTF-8)”."
            )
        ) from error
    first_line = text.split("\n", 1)[0]
    try:
        # Sniff the header line only: the lists inside cells use ";" too.
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise SpreadsheetError(
            _("Row %(row)s cannot be read: %(error)s") % {"row": reader.line_num, "error": error}
        ) from error


def _xlsx_table(content):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise SpreadsheetError(_("The file is not an Excel .xlsx workbook.")) from error
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise SpreadsheetError(_("The workbook is too large once unpacked. Split it."))
    try:
        # data_only: a formula cell gives the value Excel last computed, not its formula.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error for a damaged file
        raise SpreadsheetError(
            _("The workbook cannot be read (%(error)s).") % {"error": error}
        ) from error
    try:
        if not workbook.worksheets:
            return
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(value) for value in values]
    finally:
        workbook.close()


def _rows_from_table(table):
    rows = []
    warnings = []
    header = None
    for number, cells in enumerate(table, start=1):
        if header is None:
            header = _check_header(cells, warnings)
            continue
        values = {column: "" for column in header.values()}
        for position, column in header.items():
            if position < len(cells):
                values[column] = unescape(cells[position])
        if not any(str(value).strip() for value in values.values()):
            continue  # blank lines, often at the end of a sheet
        rows.append((number, values))
        if len(rows) > MAX_ROWS:
            raise SpreadsheetError(
                _("The file has more than %(count)s members. Split it into smaller files.")
                % {"count": f"{MAX_ROWS:,}"}
            )
    if header is None:
        raise SpreadsheetError(_("The file is empty: the first row must name the columns."))
    return rows, warnings


def _check_header(cells, warnings):
    """Map each known column's position to its name; unknown columns are left out."""
    header = {}
    unknown = []
    for position, cell in enumerate(cells):
        name = str(cell or "").strip().lower()
        if not name:
            continue
        if name in header.values():
            raise SpreadsheetError(
                _("The column “%(column)s” appears twice in the first row.") % {"column": name}
            )
        if name in COLUMNS:
            header[position] = name
        else:
            unknown.append(name)
    missing = sorted(REQUIRED_COLUMNS - set(header.values()))
    if missing:
        raise SpreadsheetError(
            ngettext(
                "The required column %(columns)s is missing from the first row.",
                "The required columns %(columns)s are missing from the first row.",
                len(missing),
            )
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )
    if unknown:
        warnings.append(
            _("These columns are not part of the member spreadsheet and were ignored: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in unknown)}
        )
    return header


def cell_text(value):
    """A spreadsheet cell as the text a person would type: 2022.0 → "2022", a date → ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # Fixed notation from the shortest exact form: 1e-05 → "0.00001", 41.38879 stays.
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def unescape(text):
    """Undo the exporter's protection against formulas ("'=SUM(…)" → "=SUM(…)")."""
    if len(text) > 1 and text[0] == "'" and text[1] in "".join(FORMULA_STARTS):
        return text[1:]
    return text
