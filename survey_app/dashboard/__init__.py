"""The drafter's analysis dashboard: priority tables, charts and wave comparisons.

``blueprint.bp`` is registered by :func:`survey_app.create_app`.
"""
