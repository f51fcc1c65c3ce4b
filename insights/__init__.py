"""The operators' side: quality dashboard, conversation exports, operator action log and admin tooling.

Reads what `chat` (and the apps below it) record; nothing below imports from here.
"""
