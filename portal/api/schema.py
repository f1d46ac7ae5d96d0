"""How the OpenAPI document describes the API: identifiers, labelled choices, filters, errors,
caching headers and token auth, with Chinese and English text."""

from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, NumberFilter, OrderingFilter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_parameter_type
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from portal.finding.filters import IdentifierFilter

from .text import bilingual

ERROR_DESCRIPTIONS = {
    "400": _("参数或请求体有误；errors 按参数名列出原因。"),
    "401": _("缺少有效令牌，或令牌无效、已吊销、已过期。"),
    "403": _("令牌或角色不允许这项操作（例如区县编辑写入其他区县、发布记录）。"),
    "404": _("没有找到该记录或接口地址。"),
    "405": _("该地址不支持此 HTTP 方法。"),
    "409": _("仍有其他记录引用它，不能删除。"),
    "412": _("If-Match 或 If-Unmodified-Since 条件不成立。"),
    "429": _("请求过于频繁；按 Retry-After 秒数等待后重试。"),
}
# What `q` does (portal.finding.search) and how its results are ordered (PortalListViewSet).
SEARCH = _(
    "关键词：列出名称等字段包含它的记录（不区分大小写）；"
    "未指定 ordering 时，检索结果按登记从新到旧排列。"
)


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("HTTP 状态码"))
    code = serializers.CharField(help_text=_("错误类别，如 invalid、not_found、throttled"))
    message = serializers.CharField(help_text=_("可读的说明，指明出错的参数"))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("按参数名列出的错误信息；没有时为空对象"),
    )

    class Meta:
        ref_name = "Error"


def header(description, schema=None):
    return {"schema": schema or {"type": "string"}, "description": bilingual(description)}


class PortalAutoSchema(AutoSchema):
    def get_tags(self):
        return [getattr(self.view, "resource_name", None) or super().get_tags()[0]]

    def get_summary(self):
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if model is None:
            return None
        names = {
            "list": _("列出%(name)s"),
            "retrieve": _("读取一条%(name)s"),
            "create": _("新建%(name)s（需写入令牌）"),
            "update": _("修改%(name)s（需写入令牌）"),
            "partial_update": _("修改%(name)s的部分字段（需写入令牌）"),
            "destroy": _("删除%(name)s（需写入令牌）"),
        }
        text = names.get(getattr(self.view, "action", None))
        if text is None:
            return None
        return bilingual(_lazy_format(text, model._meta.verbose_name))

    def get_description(self):
        action = getattr(self.view, "action", None)
        descriptions = {
            "list": _(
                "匿名调用只返回已发布的记录；持有令牌时还返回其角色可见的草稿。"
                "按 ?ordering= 排序，?q= 检索，?updated_after= 同步变更"
                "（按更新时间排序；已删除或撤销发布的记录见 /api/v1/tombstones/）。"
                "结果按游标分页：沿 next 链接翻页。加 ?format=csv 下载 CSV（UTF-8 BOM）。"
            ),
            "retrieve": _("按标识读取一条记录；匿名调用只能读取已发布的记录。"),
            "create": _(
                "关联记录用其标识书写。区县编辑只能写入本区县的草稿或待审核记录；"
                "发布需市局审核员或管理员。修改记入与后台相同的历史，操作人为令牌持有人。"
            ),
            "update": _("整条替换可写字段；规则同新建。"),
            "partial_update": _("只修改给出的字段；规则同新建。"),
            "destroy": _("删除记录；删除会作为墓碑出现在 /api/v1/tombstones/ 中。"),
        }
        if action in descriptions:
            return bilingual(descriptions[action])
        return super().get_description()

    def get_auth(self):
        auths = super().get_auth()
        if self.method in ("GET", "HEAD"):
            auths.append({})
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        parameters.append(
            OpenApiParameter(
                "lang",
                str,
                OpenApiParameter.QUERY,
                description=bilingual(_("选项标签的语言（默认按 Accept-Language）。")),
                enum=["zh-hans", "en"],
            )
        )
        if self.method in ("PATCH", "DELETE"):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description=bilingual(
                        _(
                            "读取记录时得到的 ETag。记录若已被他人修改，返回 412 且不做任何更改"
                            "（乐观锁）；不带此头则直接写入。"
                        )
                    ),
                )
            )
        if self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    "format",
                    str,
                    OpenApiParameter.QUERY,
                    description=bilingual(_("响应格式：json（默认）或 csv（UTF-8 BOM）。")),
                    enum=["json", "csv"],
                )
            )
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        success = "200" if "200" in responses else None
        csv = responses.get(success, {}).get("content", {}).get("text/csv") if success else None
        if csv is not None:  # CSV is text, not the JSON object: a client reads it as a string
            csv["schema"] = {
                "type": "string",
                "description": bilingual(
                    _("UTF-8（带 BOM）CSV：每个资源的列固定，关联记录和选项展开为“字段.子字段”列。")
                ),
            }
        if self.method == "GET" and success:
            responses[success]["headers"] = {
                "ETag": header(_("响应内容的标识；下次请求放入 If-None-Match 可得 304。")),
                "Last-Modified": header(_("所含记录的最近修改时间。")),
                "Cache-Control": header(_("匿名读取可缓存 60 秒。")),
            }
            if self._is_list_view():
                responses[success]["headers"]["Link"] = header(
                    _("下一页和上一页的地址（RFC 8288），CSV 下载时同样提供。")
                )
            responses["304"] = {"description": bilingual(_("内容未变（条件请求命中）。"))}
        codes = ["400", "401", "403", "404", "405", "429"]
        if self.method in ("GET", "PATCH", "DELETE"):
            codes.append("412")
        if self.method == "PATCH" and success:
            responses[success]["headers"] = {
                "ETag": header(_("保存后的记录版本；下次修改时放入 If-Match。")),
            }
        if self.method == "DELETE":
            codes.append("409")
        for code in codes:
            body = self._get_response_for_code(ErrorSerializer, code, ["application/json"])
            body["description"] = bilingual(ERROR_DESCRIPTIONS[code])
            responses[code] = body
        responses["401"]["headers"] = {
            "WWW-Authenticate": header(_("认证方式：Bearer。")),
        }
        responses["429"]["headers"] = {
            "Retry-After": header(_("需等待的秒数。"), {"type": "integer"}),
        }
        return responses


def _lazy_format(text, name):
    class Formatted:
        def __str__(self):
            return str(text) % {"name": name}

    return Formatted()


class IdentifierRelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "portal.api.fields.IdentifierRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {
                "type": "string",
                "minLength": 1,
                "description": bilingual(_("关联记录的标识（代码、标识或编号）。")),
            }
        return {
            "type": "object",
            "properties": {
                "identifier": {"type": "string"},
                "name": {"type": "string"},
            },
            "required": ["identifier", "name"],
        }


class LabelledChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "portal.api.fields.LabelledChoiceField"

    def map_serializer_field(self, auto_schema, direction):
        values = [str(value) for value in self.target.choices]
        if direction == "request":
            if self.target.allow_blank:
                values = ["", *values]
            return {"type": "string", "enum": values}
        return {
            "type": "object",
            "properties": {
                "value": {"type": "string", "enum": values},
                "label": {"type": "string"},
            },
            "required": ["value", "label"],
            "nullable": bool(self.target.allow_blank or self.target.allow_null),
            "description": bilingual(_("取值和按请求语言给出的标签。")),
        }


class TokenAuthenticationExtension(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.ApiTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": bilingual(
                _("管理员在后台签发的接口令牌：Authorization: Bearer <密钥>。")
            ),
        }


class PortalFilterExtension(DjangoFilterExtension):
    """Identifier filters take a code, slug or name (not a database id); numbers and text
    carry the limits the FilterSets enforce; every description in both languages."""

    target_class = "portal.api.filtering.PortalFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, IdentifierFilter):
            schema = {"type": "string", "minLength": 1}
            parameters = [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    schema=schema,
                    description=bilingual(filter_field.label)
                    + " — "
                    + bilingual(_("按代码、标识或名称")),
                )
            ]
        else:
            parameters = super().resolve_filter_field(
                auto_schema, model, filterset_class, field_name, filter_field
            )
        for parameter in parameters:
            schema = parameter["schema"]
            extra = filter_field.extra
            if callable(extra.get("choices")):
                schema["enum"] = [value for value, _label in extra["choices"]()]
            if isinstance(filter_field, NumberFilter):
                schema["type"] = "integer"
                schema.pop("format", None)
                if extra.get("min_value") is not None:
                    schema["minimum"] = int(extra["min_value"])
                if extra.get("max_value") is not None:
                    schema["maximum"] = int(extra["max_value"])
            if isinstance(filter_field, CharFilter) and extra.get("max_length"):
                schema["maxLength"] = extra["max_length"]
            if isinstance(filter_field, OrderingFilter):
                parameter["description"] = bilingual(
                    _("排序字段，前加 - 表示倒序；可用逗号连接多个。")
                )
            elif field_name == "q":
                parameter["description"] = bilingual(SEARCH)
            elif not isinstance(filter_field, IdentifierFilter) and filter_field.label:
                parameter["description"] = bilingual(filter_field.label)
        return parameters
