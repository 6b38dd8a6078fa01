"""Results computed from a campaign's answers, kept in the database for every process.

An entry is found by a SHA-256 of everything the result depends on (the answers
themselves, the form, the options, the code that computes it), so it can never be
stale: new answers make a new key. See :mod:`.store`.
"""
