"""survey_app: the consultation behind Medan's ASN career-development policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask


def create_app(config: str | dict[str, Any] = "config.Config") -> Flask:
    """Build the app: config -> edge -> extensions -> blueprints -> cli -> error handlers.

    No database work, no prompts, no network: migrations run from ``flask db upgrade``.
    """
    app = Flask(__name__, instance_relative_config=True)
    configure(app, config)
    secure_edge(app)
    init_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_error_handlers(app)
    return app


def configure(app: Flask, config: str | dict[str, Any]) -> None:
    """Load a config class by dotted name, or ``TestConfig`` plus overrides."""
    if isinstance(config, dict):
        app.config.from_object("config.TestConfig")
        app.config.update(config)
    else:
        app.config.from_object(config)
    if app.config.get("REQUIRE_REAL_SECRET_KEY"):
        check_secret_key(app.config.get("SECRET_KEY"))
    check_thresholds(app)


def check_secret_key(key: str | None) -> None:
    """Production refuses to start with a missing, short or placeholder key."""
    from config import DEV_SECRET_KEY

    if not key or len(key) < 32 or key == DEV_SECRET_KEY:
        raise RuntimeError(
            "SECRET_KEY must be set to a random value of at least 32 characters in "
            "production, e.g. python -c 'import secrets; print(secrets.token_hex(32))'"
        )


def check_thresholds(app: Flask) -> None:
    """A bad ``SURVEY_APP_FLAG_*`` setting stops the start, not a page later on."""
    from .monitoring.flags import configured_thresholds

    configured_thresholds(app.config)


def secure_edge(app: Flask) -> None:
    """First of all hooks: control characters get a 400 before any view or query runs;
    then security headers on every response (see ``edge`` and ``security_headers``)."""
    from . import edge, security_headers

    edge.init_app(app)
    security_headers.init_app(app)


def init_extensions(app: Flask) -> None:
    from . import database, i18n, privacy_logging, proxies, transactions
    from .auth import menu, user_loading
    from .extensions import csrf, db, migrate

    db.init_app(app)
    database.init_app(app)
    proxies.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    user_loading.init_app(app)
    menu.init_app(app)
    i18n.init_app(app)
    transactions.init_app(app)
    privacy_logging.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .auth import bp as auth_bp
    from .dashboard.blueprint import bp as dashboard_bp
    from .dashboard.blueprint import fgd_results_bp, policy_bp, trends_bp
    from .fgd import bp as fgd_bp
    from .jobs import bp as jobs_bp
    from .main import bp as main_bp
    from .mentoring.blueprint import bp as mentoring_bp
    from .mentoring.enrolment_views import bp as enrol_bp
    from .mentoring.pairs_blueprint import bp as mentoring_pairs_bp
    from .mentoring.personal_blueprint import bp as my_mentoring_bp
    from .monitoring.blueprint import bp as monitoring_bp
    from .respond import bp as respond_bp
    from .training.blueprint import bp as training_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(fgd_bp)
    app.register_blueprint(respond_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(fgd_results_bp)
    app.register_blueprint(policy_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(training_bp)
    app.register_blueprint(mentoring_bp)
    app.register_blueprint(enrol_bp)
    app.register_blueprint(mentoring_pairs_bp)
    app.register_blueprint(my_mentoring_bp)
    app.register_blueprint(monitoring_bp)
    app.register_blueprint(trends_bp)


def register_cli(app: Flask) -> None:
    from .admin.campaign_cli import campaign_cli
    from .auth.cli import user_cli
    from .demo.cli import demo_cli
    from .housekeeping import housekeeping_command
    from .jobs.worker import jobs_cli
    from .mentoring.cli import mentoring_cli
    from .monitoring.cli import series_cli
    from .monitoring.flags_cli import flags_command
    from .policy.cli import evaluation_report_command, policy_draft_command
    from .reports.analyze_cli import analyze_cli
    from .reports.cli import export_cli
    from .retention import retention_cli
    from .training.cli import training_cli
    from .versions.cli import questionnaire_cli

    app.cli.add_command(questionnaire_cli)
    app.cli.add_command(campaign_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(housekeeping_command)
    app.cli.add_command(user_cli)
    export_cli.add_command(policy_draft_command)  # `flask export policy-draft`
    export_cli.add_command(evaluation_report_command)  # `flask export evaluation-report`
    app.cli.add_command(export_cli)
    app.cli.add_command(analyze_cli)
    app.cli.add_command(retention_cli)
    app.cli.add_command(jobs_cli)
    training_cli.add_command(flags_command)  # `flask training flags`
    app.cli.add_command(training_cli)
    app.cli.add_command(mentoring_cli)
    app.cli.add_command(series_cli)


def register_error_handlers(app: Flask) -> None:
    from . import errors

    errors.init_app(app)
