"""Settings, read from the environment.

``Config`` is for development (``make run``), ``TestConfig`` for the test suite and
``ProductionConfig`` for deployments. ``DATABASE_URL``, ``SECRET_KEY`` and the
``SURVEY_APP_*`` settings below are read from environment variables of the same name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

#: Placeholder that marks a secret key as "not really set".
DEV_SECRET_KEY = "dev-only-not-secret"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'survey_app.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False
    MAX_CONTENT_LENGTH = 256 * 1024
    WTF_CSRF_TIME_LIMIT = None  # the session lifetime bounds the token; a slow respondent keeps it
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    #: Days a saved, unfinished survey can be resumed with its code.
    SURVEY_APP_RESUME_DAYS = _env_int("SURVEY_APP_RESUME_DAYS", 14)
    #: New drafts (started surveys) per client address in one window; then 429.
    SURVEY_APP_DRAFT_LIMIT = _env_int("SURVEY_APP_DRAFT_LIMIT", 300)
    SURVEY_APP_DRAFT_WINDOW_SECONDS = _env_int("SURVEY_APP_DRAFT_WINDOW_SECONDS", 600)
    #: Wrong invitation or resume codes per client address and campaign in one window;
    #: beyond it wrong codes get "too many" (429), a valid code is still accepted.
    SURVEY_APP_CODE_ATTEMPTS = _env_int("SURVEY_APP_CODE_ATTEMPTS", 10)
    SURVEY_APP_CODE_WINDOW_SECONDS = _env_int("SURVEY_APP_CODE_WINDOW_SECONDS", 600)
    #: Failed staff logins per account and client address before that pair is locked out,
    #: and per account from all addresses together (auth/login_limits.py).
    SURVEY_APP_LOGIN_ATTEMPTS = _env_int("SURVEY_APP_LOGIN_ATTEMPTS", 5)
    SURVEY_APP_LOGIN_ACCOUNT_ATTEMPTS = _env_int("SURVEY_APP_LOGIN_ACCOUNT_ATTEMPTS", 50)
    SURVEY_APP_LOGIN_WINDOW_SECONDS = _env_int("SURVEY_APP_LOGIN_WINDOW_SECONDS", 900)
    #: Werkzeug password-hash method for staff passwords.
    SURVEY_APP_PASSWORD_HASH = os.environ.get("SURVEY_APP_PASSWORD_HASH", "scrypt")
    #: Shortest staff password accepted.
    SURVEY_APP_MIN_PASSWORD_LENGTH = _env_int("SURVEY_APP_MIN_PASSWORD_LENGTH", 12)
    #: Lowest zxcvbn strength score (0-4) accepted for a staff password.
    SURVEY_APP_MIN_PASSWORD_SCORE = _env_int("SURVEY_APP_MIN_PASSWORD_SCORE", 3)
    #: Retention period stated on the privacy page (months).
    SURVEY_APP_RETENTION_MONTHS = _env_int("SURVEY_APP_RETENTION_MONTHS", 24)
    #: Reverse proxies in front of the app (sets X-Forwarded-For trust); 0 = none.
    SURVEY_APP_PROXIES = _env_int("SURVEY_APP_PROXIES", 0)
    SURVEY_APP_ORGANISATION = os.environ.get("SURVEY_APP_ORGANISATION", "BKPSDM Kota Medan")
    #: Public address of the survey, used in links printed by `flask campaign create`.
    SURVEY_APP_BASE_URL = os.environ.get("SURVEY_APP_BASE_URL", "http://127.0.0.1:5000")
    #: Above this many responses, XLSX, SAV and the policy draft are built in the background.
    SURVEY_APP_EXPORT_BACKGROUND_ABOVE = _env_int("SURVEY_APP_EXPORT_BACKGROUND_ABOVE", 20_000)
    #: 1: background exports are built by a thread of the web process that took the
    #: request; 0: the web only enqueues them and `flask jobs work` builds them.
    SURVEY_APP_JOBS_IN_PROCESS = _env_int("SURVEY_APP_JOBS_IN_PROCESS", 1)
    #: Background exports built at once per web process; the rest wait queued.
    SURVEY_APP_JOBS_PER_PROCESS = _env_int("SURVEY_APP_JOBS_PER_PROCESS", 2)
    #: Seconds `flask jobs work` waits between looks at an empty queue.
    SURVEY_APP_JOBS_POLL_SECONDS = _env_int("SURVEY_APP_JOBS_POLL_SECONDS", 2)
    #: Hours a finished background export stays downloadable (then housekeeping deletes it).
    SURVEY_APP_EXPORT_KEEP_HOURS = _env_int("SURVEY_APP_EXPORT_KEEP_HOURS", 24)
    #: A background export silent for longer than this is shown as failed.
    SURVEY_APP_EXPORT_STALE_SECONDS = _env_int("SURVEY_APP_EXPORT_STALE_SECONDS", 900)
    #: Largest questionnaire file `questionnaire validate|load` and the upload page accept
    #: (bytes); uploads are also bounded by MAX_CONTENT_LENGTH above.
    SURVEY_APP_MAX_QUESTIONNAIRE_BYTES = _env_int("SURVEY_APP_MAX_QUESTIONNAIRE_BYTES", 1024 * 1024)
    #: Strict-Transport-Security max-age on https responses; 0 = no HSTS (development).
    SURVEY_APP_HSTS_SECONDS = 0
    #: Adjust-material flag thresholds (docs/operations.md); unset: the defaults of
    #: analysis.flags.FlagThresholds. Read only by monitoring.flags.configured_thresholds.
    SURVEY_APP_FLAG_RELEVANCE = os.environ.get("SURVEY_APP_FLAG_RELEVANCE")
    SURVEY_APP_FLAG_MIN_RESPONSES = os.environ.get("SURVEY_APP_FLAG_MIN_RESPONSES")
    SURVEY_APP_FLAG_GAIN_ALPHA = os.environ.get("SURVEY_APP_FLAG_GAIN_ALPHA")
    SURVEY_APP_FLAG_TRAINED_SHARE = os.environ.get("SURVEY_APP_FLAG_TRAINED_SHARE")


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    #: Cheap hashing keeps the suite fast; production keeps scrypt.
    SURVEY_APP_PASSWORD_HASH = "pbkdf2:sha256:1000"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    REQUIRE_REAL_SECRET_KEY = True
    #: One year; sent only on requests that came over https (nginx terminates TLS).
    SURVEY_APP_HSTS_SECONDS = _env_int("SURVEY_APP_HSTS_SECONDS", 31_536_000)
