"""Import (upload → preview → confirm) and export (.xlsx / .csv) views for a model admin."""

import base64
import binascii

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.importing import (
    ImportFileError,
    export_csv,
    export_xlsx,
    import_table,
    read_table,
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("Excel（.xlsx）或 CSV（UTF-8 或 GB18030 编码）；第一行为表头。"),
    )


class ImportExportMixin:
    """Adds 导入 and 导出 to a changelist; `resource_class` says which columns."""

    resource_class = None
    change_list_template = "admin/portal/import_export_change_list.html"
    import_template = "admin/portal/import.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "export/<str:file_format>/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
        ]
        return own + super().get_urls()

    def may_import(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_import": self.may_import(request)}
        return super().changelist_view(request, extra_context)

    # -- export ----------------------------------------------------------------------------
    def export_view(self, request, file_format):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if file_format not in ("xlsx", "csv"):
            raise Http404
        changelist = self.get_changelist_instance(request)  # the list as filtered on screen
        queryset = changelist.get_queryset(request)
        resource = self.resource_class()
        name = f"{self.opts.model_name}-{timezone.localdate():%Y%m%d}.{file_format}"
        if file_format == "csv":
            body, content_type = export_csv(resource, queryset), "text/csv; charset=utf-8"
        else:
            body = export_xlsx(resource, queryset, title=self.opts.verbose_name_plural)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    # -- import ----------------------------------------------------------------------------
    def import_view(self, request):
        if not self.may_import(request):
            raise PermissionDenied
        resource = self.resource_class()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("导入%(model)s") % {"model": self.opts.verbose_name},
            "columns": resource.columns,
            "form": ImportForm(),
        }
        if request.method == "POST":
            upload = self._upload(request, context)
            if upload is not None:
                name, content = upload
                try:
                    table = read_table(name=name, content=content)
                except ImportFileError as error:
                    context["file_error"] = str(error)
                else:
                    commit = "_confirm" in request.POST
                    report = import_table(
                        resource=resource, table=table, user=request.user, commit=commit
                    )
                    if report.committed:
                        self.message_user(
                            request,
                            _("导入完成：新增 %(created)d 条，更新 %(updated)d 条。")
                            % {
                                "created": report.count("create"),
                                "updated": report.count("update"),
                            },
                            messages.SUCCESS,
                        )
                        info = self.opts.app_label, self.opts.model_name
                        return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*info)))
                    context.update(
                        report=report,
                        file_name=name,
                        file_content=base64.b64encode(content).decode("ascii"),
                        encoding=table.encoding,
                    )
        return TemplateResponse(request, self.import_template, context)

    @staticmethod
    def _upload(request, context):
        """(name, bytes) from the upload or from the preview's hidden copy of it."""
        if "_confirm" in request.POST:
            try:
                content = base64.b64decode(request.POST.get("file_content", ""), validate=True)
            except (binascii.Error, ValueError):
                context["file_error"] = _("文件内容已损坏，请重新上传。")
                return None
            return request.POST.get("file_name", "import.csv"), content
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return None
        upload = form.cleaned_data["file"]
        return upload.name, upload.read()
