"""Demo data: the bundled questionnaires, an open demo campaign, synthetic responses."""
