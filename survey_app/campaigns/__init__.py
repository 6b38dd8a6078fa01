"""Survey waves (campaigns): a pinned questionnaire version, dates, access and invitations."""
