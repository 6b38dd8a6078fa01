"""Admin views for questionnaires: the loaded versions, uploading a file, previewing a survey."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..i18n import current_language
from ..questionnaire import QuestionnaireInvalid
from ..versions import operations
from ..versions.overview import overview, survey_version
from ..versions.service import IncompatibleChange, LoadResult
from .forms import UploadForm

View = HttpResponse | str | tuple[str, int]


@role_required(Role.ADMIN)
def questionnaires() -> View:
    form = UploadForm()
    if form.validate_on_submit():
        name = _source_name(form.file.data)
        try:
            result = operations.upload(form.file.data.read(), name)
        except UnicodeDecodeError:
            form.file.errors.append(_not_utf8(name))
        except QuestionnaireInvalid as exc:
            form.file.errors.extend(exc.format(name))
        except IncompatibleChange as exc:
            form.file.errors.extend(f"{name}: cannot load: {reason}" for reason in exc.reasons)
        else:
            flash(_loaded_message(result))
            return redirect(url_for("admin.questionnaires"))
    page = render_template("admin/questionnaires.html", form=form, questionnaires=overview())
    return page, 422 if form.errors else 200


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
