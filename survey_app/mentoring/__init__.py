"""The mentoring programme (named, with consent; never joinable with the anonymous data)."""
