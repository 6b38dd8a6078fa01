"""Language: Bahasa Indonesia by default; ``?lang=en`` switches and is remembered."""

from __future__ import annotations

from flask import Flask, current_app, request, session, url_for

from .extensions import babel


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=current_language)
    app.before_request(_remember_language_choice)
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_url"] = language_url


def _remember_language_choice() -> None:
    chosen = request.args.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        session["lang"] = chosen


def current_language() -> str:
    chosen = str(request.args.get("lang") or session.get("lang") or "")
    languages = current_app.config["LANGUAGES"]
    return chosen if chosen in languages else str(current_app.config["BABEL_DEFAULT_LOCALE"])


def language_url(language: str) -> str:
    """This page in another language; POST-only pages fall back to a page that has GET."""
    rule, args = request.url_rule, dict(request.view_args or {})
    if rule is not None and request.endpoint and "GET" in (rule.methods or ()):
        return url_for(request.endpoint, **args, lang=language)
    if "slug" in args:
        return url_for("respond.intro", slug=args["slug"], lang=language)
    return url_for("main.index", lang=language)


def default_language() -> str:
    """The deployment's language (Bahasa Indonesia): what the commands write in."""
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])
