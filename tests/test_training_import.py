"""`flask training add|list|import|coverage` and the coverage page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.training.models import TrainingActivity

HEADER = "title;provider;form;competencies;start;end;jp;participants;campaign"
GOOD_ROWS = [
    "Pelatihan integritas;BPSDM Sumut;teknis;M.1;2027-03-01;2027-03-03;24;30;c1",
    "Coaching SPBE;Diskominfo;coaching;T.1 M.1;05/04/2027;05/05/2027;8;12;",
]


def csv_file(tmp_path, lines, *, delimiter=";", bom=False):
    text = "\n".join(line.replace(";", delimiter) for line in lines) + "\n"
    path = tmp_path / "activities.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def activities() -> list[TrainingActivity]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(TrainingActivity).order_by(TrainingActivity.id)))


@pytest.fixture
def campaign(make_campaign):
    return make_campaign()  # mini.yaml: codes M.1 and T.1; slug c1


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(";", False), (";", True), (",", False), (",", True)]
)
def test_a_good_file_is_imported_whole(runner, campaign, tmp_path, delimiter, bom):
    path = csv_file(tmp_path, [HEADER, *GOOD_ROWS], delimiter=delimiter, bom=bom)
    result = runner.invoke(args=["training", "import", str(path)])
    assert result.exit_code == 0, result.output
    first, second = activities()
    assert (first.title, first.jp, first.participants, first.campaign_id) == (
        "Pelatihan integritas",
        24,
        30,
        campaign.id,
    )
    assert second.competency_codes == ["T.1", "M.1"] and second.campaign_id is None
    assert str(second.starts_on) == "2027-04-05"


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        ("X;BPSDM;teknis;M.1;2027-03-01;2027-03-03;24;30;", "competencies", None),
        ("X;BPSDM;teknis;Z.9;2027-03-01;2027-03-03;24;30;", "competencies", "Z.9"),
        (";BPSDM;teknis;M.1;2027-03-01;2027-03-03;24;30;", "title", None),
        ("X;BPSDM;webinar;M.1;2027-03-01;2027-03-03;24;30;", "form", "webinar"),
        ("X;BPSDM;teknis;M.1;2027-03-05;2027-03-03;24;30;", "end", None),
        ("X;BPSDM;teknis;M.1;1 Maret;2027-03-03;24;30;", "start", None),
        ("X;BPSDM;teknis;M.1;2027-03-01;2027-03-03;0;30;", "jp", None),
        ("X;BPSDM;teknis;M.1;2027-03-01;2027-03-03;2,5;30;", "jp", None),
        ("X;BPSDM;teknis;M.1;2027-03-01;2027-03-03;24;-1;", "participants", None),
        ("X;BPSDM;teknis;M.1;2027-03-01;2027-03-03;24;30;nope", "campaign", "nope"),
        ("X;BPSDM;teknis;M.1;2027-03-01;2027-03-03;24;30;;extra", "title", None),
    ],
)
def test_one_bad_row_names_its_row_and_column_and_nothing_is_imported(
    runner, campaign, tmp_path, bad_row, column, words
):
    if column == "competencies" and words is None:
        bad_row = bad_row.replace(";M.1;", ";;")
    path = csv_file(tmp_path, [HEADER, *GOOD_ROWS, bad_row])
    result = runner.invoke(args=["training", "import", str(path)])
    assert result.exit_code != 0
    assert f"row 4, column {column}" in result.output or f"baris 4, kolom {column}" in result.output
    if words:
        assert words in result.output
    assert activities() == []


def test_every_bad_row_is_reported_at_once(runner, campaign, tmp_path):
    rows = [HEADER, GOOD_ROWS[0].replace(";24;", ";x;"), GOOD_ROWS[1].replace("T.1", "Q.1")]
    result = runner.invoke(args=["training", "import", str(csv_file(tmp_path, rows))])
    assert result.exit_code != 0
    assert "2, " in result.output and "3, " in result.output and "Q.1" in result.output
    assert activities() == []


@pytest.mark.parametrize(
    ("header", "column"),
    [(HEADER.replace(";jp", ""), "jp"), (HEADER + ";notes", "notes")],
)
def test_a_wrong_header_names_the_column(runner, campaign, tmp_path, header, column):
    result = runner.invoke(args=["training", "import", str(csv_file(tmp_path, [header]))])
    assert result.exit_code != 0 and column in result.output
    assert activities() == []


def test_a_file_that_is_not_utf8_is_refused(runner, campaign, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (HEADER + "\nPelatihan é;B;teknis;M.1;2027-03-01;2027-03-03;1;1;\n").encode("latin-1")
    )
    result = runner.invoke(args=["training", "import", str(path)])
    assert result.exit_code != 0 and "UTF-8" in result.output
    assert activities() == []


def test_add_and_list(runner, campaign):
    args = [
        "training",
        "add",
        "--title",
        "Mentoring",
        "--provider",
        "BKPSDM",
        "--form",
        "mentoring",
    ]
    args += ["--competency", "M.1", "--competency", "T.1", "--start", "2027-01-10"]
    args += ["--end", "2027-02-10", "--jp", "4", "--participants", "6", "--campaign", "c1"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    listed = runner.invoke(args=["training", "list"])
    assert "Mentoring" in listed.output and "M.1 T.1" in listed.output and "4 JP" in listed.output


def test_add_refuses_an_unknown_code_with_a_message(runner, campaign):
    args = ["training", "add", "--title", "X", "--provider", "Y", "--form", "kursus"]
    args += ["--competency", "Z.9", "--start", "2027-01-10", "--end", "2027-01-09"]
    args += ["--jp", "4", "--participants", "6"]
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and "Z.9" in result.output and "Traceback" not in result.output
    assert activities() == []


TNA_ROWS = [
    "Pelatihan integritas;BPSDM;teknis;M.1 M.2;2027-03-01;2027-03-03;24;30;akpk",
    "Lokakarya lain;BPSDM;lokakarya;M.1;2027-03-01;2027-03-01;5;10;other",
]


@pytest.mark.slow
def test_coverage_on_a_seeded_survey_web_and_cli(
    seed_survey, make_campaign, runner, tmp_path, make_user, login, app
):
    seed_survey(60)
    make_campaign(form="tna-asn.yaml", slug="other")
    assert (
        runner.invoke(
            args=["training", "import", str(csv_file(tmp_path, [HEADER, *TNA_ROWS]))]
        ).exit_code
        == 0
    )
    result = runner.invoke(args=["training", "coverage", "--campaign", "akpk", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = {
        line.split("\t")[1]: line.split("\t") for line in result.output.splitlines() if "\t" in line
    }
    assert lines["M.1"][2:4] == ["24", "30"]  # the activity of another campaign does not count
    assert "Pelatihan integritas" in lines["M.2"][5] and "Lokakarya lain" not in lines["M.1"][5]
    untargeted = [line for line in result.output.splitlines() if line.startswith("NOT TARGETED")]
    assert len(untargeted) >= 8 and not any(" M.1 " in line for line in untargeted)
    make_user("e@medan.go.id", "evaluator")
    page = login(app.test_client(), "e@medan.go.id").get("/staff/training/coverage/akpk?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Top needs no activity targets" in text
    assert "Pelatihan integritas" in text


def test_coverage_of_a_campaign_without_enough_responses_shows_nothing(
    make_campaign, runner, make_user, login, app
):
    make_campaign(form="tna-asn.yaml", slug="akpk")
    result = runner.invoke(args=["training", "coverage", "--campaign", "akpk"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert runner.invoke(args=["training", "coverage", "--campaign", "nope"]).exit_code != 0
    make_user("e@medan.go.id", "evaluator")
    staff = login(app.test_client(), "e@medan.go.id")
    assert "Too few responses" in staff.get("/staff/training/coverage/akpk?lang=en").get_data(
        as_text=True
    )
    assert staff.get("/staff/training/coverage/nope").status_code == 404
