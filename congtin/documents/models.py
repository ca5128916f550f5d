"""The register of official documents ("Văn bản"): one row per document, its files and its
relations to other documents. The number's rules are congtin.vietnamese.document_numbers'
(docs/documents.md)."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from congtin.vietnamese import to_nfc
from congtin.vietnamese.document_numbers import document_key, parse_number
from congtin.vietnamese.searchtext import folded_tokens


class DocumentType(models.TextChoices):
    PLAN = "ke-hoach", "Kế hoạch"
    DECISION = "quyet-dinh", "Quyết định"
    DIRECTIVE = "chi-thi", "Chỉ thị"
    OFFICIAL_LETTER = "cong-van", "Công văn"
    NOTICE = "thong-bao", "Thông báo"
    RESOLUTION = "nghi-quyet", "Nghị quyết"
    DECREE = "nghi-dinh", "Nghị định"
    CIRCULAR = "thong-tu", "Thông tư"
    LAW = "luat", "Luật"
    REPORT = "bao-cao", "Báo cáo"
    OTHER = "khac", "Khác"


class Validity(models.TextChoices):
    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc", "Hết hiệu lực"
    NOT_YET = "chua-co-hieu-luc", "Chưa có hiệu lực"


def _one_line(text: str) -> str:
    return " ".join(to_nfc(text).split())


class OfficialDocument(ClusterableModel):
    number = models.CharField(
        "Số ký hiệu", max_length=64, help_text="Ví dụ 255/KH-UBND hoặc 42/2022/NĐ-CP."
    )
    # The comparison key of the number (document_key): one per document of an issuing body.
    key = models.CharField(max_length=64, editable=False)
    document_type = models.CharField("Loại văn bản", max_length=32, choices=DocumentType.choices)
    issuer = models.CharField("Cơ quan ban hành", max_length=255)
    signer = models.CharField("Người ký", max_length=255, blank=True)
    issued_on = models.DateField("Ngày ban hành")
    effective_on = models.DateField("Ngày có hiệu lực", null=True, blank=True)
    validity = models.CharField(
        "Tình trạng hiệu lực", max_length=32, choices=Validity.choices, default=Validity.IN_FORCE
    )
    validity_changed_on = models.DateField("Ngày thay đổi tình trạng", null=True, blank=True)
    sector = models.CharField("Lĩnh vực", max_length=255, blank=True)
    summary = models.TextField("Trích yếu")
    # What the register's search reads: the folded words of the number, trích yếu, body, signer
    # and sector, between spaces (" ke hoach 255 kh ubnd ... "), so a word is found by its start.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("Ngày cập nhật", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
        MultiFieldPanel(
            [FieldPanel("validity"), FieldPanel("validity_changed_on")],
            heading="Hiệu lực",
        ),
        FieldPanel("sector"),
        InlinePanel("files", label="Tệp đính kèm"),
        InlinePanel("relations", label="Văn bản liên quan"),
    ]

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "key"], name="documents_one_key_per_issuer")
        ]
        indexes = [
            models.Index(fields=["-issued_on", "-id"], name="documents_newest"),
            models.Index(fields=["key"], name="documents_key"),
            models.Index(fields=["-created_at", "-id"], name="documents_added"),
            # The public list's filters, each with the list's order (counted from the index).
            models.Index(fields=["document_type", "-issued_on", "-id"], name="documents_by_type"),
            models.Index(fields=["issuer", "-issued_on", "-id"], name="documents_by_issuer"),
            models.Index(fields=["sector", "-issued_on", "-id"], name="documents_by_sector"),
            models.Index(fields=["validity", "-issued_on", "-id"], name="documents_by_validity"),
        ]

    def __str__(self):
        return f"{self.number} – {self.summary[:80]}" if self.summary else self.number

    def get_absolute_url(self):
        return reverse("document", args=[self.pk])

    def _normalize_fields(self):
        self.number = _one_line(self.number)
        self.issuer = _one_line(self.issuer)
        self.signer = _one_line(self.signer)
        self.sector = _one_line(self.sector)
        self.summary = to_nfc(self.summary).strip()
        self.key = document_key(self.number)
        words = (
            self.get_document_type_display(),
            self.number,
            self.summary,
            self.issuer,
            self.signer,
            self.sector,
        )
        self.search_text = " " + " ".join(folded_tokens(" ".join(words))) + " "

    def clean(self):
        super().clean()
        self._normalize_fields()
        try:
            parse_number(self.number)
        except ValueError as error:
            raise ValidationError({"number": str(error)}) from None
        same = OfficialDocument.objects.filter(issuer=self.issuer, key=self.key)
        if self.issuer and same.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "number": f"Văn bản số {self.number} của {self.issuer} đã có trong kho "
                    "(cùng số ký hiệu, có thể viết khác: ND/NĐ, Ð/Đ, dấu cách)."
                }
            )

    def save(self, *args, **kwargs):
        self._normalize_fields()
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.words.all().delete()
            DocumentWord.objects.bulk_create(self.word_rows())

    def word_rows(self) -> list["DocumentWord"]:
        """The rows of the register's word index for this (saved) document."""
        words = {word[:WORD_LENGTH] for word in self.search_text.split()}
        return [
            DocumentWord(document_id=self.pk, word=word, issued_on=self.issued_on)
            for word in sorted(words)
        ]

    def related_documents(self):
        """Every relation of this document, in both directions: a list of (label, document),
        its own first ("Căn cứ", "Thay thế" ...), then the others' ("Bị thay thế bởi" ...)."""
        outgoing = [
            (relation.get_kind_display(), relation.target)
            for relation in self.relations.select_related("target")
        ]
        incoming = [
            (REVERSE_LABELS[relation.kind], relation.source)
            for relation in self.related_from.select_related("source")
        ]
        return outgoing + incoming


WORD_LENGTH = 40


class DocumentWord(models.Model):
    """The register's word index: each folded word of a document's search_text, once, with the
    document's date of issue. A search reads its rarest word's documents newest first from the
    index (word, issued_on, document), checking the other words in (word, document), and never
    reads the whole register (congtin.documents.register)."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=WORD_LENGTH)
    issued_on = models.DateField()  # the document's, kept by OfficialDocument.save

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["word", "document"], name="documents_word_index")
        ]
        indexes = [
            models.Index(fields=["word", "-issued_on", "-document"], name="documents_word_newest")
        ]

    def __str__(self):
        return self.word


class DocumentFile(Orderable):
    official_document = ParentalKey(
        OfficialDocument, on_delete=models.CASCADE, related_name="files"
    )
    file = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Tệp",
    )
    label = models.CharField(
        "Tên hiển thị", max_length=255, blank=True, help_text="Để trống: dùng tên của tệp."
    )

    panels = [FieldPanel("file"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"


class RelationKind(models.TextChoices):
    BASIS = "can-cu", "Căn cứ"
    REPLACES = "thay-the", "Thay thế"
    AMENDS = "sua-doi-bo-sung", "Sửa đổi, bổ sung"
    REPEALS = "bai-bo", "Bãi bỏ"
    GUIDES = "huong-dan", "Hướng dẫn"


# How a relation reads from the other document.
REVERSE_LABELS = {
    RelationKind.BASIS: "Là căn cứ của",
    RelationKind.REPLACES: "Bị thay thế bởi",
    RelationKind.AMENDS: "Được sửa đổi, bổ sung bởi",
    RelationKind.REPEALS: "Bị bãi bỏ bởi",
    RelationKind.GUIDES: "Được hướng dẫn bởi",
}


class DocumentRelation(Orderable):
    """``source`` <kind> ``target``: "Quyết định 1234/QĐ-UBND thay thế Quyết định 99/QĐ-UBND"."""

    source = ParentalKey(OfficialDocument, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField("Quan hệ", max_length=32, choices=RelationKind.choices)
    target = models.ForeignKey(
        OfficialDocument,
        on_delete=models.CASCADE,
        related_name="related_from",
        verbose_name="Văn bản",
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "Văn bản liên quan"
        verbose_name_plural = "Văn bản liên quan"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="documents_one_relation_of_a_kind"
            )
        ]

    def clean(self):
        super().clean()
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": "Một văn bản không thể liên quan đến chính nó."})


class Citation(models.Model):
    """An article that cites a document number, whether the register has it or not: what links
    a document to its "Tin liên quan", and what the report of missing documents counts.
    Kept by congtin.documents.citations for live articles only."""

    article = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="Bài viết"
    )
    key = models.CharField(max_length=64)  # document_key of the number
    number = models.CharField("Số ký hiệu", max_length=64)  # as cited, normalized

    class Meta:
        verbose_name = "Trích dẫn văn bản"
        verbose_name_plural = "Trích dẫn văn bản"
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="documents_one_citation")
        ]
        indexes = [models.Index(fields=["key", "article"], name="documents_citations_of_key")]

    def __str__(self):
        return f"{self.number} ({self.article_id})"
