"""The Microsoft Teams edge (beside handlers/, the Slack edge): the SDK's activity handler on
Somevahti's own server, Adaptive Cards, and the delivery worker's Teams transport.

`microsoft_teams` (the `teams` extra) is imported only by teams/sdk.py (and, after it, by
listeners.py), only when Teams is configured; the rest is plain Python, httpx and the domain.
"""
