"""Rich text sanitised on save and on render; uploads checked by content, re-encoded, served
as downloads under generated names."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.publishing.choices import PublicationState
from programs.models import Program
from talent.models import Craftsman
from tests.factories import CraftsmanFactory, ProgramFactory, admin_form_data

pytestmark = pytest.mark.django_db


def test_script_in_a_program_summary_is_removed_on_save():
    program = ProgramFactory(summary='<p onclick="x()">焊工<script>alert(1)</script></p>')
    program.refresh_from_db()
    assert program.summary == "<p>焊工</p>"


def test_a_link_keeps_its_address_but_not_javascript():
    program = ProgramFactory(
        how_to_apply='<a href="javascript:alert(1)">甲</a><a href="https://rlsbj.cq.gov.cn">乙</a>'
    )
    program.refresh_from_db()
    assert "javascript" not in program.how_to_apply
    assert 'href="https://rlsbj.cq.gov.cn"' in program.how_to_apply


def test_plain_text_is_stored_as_typed():
    person = CraftsmanFactory(profile="R&D 工程师，擅长数控")
    person.refresh_from_db()
    assert person.profile == "R&D 工程师，擅长数控"


def test_a_program_page_renders_stored_markup_safely(client):
    program = ProgramFactory(eligibility="年满 16 周岁")
    # A row written around save() (an old import, raw SQL) is still cleaned when rendered.
    Program.objects.filter(pk=program.pk).update(eligibility="<img src=x onerror=alert(1)>条件")
    page = client.get(program.get_absolute_url()).content.decode()
    assert "onerror" not in page
    assert "条件" in page


def test_plain_text_reads_as_paragraphs_with_its_own_markup_characters_escaped(client):
    program = ProgramFactory(eligibility="年满 16 周岁\n\nR&D 岗位工作 > 3 年")
    page = client.get(program.get_absolute_url()).content.decode()
    assert "<p>年满 16 周岁</p>" in page
    assert "<p>R&amp;D 岗位工作 &gt; 3 年</p>" in page


# --- uploads -----------------------------------------------------------------------------


def image_bytes(kind="JPEG", exif=True):
    out = io.BytesIO()
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    if exif and kind == "JPEG":
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {2: (29.0, 33.0, 0.0)}  # GPS latitude
        image.save(out, kind, exif=data.tobytes())
    else:
        image.save(out, kind)
    return out.getvalue()


def upload_photo(client, person, content, name="photo.jpg"):
    url = reverse("admin:talent_craftsman_change", args=[person.pk])
    data = admin_form_data(client.get(url))
    data["photo"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(url, data)


def test_a_photo_is_re_encoded_without_its_exif(client, signed_in_bureau):
    person = CraftsmanFactory()
    assert b"SecretCam" in image_bytes()
    assert upload_photo(client, person, image_bytes()).status_code == 302
    person.refresh_from_db()
    stored = person.photo.read()
    assert b"SecretCam" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert person.photo.name.startswith("uploads/craftsman/") and person.photo.name.endswith(".jpg")
    assert "photo" not in person.photo.name.rsplit("/", 1)[-1]


def test_html_named_as_a_jpeg_is_refused(client, signed_in_bureau):
    person = CraftsmanFactory()
    response = upload_photo(client, person, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"]
    person.refresh_from_db()
    assert not person.photo


def test_a_gif_is_refused_though_it_is_an_image(client, signed_in_bureau):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF")
    response = upload_photo(client, CraftsmanFactory(), out.getvalue())
    assert "照片须为 JPEG 或 PNG 图片" in response.content.decode()


def test_a_png_keeps_the_png_extension_whatever_its_name(client, signed_in_bureau):
    person = CraftsmanFactory()
    assert upload_photo(client, person, image_bytes("PNG"), name="x.jpeg").status_code == 302
    person.refresh_from_db()
    assert person.photo.name.endswith(".png")


def test_an_oversized_photo_is_refused(client, signed_in_bureau, settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 1000
    person = CraftsmanFactory()
    response = upload_photo(client, person, image_bytes() + b"\0" * 2000)
    assert "文件过大" in response.content.decode()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_attachment(client, program, content, name="form.pdf"):
    url = reverse("admin:programs_program_change", args=[program.pk])
    data = admin_form_data(client.get(url))
    data["attachment"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(url, data)


def test_an_attachment_must_be_a_pdf_by_content(client, signed_in_bureau):
    program = ProgramFactory()
    response = upload_attachment(client, program, b"<html><body>hi</body></html>")
    assert "附件须为 PDF 文件" in response.content.decode()


def test_a_pdf_attachment_is_served_as_a_download(client, signed_in_bureau):
    program = ProgramFactory()
    assert upload_attachment(client, program, PDF, name="../../evil.html").status_code == 302
    program.refresh_from_db()
    assert program.attachment.name.endswith(".pdf") and "evil" not in program.attachment.name
    response = client.get(reverse("program-attachment", args=[program.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_draft_programs_attachment_is_not_served(client, signed_in_bureau):
    program = ProgramFactory()
    upload_attachment(client, program, PDF)
    Program.objects.filter(pk=program.pk).update(publication_state=PublicationState.DRAFT)
    assert client.get(reverse("program-attachment", args=[program.slug])).status_code == 404


@pytest.mark.parametrize(
    "without_consent",
    [
        {"public_basis": ""},
        {"public_basis": "announcement", "announcement": "重庆日报，《测试公告》，2025年1月"},
    ],
    ids=["no-basis", "announcement-only"],
)
def test_a_photo_of_a_person_without_consent_is_not_served(
    client, signed_in_bureau, without_consent
):
    person = CraftsmanFactory()
    upload_photo(client, person, image_bytes())
    assert client.get(reverse("craftsman-photo", args=[person.uid])).status_code == 200
    Craftsman.objects.filter(pk=person.pk).update(**without_consent)
    assert client.get(reverse("craftsman-photo", args=[person.uid])).status_code == 404
