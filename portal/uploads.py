"""Where uploaded files go: generated names only, never the name the uploader chose."""

import uuid


def generated_upload_name(instance, filename):
    """`uploads/<model>/<random hex>`; the extension is set when the content has been checked."""
    return f"uploads/{instance._meta.model_name}/{uuid.uuid4().hex}"
