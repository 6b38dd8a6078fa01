"""The policy draft: the consultation's results as an editable DOCX, printable HTML or PDF,
with focus-group quotes only as a drafter selected and screened them.

A document layer: its pages (``/staff/policy``) are in :mod:`survey_app.dashboard.policy`,
above the background jobs that build the draft.
"""
