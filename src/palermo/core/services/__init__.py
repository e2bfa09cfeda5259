"""Every write to users, roles and tokens: permission check, validation, audit, one transaction.

`actor=None` means the system itself (the command line, the demo loader); pages and the API
always pass the signed-in user, whose permissions are checked.

Import the topic modules (users, tokens).
"""
