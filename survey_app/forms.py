"""The base of the staff forms: WTForms' own messages in the reader's language.

WTForms ships translations of "This field is required." and its other messages, but none
for Indonesian, so Flask-WTF's i18n (``WTF_I18N_ENABLED``) finds nothing for ``id`` and
shows English. :class:`StaffForm` asks Flask-Babel instead, like every other string of
the app: the messages our fields and validators can produce are marked below, so the
extractor puts them in our catalogue. ``WTF_I18N_ENABLED = False`` still turns
translation off.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context
from flask_babel import gettext
from flask_wtf import FlaskForm


def N_(message: str) -> str:
    """Marks a WTForms message for the extractor; WTForms itself asks for it at run time."""
    return message


#: WTForms' messages for the fields and validators the staff forms use (WTForms 3.x).
#: Both forms of a plural message are listed: Indonesian has one form for every count.
MESSAGES = (
    N_("This field is required."),
    N_("Invalid input."),
    N_("Not a valid choice."),
    N_("Not a valid integer value."),
    N_("Not a valid datetime value."),
    N_("Invalid Choice: could not coerce."),
    N_("Invalid choice(s): one or more data inputs could not be coerced."),
    N_("'%(value)s' is not a valid choice for this field."),
    N_("'%(value)s' are not valid choices for this field."),
    N_("Field must be equal to %(other_name)s."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_("Field must be at least %(min)d character long."),
    N_("Field must be at least %(min)d characters long."),
    N_("Field cannot be longer than %(max)d character."),
    N_("Field cannot be longer than %(max)d characters."),
)


class CatalogueTranslations:
    """WTForms' translations interface, answered from the app's catalogue."""

    def gettext(self, string: str) -> str:
        return str(gettext(string)) if _enabled() else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def _enabled() -> bool:
    return has_request_context() and bool(current_app.config.get("WTF_I18N_ENABLED", True))


TRANSLATIONS = CatalogueTranslations()


class StaffForm(FlaskForm):  # type: ignore[misc]
    """A Flask-WTF form (CSRF token included) whose built-in messages are translated."""

    class Meta:
        def get_translations(self, form: Any) -> CatalogueTranslations:
            return TRANSLATIONS
