"""Who may log in to the admin: lockout after repeated failed logins (django-axes), the
administrator's "Tài khoản bị khóa" screen that unlocks them, and the answer a locked-out
person gets, in Vietnamese.

Failures are counted per account and per client address (``AXES_LOCKOUT_PARAMETERS``) in the
database, which every app server shares: one count holds across all of them. Axes' cache handler
would keep them in Redis, but it has no list of who is locked out for an administrator to see and
unlock, so the database handler is used with and without ``REDIS_URL``.
"""
