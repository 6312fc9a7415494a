"""The escalation domain: incidents, their frozen policy, timeline and owed notifications.

Imports nothing from Slack: the Slack edge (handlers/) renders and delivers what this owes.
"""
