"""Text shown in the OpenAPI document: Chinese msgid and its English translation, side by side."""

from django.utils import translation


def bilingual(text):
    """ "中文 / English" (just the Chinese until the English catalogue has the string)."""
    with translation.override("zh-hans"):
        chinese = str(text)
    with translation.override("en"):
        english = str(text)
    return chinese if english == chinese else f"{chinese} / {english}"
