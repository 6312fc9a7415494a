"""Adaptive Cards (schema 1.5, what Teams renders) built by pure functions, like the Block Kit
builders in handlers/<flow>/blocks.py. Texts come from texts/, guideline quotes verbatim."""
