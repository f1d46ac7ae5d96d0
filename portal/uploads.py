"""Where uploaded files go: generated names only, never the name the uploader chose."""

import uuid

SAFE_EXTENSIONS = {"jpg", "png", "pdf"}


def generated_upload_name(instance, filename):
    """`uploads/<model>/<random hex>.<ext>`: the extension is the one the content check gave
    (portal.security.uploads names the checked file), never one the uploader chose."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    suffix = f".{extension}" if extension in SAFE_EXTENSIONS else ""
    return f"uploads/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"
