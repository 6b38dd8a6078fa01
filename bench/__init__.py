"""Benchmarks for survey_app: ``make bench`` (``python -m bench``); see docs/benchmarks.md.

Every figure is a median of several repeats and comes with a baseline measured in the
same run. Nothing here is collected by pytest: benchmarks live only in ``bench/``.
"""
