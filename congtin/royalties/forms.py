"""The report's filters: "Từ ngày", "Đến ngày" (dd/mm/yyyy, both included) and "Chuyên mục"."""

from datetime import date

from django import forms
from wagtail.admin.widgets import AdminDateInput

from congtin.archive.dates import FIRST_YEAR, Period, month_period, today
from congtin.news.models import CategoryPage

# A year of a big portal is some 40,000 articles, read with their bodies: the longest period.
MAX_DAYS = 366
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
INVALID_DATE = "Ngày không đúng định dạng ngày/tháng/năm, ví dụ 05/03/2025."


class CategoryChoiceField(forms.ModelChoiceField):
    """The categories in tree order, a sub-category under its parent ("Kinh tế › Nông nghiệp")."""

    def label_from_instance(self, category):
        return getattr(category, "breadcrumb", category.title)

    def to_python(self, value):
        # SQLite cannot even compare a number beyond 64 bits ("Python int too large"): such an id
        # is no category, said before any query.
        text = "" if value in self.empty_values else str(value).strip()
        if text and not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def with_breadcrumbs(categories):
    """``categories`` (in tree order) each with ``breadcrumb``: its title after its parents'."""
    by_path = {}
    for category in categories:
        parent = by_path.get(category.path[: -CategoryPage.steplen])
        category.breadcrumb = (
            f"{parent.breadcrumb} › {category.title}" if parent else category.title
        )
        by_path[category.path] = category
    return categories


class RoyaltiesFilterForm(forms.Form):
    tu_ngay = forms.DateField(
        label="Từ ngày",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=AdminDateInput,
        error_messages={"invalid": INVALID_DATE},
        help_text="ngày/tháng/năm; để trống: ngày đầu tháng.",
    )
    den_ngay = forms.DateField(
        label="Đến ngày",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=AdminDateInput,
        error_messages={"invalid": INVALID_DATE},
        help_text="ngày/tháng/năm; để trống: ngày cuối tháng.",
    )
    chuyen_muc = CategoryChoiceField(
        label="Chuyên mục",
        queryset=CategoryPage.objects.none(),
        required=False,
        empty_label="Tất cả chuyên mục",
        error_messages={"invalid_choice": "Chuyên mục đã chọn không có trên cổng."},
        help_text="Gồm cả các chuyên mục con.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["chuyen_muc"]
        field.queryset = CategoryPage.objects.order_by("path")
        # Read once, with the labels computed from the paths, instead of one query per parent.
        field.choices = [("", field.empty_label)] + [
            (category.pk, category.breadcrumb)
            for category in with_breadcrumbs(list(field.queryset.only("pk", "path", "title")))
        ]

    def _check_year(self, name):
        day = self.cleaned_data.get(name)
        last_year = today().year + 1
        if day is not None and not FIRST_YEAR <= day.year <= last_year:
            raise forms.ValidationError(f"Năm của ngày phải từ {FIRST_YEAR} đến {last_year}.")
        return day

    def clean_tu_ngay(self):
        return self._check_year("tu_ngay")

    def clean_den_ngay(self):
        return self._check_year("den_ngay")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        first, last = self.default_dates(cleaned.get("tu_ngay"), cleaned.get("den_ngay"))
        if first > last:
            raise forms.ValidationError("«Từ ngày» phải trước hoặc trùng «Đến ngày».")
        if (last - first).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                f"Mỗi lần xem tối đa {MAX_DAYS} ngày; hãy chọn khoảng ngắn hơn."
            )
        cleaned["tu_ngay"], cleaned["den_ngay"] = first, last
        return cleaned

    @classmethod
    def for_query(cls, query):
        """The form of a request's query string; without any date, the current month's dates
        are filled in, so the boxes show the period the report covers."""
        data = query.copy()
        if not data.get("tu_ngay") and not data.get("den_ngay"):
            first, last = cls.default_dates(None, None)
            data["tu_ngay"], data["den_ngay"] = f"{first:%d/%m/%Y}", f"{last:%d/%m/%Y}"
        return cls(data)

    @staticmethod
    def default_dates(first: date | None, last: date | None) -> tuple[date, date]:
        """An empty end is the end of the start's month; an empty start, the first of the end's
        month; both empty, the current month."""
        if first is None and last is None:
            month = month_period(today().year, today().month)
            return month.first, month.last
        if first is None:
            return last.replace(day=1), last
        if last is None:
            return first, month_period(first.year, first.month).last
        return first, last

    @property
    def period(self) -> Period:
        """The period asked for (only once the form is valid)."""
        return Period(self.cleaned_data["tu_ngay"], self.cleaned_data["den_ngay"])

    @property
    def category(self) -> CategoryPage | None:
        return self.cleaned_data.get("chuyen_muc")
