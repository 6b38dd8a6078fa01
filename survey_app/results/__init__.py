"""Results: a campaign's answers read once as arrays and computed into typed tables.

The one home of what the pages (``dashboard/``), the exports (``reports/``) and the
policy draft (``policy/``) show: the dataset reader, the priority table and its
suppression, subgroup tables, wave comparison, charts, focus-group agreement and the
counts of preferred development forms. Nothing here renders a page or writes a file.
"""
