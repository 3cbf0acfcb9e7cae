"""The review list exported to CSV and Excel, safe to open in a spreadsheet."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from . import builders

pytestmark = pytest.mark.django_db
INDEX = "/admin/joining/application/"
FORMULAS = {
    "government_name": '=HYPERLINK("http://evil.example","Click")',
    "leader_name": "+1+cmd|' /C calc'!A0",
    "leader_title": "-2+3",
    "focal_position": "@SUM(1+1)*cmd|' /C calc'!A0",
    "why_essential": "\t=1+1",
    "why_framework": "\r=1+1",
    "expectations": "=1+1",
}


@pytest.fixture
def exported(client):
    site = builders.join_site(languages=("en",))
    application = builders.application(site.wave, initiatives=0, **FORMULAS)
    application.initiatives.create(title="=EVIL()", description="-1", sort_order=0)
    builders.application(site.wave, government_name="Ville sans piège")
    client.force_login(builders.secretariat_user())
    return client


def test_wagtail_alone_neutralises_nothing_in_csv():
    """Why our export escapes: Wagtail's mixin passes formula-like text to CSV as it is (and, in
    Excel files, only keeps "=" cells from being formulas)."""
    mixin = SpreadsheetExportMixin()
    for text in FORMULAS.values():
        assert mixin.preprocess_field_value("field", text, "csv") == text


def test_csv_export_neutralises_formula_like_cells(exported):
    response = exported.get(INDEX + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="applications.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert header[0] == "Name of the government" and "Country" in header
    trap = next(row for row in rows if "HYPERLINK" in row[0])
    cells = dict(zip(header, trap, strict=True))
    for cell in trap:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert cells["Name of the government"] == "'" + FORMULAS["government_name"]
    assert cells["Local leader's title"] == "'-2+3"
    assert cells["Key initiatives"] == "'=EVIL(): -1"
    assert cells["Focal point's e-mail"] == "focal@ville-de-test.example.org"
    assert len(rows) == 2


def test_excel_export_neutralises_formula_like_cells(exported):
    response = exported.get(INDEX + "?export=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    trap = next(row for row in rows if "HYPERLINK" in str(row[0].value))
    for cell in trap:
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
    cells = dict(zip(header, [cell.value for cell in trap], strict=True))
    assert cells["Name of the government"] == "'" + FORMULAS["government_name"]
    assert cells["Term of office: from (year)"] == 2020  # numbers stay numbers


def test_control_characters_do_not_break_the_excel_export(exported):
    builders.application(None, government_name="Ville\x07 avec\x1b contrôle")
    response = exported.get(INDEX + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert "Ville avec contrôle" in [row[0].value for row in sheet.iter_rows(min_row=2)]


def test_export_follows_the_filters(exported):
    response = exported.get(INDEX + "?export=csv&q=sans")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == ["Ville sans piège"]
