"""The counsellor's alerts (*À suivre*, drop-out prevention): the running bilans that need attention, each
with its reasons (`rules.py`), read for the dashboard in a fixed number of queries (`selectors.py`), and the
gentle, rate-limited reminder a counsellor sends to the candidate (`services.py`)."""
