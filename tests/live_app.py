"""The app a live-server test serves: ``gunicorn 'tests.live_app:create()'``.

``TestConfig`` plus the overrides the test passes as JSON in :data:`SETTINGS` (the
database URL among them), exactly what the ``app`` fixture builds in the test process.
"""

from __future__ import annotations

import json
import os

from flask import Flask

from survey_app import create_app

#: Environment variable holding the JSON object of config overrides.
SETTINGS = "SURVEY_APP_LIVE_SETTINGS"


def create() -> Flask:
    return create_app(json.loads(os.environ[SETTINGS]))
