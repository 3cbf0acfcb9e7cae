"""The secretariat's member spreadsheet: import, export, round trips and the admin page."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import TaskResultStatus
from openpyxl import Workbook, load_workbook
from wagtail.models import GroupPagePermission, Revision

from background import worker
from background.models import TaskRecord
from cityprofiles import importer
from cityprofiles.exporter import write_members
from cityprofiles.importer import import_members
from cityprofiles.members import COLUMNS, MemberRowForm, apply_member
from cityprofiles.models import CityIndexPage, CityProfilePage
from cityprofiles.tests import builders

pytestmark = pytest.mark.django_db

SPREADSHEET_URL = "/admin/members/spreadsheet/"


@pytest.fixture
def campaign():
    """Two languages with their members directories, two waves and a few terms."""
    builders.site_tree(languages=("en", "fr"))
    builders.wave(1)  # 2022
    builders.wave(2)  # 2023
    builders.theme("housing", "Housing")
    builders.theme("water", "Water")
    builders.right("right-to-the-city", "Right to the city", 1)
    builders.pillar("institutional-structures", "Institutional structures", 2)


def member(name, **fields):
    row = {
        "name": name,
        "country": "ES",
        "region": "europe",
        "member_type": "government",
        "government_type": "city",
    }
    row.update(fields)
    return row


BARCELONA = member(
    "Barcelona",
    key="barcelona-es",
    wave="wave-1",
    joined_on="2022-10-10",
    leader_name="Jaume Collboni",
    leader_title="Mayor",
    term_start="2023",
    term_end="2027",
    population_band="over-1m",
    latitude="41.38879",
    longitude="2.15899",
    website="https://www.barcelona.cat",
    summary="A pioneer of the campaign.",
    themes="water;housing",
    rights="right-to-the-city",
    pillars="institutional-structures",
)
GRIGNY = member("Grigny", country="FR", year_joined="2022")
MEXICO = member(
    "Mexico City",
    key="mexico-city-mx",
    country="MX",
    region="Latin America",
    latitude="19.43260",
    longitude="-99.13321",
)


def csv_upload(rows, *, columns=COLUMNS, delimiter=",", bom=False, name="members.csv"):
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    data = text.getvalue().encode("utf-8-sig" if bom else "utf-8")
    return SimpleUploadedFile(name, data, content_type="text/csv")


def exported(fmt):
    output = io.BytesIO()
    write_members(output, fmt)
    return SimpleUploadedFile(f"members.{fmt}", output.getvalue())


def snapshot():
    return CityProfilePage.objects.count(), Revision.objects.count()


def actions(report):
    return [(outcome.row, outcome.name, outcome.action) for outcome in report.rows]


def errors(report):
    return [(error.row, error.column) for error in report.errors]


# --- Importing -------------------------------------------------------------------


def test_import_creates_published_profiles_with_every_column(campaign):
    report = import_members(csv_upload([BARCELONA, GRIGNY]))

    assert report.ok, report.errors
    assert actions(report) == [(2, "Barcelona", "created"), (3, "Grigny", "created")]
    assert report.summary() == "2 created, 0 updated, 0 unchanged"
    barcelona = CityProfilePage.objects.get(member_key="barcelona-es")
    assert barcelona.live and barcelona.locale.language_code == "en"
    assert (barcelona.wave.key, barcelona.joined_on) == ("wave-1", datetime.date(2022, 10, 10))
    assert barcelona.latitude == Decimal("41.38879")
    assert sorted(barcelona.themes.values_list("key", flat=True)) == ["housing", "water"]
    assert list(barcelona.charter_rights.values_list("key", flat=True)) == ["right-to-the-city"]
    grigny = CityProfilePage.objects.get(title="Grigny")
    assert (grigny.member_key, grigny.wave.key) == ("grigny-fr", "wave-1")


def test_importing_the_same_file_again_changes_nothing(campaign):
    import_members(csv_upload([BARCELONA, GRIGNY]))
    before = snapshot()

    report = import_members(csv_upload([BARCELONA, GRIGNY]))

    assert [outcome.action for outcome in report.rows] == ["unchanged", "unchanged"]
    assert snapshot() == before


def test_a_changed_field_publishes_exactly_one_new_revision(campaign):
    import_members(csv_upload([BARCELONA, GRIGNY]))
    pages, revisions = snapshot()

    changed = dict(BARCELONA, leader_name="Ada Colau", themes="housing")
    report = import_members(csv_upload([changed, GRIGNY]))

    assert actions(report) == [(2, "Barcelona", "updated"), (3, "Grigny", "unchanged")]
    assert snapshot() == (pages, revisions + 1)
    barcelona = CityProfilePage.objects.get(member_key="barcelona-es")
    assert barcelona.leader_name == "Ada Colau"
    assert list(barcelona.themes.values_list("key", flat=True)) == ["housing"]


def test_dry_run_reports_what_would_happen_and_writes_nothing(campaign):
    import_members(csv_upload([BARCELONA, GRIGNY]))
    before = snapshot()

    rows = [BARCELONA, dict(GRIGNY, leader_name="Philippe Rio"), MEXICO]
    report = import_members(csv_upload(rows), dry_run=True)

    assert report.ok, report.errors
    assert actions(report) == [
        (2, "Barcelona", "unchanged"),
        (3, "Grigny", "updated"),
        (4, "Mexico City", "created"),
    ]
    assert snapshot() == before
    assert CityProfilePage.objects.get(title="Grigny").leader_name == ""
    assert not CityProfilePage.objects.filter(title="Mexico City").exists()


def test_every_bad_row_is_reported_with_its_row_and_nothing_is_written(campaign):
    before = snapshot()
    rows = [
        member("Atlantis City", country="Atlantis"),  # row 2
        member("Polar Town", latitude="95", longitude="10"),  # row 3
        member("Themeville", themes="housing;flying-cars"),  # row 4
        member("Typo Town", member_type="goverment"),  # row 5
        member("Rouen", country="FR", key="rouen-fr"),  # row 6
        member("Rouen again", country="FR", key="rouen-fr"),  # row 7: same key as row 6
        MEXICO,  # row 8: fine on its own, but not imported either
    ]

    report = import_members(csv_upload(rows))

    assert not report.ok
    assert errors(report) == [
        (2, "country"),
        (3, "latitude"),
        (4, "themes"),
        (5, "member_type"),
        (7, "key"),
    ]
    messages = [str(error) for error in report.errors]
    assert messages[0].startswith("row 2, country: Unknown country “Atlantis”")
    assert "flying-cars" in messages[2]
    assert "Same member as row 6" in messages[4]
    assert snapshot() == before


def test_a_name_already_used_in_the_country_is_reported_as_a_row_error(campaign):
    import_members(csv_upload([BARCELONA]))
    before = snapshot()

    report = import_members(csv_upload([GRIGNY, member("Barcelona", key="barcelona-city-es")]))

    assert errors(report) == [(3, "name")]
    assert "already has a profile" in report.errors[0].message
    assert snapshot() == before  # Grigny, valid, was not kept either


def test_a_missing_required_column_is_named(campaign):
    columns = [column for column in COLUMNS if column != "member_type"]

    report = import_members(csv_upload([BARCELONA], columns=columns))

    assert len(report.errors) == 1
    assert "“member_type”" in report.errors[0].message
    assert report.errors[0].row is None
    assert not CityProfilePage.objects.exists()


def test_unknown_columns_are_ignored_with_a_warning(campaign):
    upload = csv_upload([dict(BARCELONA, notes="call back")], columns=[*COLUMNS, "Notes "])

    report = import_members(upload)

    assert report.ok
    assert "“notes”" in report.warnings[0]


def test_a_semicolon_separated_csv_with_byte_order_mark_is_read(campaign):
    upload = csv_upload([BARCELONA, MEXICO], delimiter=";", bom=True)

    report = import_members(upload)

    assert report.ok, report.errors
    barcelona = CityProfilePage.objects.get(member_key="barcelona-es")
    assert sorted(barcelona.themes.values_list("key", flat=True)) == ["housing", "water"]
    assert CityProfilePage.objects.get(title="Mexico City").longitude == Decimal("-99.13321")


def test_a_csv_not_in_utf8_is_refused_with_advice(campaign):
    data = "name,member_type,country\nSant Adrià de Besòs,government,ES\n".encode("cp1252")

    report = import_members(SimpleUploadedFile("members.csv", data))

    assert "CSV UTF-8" in report.errors[0].message
    assert not CityProfilePage.objects.exists()


def test_excel_numbers_and_dates_are_read_as_a_person_typed_them(campaign):
    workbook = Workbook()
    sheet = workbook.active
    header = ["Name", "Country", "Member_Type", "Year_Joined", "Joined_On", "Latitude"]
    sheet.append([*header, "Longitude", "Term_Start"])
    sheet.append(["Gwangju", "KR", "government", 2023.0, datetime.datetime(2023, 10, 10), 35.15955])
    sheet["G2"], sheet["H2"] = 126.8526, 2022
    sheet.append([None] * 8)  # a blank line at the end of the sheet
    content = io.BytesIO()
    workbook.save(content)

    report = import_members(SimpleUploadedFile("members.xlsx", content.getvalue()))

    assert report.ok, report.errors
    gwangju = CityProfilePage.objects.get(title="Gwangju")
    assert gwangju.wave.key == "wave-2"
    assert gwangju.joined_on == datetime.date(2023, 10, 10)
    assert (gwangju.latitude, gwangju.longitude) == (Decimal("35.15955"), Decimal("126.85260"))
    assert gwangju.term_start == 2022


def test_cells_become_text():
    assert importer.cell_text(2022.0) == "2022"
    assert importer.cell_text(-99.13321) == "-99.13321"
    assert importer.cell_text(1e-05) == "0.00001"
    assert importer.cell_text(datetime.datetime(2024, 1, 31)) == "2024-01-31"
    assert importer.cell_text(None) == ""


def test_drafts_stay_drafts_and_a_second_import_adds_no_revision(campaign):
    report = import_members(csv_upload([BARCELONA]), publish=False)
    assert report.ok
    page = CityProfilePage.objects.get(member_key="barcelona-es")
    assert not page.live and page.has_unpublished_changes
    import_members(csv_upload([dict(BARCELONA, leader_name="Ada Colau")]), publish=False)
    before = snapshot()

    again = import_members(csv_upload([dict(BARCELONA, leader_name="Ada Colau")]), publish=False)

    assert [outcome.action for outcome in again.rows] == ["unchanged"]
    assert snapshot() == before


def test_progress_is_reported_every_few_rows(campaign):
    rows = [member(f"Town {n}", key=f"town-{n}-es") for n in range(5)]
    calls = []

    import_members(csv_upload(rows), progress=lambda *call: calls.append(call), progress_every=2)

    assert calls == [
        (2, 5, "validated"),
        (4, 5, "validated"),
        (5, 5, "validated"),
        (2, 5, "saved"),
        (4, 5, "saved"),
        (5, 5, "saved"),
    ]


def test_files_over_ten_megabytes_are_refused(campaign):
    big = SimpleUploadedFile("members.csv", b"name,member_type\n" + b"x" * (10 * 1024 * 1024))

    report = import_members(big)

    assert "larger than 10 MB" in report.errors[0].message


def test_files_over_twenty_thousand_rows_are_refused(campaign):
    data = "name,member_type\n" + "Town,government\n" * 20_001

    report = import_members(SimpleUploadedFile("members.csv", data.encode()))

    assert "more than 20,000 members" in report.errors[0].message
    assert not CityProfilePage.objects.exists()


# --- Round trips and exporting --------------------------------------------------------

AWKWARD = [
    member("Sant Pere de Ribes"),
    member("l'Alfàs del Pi", summary="Costa Blanca, «la Marina Baixa»"),
    member("إربد", country="JO", region="middle-east-west-asia", key="irbid-jo"),
    member("광주", country="KR", region="asia-pacific", key="gwangju-kr"),
    member("Київ", country="UA", region="eurasia"),  # key derived from the name
    member("'s-Hertogenbosch", country="NL"),  # an apostrophe that is part of the name
]


def test_names_in_any_script_survive_import_export_import(campaign):
    assert import_members(csv_upload(AWKWARD)).ok
    before = snapshot()
    names = sorted(CityProfilePage.objects.values_list("title", flat=True))
    assert names == sorted(row["name"] for row in AWKWARD)

    report = import_members(exported("csv"))

    assert report.ok, report.errors
    assert {outcome.action for outcome in report.rows} == {"unchanged"}
    assert len(report.rows) == len(AWKWARD)
    assert snapshot() == before
    assert sorted(outcome.name for outcome in report.rows) == names


def test_excel_export_imports_back_unchanged(campaign):
    assert import_members(csv_upload([BARCELONA, GRIGNY, MEXICO, *AWKWARD])).ok
    before = snapshot()

    report = import_members(exported("xlsx"))

    assert report.ok, report.errors
    assert {outcome.action for outcome in report.rows} == {"unchanged"}
    assert len(report.rows) == 3 + len(AWKWARD)
    assert snapshot() == before


def test_a_member_with_only_a_french_profile_is_exported_in_french_and_imports_back(campaign):
    """Accepted from an application in French: not translated into English yet."""
    assert import_members(csv_upload([BARCELONA, member("Ville", country="FR", language="fr")])).ok
    before = snapshot()
    rows = list(csv.DictReader(io.StringIO(exported("csv").read().decode("utf-8-sig"))))
    assert sorted((row["name"], row["language"]) for row in rows) == [
        ("Barcelona", "en"),
        ("Ville", "fr"),
    ]
    report = import_members(exported("csv"))
    assert report.ok, report.errors
    assert [outcome.action for outcome in report.rows] == ["unchanged", "unchanged"]
    assert snapshot() == before


def test_csv_export_has_a_byte_order_mark_and_the_columns(campaign):
    import_members(csv_upload([BARCELONA]))

    content = exported("csv").read()

    assert content.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    row = next(reader)
    assert reader.fieldnames == COLUMNS
    assert row["country"] == "ES" and row["region"] == "europe"
    assert (row["wave"], row["year_joined"]) == ("wave-1", "2022")
    assert row["themes"] == "housing;water"


FORMULA = '=HYPERLINK("https://example.org","Click")'


def test_formulas_are_escaped_in_csv_but_negative_numbers_are_not(campaign):
    rows = [dict(MEXICO, name=FORMULA, key="formula-mx", summary="@SUM(1+1)")]
    assert import_members(csv_upload(rows)).ok

    text = exported("csv").read().decode("utf-8-sig")

    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name"] == "'" + FORMULA
    assert row["summary"] == "'@SUM(1+1)"
    assert row["longitude"] == "-99.13321"
    # The escape is removed again on import, so the round trip changes nothing.
    report = import_members(SimpleUploadedFile("members.csv", text.encode("utf-8-sig")))
    assert [outcome.action for outcome in report.rows] == ["unchanged"]


def test_formulas_are_escaped_in_excel_and_numbers_stay_numbers(campaign):
    assert import_members(csv_upload([dict(MEXICO, name=FORMULA, key="formula-mx")])).ok

    upload = exported("xlsx")
    sheet = load_workbook(io.BytesIO(upload.read())).worksheets[0]

    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["name"].value == "'" + FORMULA and cells["name"].data_type == "s"
    assert cells["longitude"].value == -99.13321 and cells["longitude"].data_type == "n"
    report = import_members(upload)
    assert [outcome.action for outcome in report.rows] == ["unchanged"]


def make_members(count):
    for number in range(count):
        row = member(
            f"Member {number}",
            key=f"member-{number}-es",
            wave="wave-1",
            themes="housing;water",
            rights="right-to-the-city",
            pillars="institutional-structures",
        )
        form = MemberRowForm(row)
        assert form.is_valid(), form.errors
        apply_member(form.cleaned_data)


def export_queries():
    output = io.BytesIO()
    with CaptureQueriesContext(connection) as queries:
        write_members(output, "csv")
    rows = list(csv.DictReader(io.StringIO(output.getvalue().decode("utf-8-sig"))))
    assert {(row["wave"], row["themes"], row["pillars"]) for row in rows} == {
        ("wave-1", "housing;water", "institutional-structures")
    }
    return len(rows), len(queries)


def test_export_queries_do_not_grow_with_the_number_of_members(campaign):
    make_members(3)
    members, queries = export_queries()
    assert members == 3

    make_members(12)  # members 0-2 are unchanged, 3-11 are new

    assert export_queries() == (12, queries)


# --- Management commands -----------------------------------------------------------------


def test_import_command_shows_progress_and_a_summary(campaign, tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(csv_upload([BARCELONA, GRIGNY]).read())
    out = io.StringIO()

    call_command("import_members", str(path), "--dry-run", stdout=out)
    assert "[2/2] rows validated" in out.getvalue()
    assert "row 2: Barcelona — create" in out.getvalue()
    assert not CityProfilePage.objects.exists()

    call_command("import_members", str(path), stdout=out)
    assert out.getvalue().rstrip().endswith("2 created, 0 updated, 0 unchanged")
    assert CityProfilePage.objects.count() == 2


def test_import_command_lists_errors_and_fails(campaign, tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(csv_upload([BARCELONA, member("Atlantis City", country="Atlantis")]).read())
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_members", str(path), stdout=io.StringIO(), stderr=err)

    assert "row 3, country: Unknown country “Atlantis”" in err.getvalue()
    assert not CityProfilePage.objects.exists()


def test_export_command_writes_the_format_of_the_extension(campaign, tmp_path):
    import_members(csv_upload([BARCELONA]))

    call_command("export_members", str(tmp_path / "list.xlsx"), stdout=io.StringIO())
    assert load_workbook(tmp_path / "list.xlsx").worksheets[0]["B2"].value == "Barcelona"
    with pytest.raises(CommandError, match=r"\.csv or \.xlsx"):
        call_command("export_members", str(tmp_path / "list.ods"))


# --- The admin page ------------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    """Someone who may use the admin, but not add member profiles."""
    user = django_user_model.objects.create_user("editor", "editor@example.org", "x" * 16)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def upload(client, rows, mode, **extra):
    data = {"spreadsheet": csv_upload(rows), "mode": mode, "publish": "on", **extra}
    return client.post(SPREADSHEET_URL, data)


def test_a_superuser_can_check_then_import_through_the_admin(campaign, admin_client):
    page = admin_client.get(SPREADSHEET_URL)
    assert page.status_code == 200
    assert reverse("cityprofiles_member_export", args=["xlsx"]).encode() in page.content

    checked = upload(admin_client, [BARCELONA, GRIGNY], "dry-run")
    assert checked.status_code == 200
    assert b"Would be created" in checked.content
    assert not CityProfilePage.objects.exists()

    imported = upload(admin_client, [BARCELONA, GRIGNY], "import")
    assert imported.status_code == 200
    assert imported.content.count(b"<td>Created</td>") == 2
    assert CityProfilePage.objects.filter(live=True).count() == 2


def test_the_admin_lists_every_error_and_imports_nothing(campaign, admin_client):
    rows = [member("<b>Bold</b> Town", country="<script>x</script>"), BARCELONA]
    rows.append(member("Typo Town", member_type="goverment"))
    response = upload(admin_client, rows, "import")

    content = response.content.decode()
    assert "Nothing was imported: 2 errors were found" in content
    assert "Unknown country “&lt;script&gt;x&lt;/script&gt;”" in content
    assert "<script>x" not in content
    assert "Unknown member type “goverment”" in content
    assert not CityProfilePage.objects.exists()


def test_the_admin_refuses_an_oversized_or_foreign_file(campaign, admin_client):
    big = SimpleUploadedFile("members.csv", b"x" * (10 * 1024 * 1024 + 1))
    response = admin_client.post(SPREADSHEET_URL, {"spreadsheet": big, "mode": "import"})
    assert "larger than 10 MB" in response.content.decode()

    odt = SimpleUploadedFile("members.ods", b"name,member_type\n")
    response = admin_client.post(SPREADSHEET_URL, {"spreadsheet": odt, "mode": "import"})
    assert "is not a .csv or .xlsx file" in response.content.decode()
    assert not CityProfilePage.objects.exists()


def test_the_admin_export_downloads_the_spreadsheet(campaign, admin_client):
    import_members(csv_upload([BARCELONA]))

    response = admin_client.get(reverse("cityprofiles_member_export", args=["csv"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert b"barcelona-es" in response.content


def test_an_editor_without_permission_is_refused_and_nothing_changes(campaign, client, editor):
    client.force_login(editor)
    before = snapshot()

    assert client.get(SPREADSHEET_URL).status_code == 403
    assert upload(client, [BARCELONA], "import").status_code == 403
    assert client.get(reverse("cityprofiles_member_export", args=["csv"])).status_code == 403
    assert snapshot() == before
    assert b"Member spreadsheet" not in client.get("/admin/").content


def grant_spreadsheet(user):
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="cityprofiles", codename="add_cityprofilepage"
        )
    )


def test_an_editor_given_the_permissions_can_import(campaign, client, editor):
    grant_spreadsheet(editor)
    secretariat = Group.objects.create(name="Secretariat")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=secretariat,
            page=CityIndexPage.objects.get(locale__language_code="en"),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    editor.groups.add(secretariat)
    client.force_login(editor)

    assert b"Member spreadsheet" in client.get("/admin/").content
    assert upload(client, [BARCELONA], "import").status_code == 200
    assert CityProfilePage.objects.get(member_key="barcelona-es").live


def test_publishing_still_needs_permission_to_publish_in_the_directory(campaign, client, editor):
    grant_spreadsheet(editor)
    client.force_login(editor)

    response = upload(client, [BARCELONA, GRIGNY], "import")

    assert response.content.decode().count("You may not publish this profile") == 2
    assert not CityProfilePage.objects.exists()


def test_visitors_are_sent_to_the_login_page(campaign, client):
    response = upload(client, [BARCELONA], "import")

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not CityProfilePage.objects.exists()


# --- A large file, imported by the worker ----------------------------------------------------

DATABASE_QUEUE = {
    "default": {
        "BACKEND": "background.backend.DatabaseBackend",
        "OPTIONS": {"MAX_ATTEMPTS": 2, "RETRY_DELAY": 60},
    }
}
IMPORT_TASK = "cityprofiles.tasks.import_spreadsheet"


def many_members(count):
    return [member(f"Queued Town {n}", key=f"queued-town-{n}-es") for n in range(count)]


@override_settings(TASKS=DATABASE_QUEUE, MEMBER_IMPORT_QUEUE_ABOVE=3)
def test_a_file_above_the_threshold_is_checked_now_and_imported_by_the_worker(
    campaign, admin_client, client
):
    response = upload(admin_client, many_members(4), "import")
    content = response.content.decode()
    assert response.status_code == 200
    assert "4 members are being imported; they appear when the task finishes." in content
    assert reverse("background_tasks:index") in content
    assert not CityProfilePage.objects.exists()
    task = TaskRecord.objects.get(task_path=IMPORT_TASK)
    assert task.status == TaskResultStatus.READY
    # Listed for the secretariat while it waits.
    assert IMPORT_TASK in admin_client.get(reverse("background_tasks:index")).content.decode()

    worker.drain()  # the import, then the indexing tasks its publications queued

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    assert task.return_value["created"] == 4
    assert CityProfilePage.objects.filter(live=True).count() == 4
    directory = client.get("/en/cities/").content.decode()
    assert "Queued Town 3" in directory
    assert "Queued Town 3" in client.get("/en/search/?q=queued").content.decode()


@override_settings(TASKS=DATABASE_QUEUE, MEMBER_IMPORT_QUEUE_ABOVE=3)
def test_a_large_file_with_errors_is_refused_at_once_and_nothing_is_queued(campaign, admin_client):
    rows = [*many_members(3), member("Typo Town", member_type="goverment")]
    content = upload(admin_client, rows, "import").content.decode()
    assert "Nothing was imported: 1 error was found" in content
    assert "Unknown member type “goverment”" in content
    assert "being imported" not in content
    assert not TaskRecord.objects.filter(task_path=IMPORT_TASK).exists()
    assert not CityProfilePage.objects.exists()


@override_settings(TASKS=DATABASE_QUEUE, MEMBER_IMPORT_QUEUE_ABOVE=3)
def test_a_large_file_needs_the_permission_to_publish_before_it_is_queued(campaign, client, editor):
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="cityprofiles", codename="add_cityprofilepage"
        )
    )
    client.force_login(editor)
    content = upload(client, many_members(4), "import").content.decode()
    assert "You may not publish this profile" in content
    assert not TaskRecord.objects.filter(task_path=IMPORT_TASK).exists()


@override_settings(TASKS=DATABASE_QUEUE, MEMBER_IMPORT_QUEUE_ABOVE=3)
def test_what_only_the_import_finds_fails_the_task_and_saves_nothing(campaign, admin_client):
    upload(admin_client, many_members(4), "import")
    # Meanwhile someone else created a member of that country under one of the names.
    import_members(csv_upload([member("Queued Town 2", key="another-town-es")]))
    assert worker.drain() >= 1
    task = TaskRecord.objects.get(task_path=IMPORT_TASK)
    assert (task.status, task.attempts, task.error_class) == (
        TaskResultStatus.FAILED,  # at once: the same file would be refused again
        1,
        "cityprofiles.tasks.SpreadsheetRefused",
    )
    assert "Nothing was imported from members.csv: row 4" in task.traceback
    assert not CityProfilePage.objects.filter(member_key__startswith="queued-town").exists()


@override_settings(TASKS=DATABASE_QUEUE, MEMBER_IMPORT_QUEUE_ABOVE=3)
def test_an_uploader_deleted_before_the_worker_ran_fails_the_import_visibly(
    campaign, admin_client, admin_user
):
    upload(admin_client, many_members(4), "import")
    admin_user.delete()
    assert worker.drain() >= 1
    task = TaskRecord.objects.get(task_path=IMPORT_TASK)
    assert (task.status, task.attempts) == (TaskResultStatus.FAILED, 1)
    assert task.error_class == "cityprofiles.tasks.SpreadsheetRefused"
    assert "the account that uploaded it was deleted" in task.traceback
    assert not CityProfilePage.objects.filter(member_key__startswith="queued-town").exists()
