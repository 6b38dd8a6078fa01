"""Training activities: the measures the policy produced, and how far they cover the
ranked needs of a needs survey (issue 13, section 1)."""
