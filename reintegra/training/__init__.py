"""Staff training: programmes of modules, sessions, attendance, completion and certificates,
supervision, and the training a programme requires before a staff member may take a role in it.
"""
