"""Issue #7: staff sign-in (lockout, 2FA, sessions), audit log, headers, safe inputs, faults."""
