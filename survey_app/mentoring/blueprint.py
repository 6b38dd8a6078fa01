"""URL map of the mentoring programme: the coordinator's pages and the personal links."""

from flask import Blueprint

from . import models as models  # the tables belong to the app's metadata

bp = Blueprint("mentoring", __name__, url_prefix="/staff/mentoring")
