"""Admin views for questionnaires: the loaded versions, uploading a file, previewing a survey."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..i18n import current_language
from ..questionnaire import QuestionnaireInvalid
from ..versions import operations
from ..versions.catalogue import Plan
from ..versions.overview import overview, survey_version
from ..versions.service import LoadResult
from .forms import UploadForm

View = HttpResponse | str | tuple[str, int]

#: The value of the "Check only" button: a dry run that stores nothing.
CHECK_ONLY = "check"


@role_required(Role.ADMIN)
def questionnaires() -> View:
    """The loaded versions, and the upload form (load, or only check against them)."""
    form = UploadForm()
    dry_run = request.form.get("action") == CHECK_ONLY
    checked: str | None = None
    if form.validate_on_submit():
        done = _submit(form, dry_run)
        if isinstance(done, LoadResult):
            flash(_loaded_message(done))
            return redirect(url_for("admin.questionnaires"))
        checked = None if done is None else _checked_message(done)
    page = render_template(
        "admin/questionnaires.html",
        form=form,
        questionnaires=overview(),
        checked=checked,
        dry_run=dry_run,
        check_only=CHECK_ONLY,
    )
    return page, 422 if form.errors else 200


def _submit(form: UploadForm, dry_run: bool) -> LoadResult | Plan | None:
    """Load (or, in a dry run, plan) the posted file; None when it has problems (on the form)."""
    name = _source_name(form.file.data)
    data = form.file.data.read()
    limit = current_app.config["SURVEY_APP_MAX_QUESTIONNAIRE_BYTES"]
    try:
        if dry_run:
            return operations.check_upload(data, name, limit)
        return operations.upload(data, name, limit)
    except UnicodeDecodeError:
        form.file.errors.append(_not_utf8(name))
    except QuestionnaireInvalid as exc:  # IncompatibleChange too, each problem at its line
        form.file.errors.extend(exc.format(name))
    return None


def _source_name(upload: FileStorage) -> str:
    """The file's own name, without any folders a browser sent, as the CLI stores it."""
    raw = upload.filename or "upload.yaml"
    return PureWindowsPath(PurePosixPath(raw).name).name[:255] or "upload.yaml"


def _not_utf8(name: str) -> str:
    message = _(
        "%(name)s:1:1: the file is not UTF-8 text. Save it as UTF-8 in your editor "
        "and upload it again.",
        name=name,
    )
    return str(message)


def _checked_message(plan: Plan) -> str:
    values = {"form_id": plan.form.form_id, "number": plan.number, "label": plan.label}
    if plan.created:
        return str(
            _(
                "No problems found: %(form_id)s would be stored as version %(number)s (%(label)s).",
                **values,
            )
        )
    return str(
        _(
            "No problems found, and nothing new: %(form_id)s version %(number)s (%(label)s) "
            "has this content.",
            **values,
        )
    )


def _loaded_message(result: LoadResult) -> str:
    version = result.version
    values = {
        "form_id": version.questionnaire.form_id,
        "number": version.number,
        "label": version.label,
    }
    if result.created:
        return str(_("Loaded %(form_id)s as version %(number)s (%(label)s).", **values))
    return str(
        _("Nothing new: %(form_id)s version %(number)s (%(label)s) has this content.", **values)
    )


@role_required(Role.ADMIN)
def preview(version_id: int) -> View:
    found = survey_version(version_id)
    if found is None:
        abort(404)
    version, form = found
    page = request.args.get("page", 0, type=int)
    if not 0 <= page < len(form.sections):
        abort(404)
    return render_template(
        "admin/preview.html",
        version=version,
        form=form,
        section=form.sections[page],
        page=page,
        lang=current_language(),
        values={},
        errors={},
    )
