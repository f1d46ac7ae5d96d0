"""Uploads checked by content, not by name: photos re-encoded by Pillow (EXIF and any
trailing payload gone), attachments must be PDF; both stored under a generated name whose
extension follows the content (generated_upload_name, below)."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png"}
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded


def _size_check(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("文件过大：最大 %(mb)s MB。"), code="too_large", params={"mb": limit // (1024 * 1024)}
        )


def clean_image(upload):
    """A JPEG or PNG, verified and re-encoded without metadata; anything else is refused."""
    _size_check(upload, settings.UPLOAD_IMAGE_MAX_BYTES)
    data = upload.read()
    try:
        probe = Image.open(io.BytesIO(data))
        probe.verify()
        image = Image.open(io.BytesIO(data))
        kind = image.format
        if kind not in IMAGE_FORMATS:
            raise ValidationError(_("照片须为 JPEG 或 PNG 图片。"), code="image_type")
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("图片尺寸过大。"), code="image_pixels")
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("文件内容不是有效的 JPEG 或 PNG 图片。"), code="image_invalid"
        ) from None
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88)
    else:
        stripped = image.copy()
        stripped.info = {}
        stripped.save(out, "PNG")
    return ContentFile(out.getvalue(), name=f"photo.{IMAGE_FORMATS[kind]}")


def clean_attachment(upload):
    """A PDF by its first bytes (whatever the name says), no larger than the limit."""
    _size_check(upload, settings.UPLOAD_ATTACHMENT_MAX_BYTES)
    data = upload.read()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("附件须为 PDF 文件。"), code="attachment_type")
    return ContentFile(data, name="attachment.pdf")


def clean_uploads(form):
    """For a ModelForm: check and replace each newly uploaded file, errors on the field."""
    for name, field in _file_fields(form._meta.model):
        upload = form.cleaned_data.get(name)
        if not upload or not hasattr(upload, "content_type"):
            continue  # unchanged, cleared or not uploaded in this request
        checker = clean_image if isinstance(field, models.ImageField) else clean_attachment
        try:
            form.cleaned_data[name] = checker(upload)
        except ValidationError as error:
            form.add_error(name, error)


def _file_fields(model):
    return [(f.name, f) for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


SAFE_EXTENSIONS = {"jpg", "png", "pdf"}


def generated_upload_name(instance, filename):
    """`uploads/<model>/<random hex>.<ext>`: the extension is the one the content check gave
    (portal.security.uploads names the checked file), never one the uploader chose."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    suffix = f".{extension}" if extension in SAFE_EXTENSIONS else ""
    return f"uploads/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"
