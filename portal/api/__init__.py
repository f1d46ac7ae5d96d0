"""The REST API for integrators (`/api/v1/`): shared machinery for every app's resources.

Apps register their viewsets in `<app>/api/routes.py` (discovered at start-up), so `portal`
never imports `talent` or `programs`.
"""
