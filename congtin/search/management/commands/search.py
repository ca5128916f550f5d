"""``congtin search rebuild`` and ``congtin search evaluate`` (see congtin/search/)."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from congtin.imports.models import ImportedArticle
from congtin.imports.report import Progress
from congtin.news.models import CategoryPage, HomePage
from congtin.parallel import default_jobs
from congtin.scratch import create_postgres_database
from congtin.search import evaluation
from congtin.search.rebuild import rebuild

EVALUATION_CATEGORY = "tin-tuc"


class Command(BaseCommand):
    help = "Chỉ mục tìm kiếm: rebuild (tạo lại chỉ mục), evaluate (đo chất lượng trên bộ truy vấn)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        rebuild_parser = commands.add_parser("rebuild", help="Tạo lại toàn bộ chỉ mục tìm kiếm.")
        rebuild_parser.add_argument("--jobs", type=int, default=default_jobs())
        evaluate_parser = commands.add_parser(
            "evaluate",
            help="Nhập kho tin vào một cơ sở dữ liệu riêng (nếu chưa có) rồi đo chất lượng tìm kiếm.",
        )
        corpus = Path(settings.BASE_DIR).parent / "shared" / "corpus"
        evaluate_parser.add_argument("--corpus", default=str(corpus / "articles.jsonl.gz"))
        evaluate_parser.add_argument("--queries", default=str(corpus / "queries-dev.jsonl"))
        evaluate_parser.add_argument(
            "--database-url",
            help="Cơ sở dữ liệu để đo (mặc định: SQLite riêng trong var/search-eval/).",
        )
        evaluate_parser.add_argument("--type", action="append", help="Chỉ đo loại truy vấn này.")
        evaluate_parser.add_argument("--limit", type=int, help="Chỉ đo N truy vấn đầu.")
        evaluate_parser.add_argument(
            "--failures", type=int, default=0, help="In N truy vấn không đứng đầu."
        )
        evaluate_parser.add_argument(
            "--here",
            action="store_true",
            help="Đo trên cơ sở dữ liệu đang cấu hình (không tạo cơ sở dữ liệu riêng).",
        )

    def handle(self, *args, action, **options):
        if action == "rebuild":
            progress = Progress(None, stream=self.stderr._out)
            count = rebuild(jobs=options["jobs"], progress=progress.update)
            progress.finish()
            self.stdout.write(f"Đã lập chỉ mục {count:,} trang.".replace(",", "."))
        elif options["here"]:
            self._evaluate_here(options)
        else:
            self._evaluate_in_scratch_database(options)

    def _evaluate_in_scratch_database(self, options):
        """Run the evaluation in a child process configured for the scratch database."""
        env = dict(os.environ)
        env["CONGTIN_VAR_DIR"] = str(Path(settings.VAR_DIR) / "search-eval")
        env.pop("REDIS_URL", None)
        if options["database_url"]:
            env["DATABASE_URL"] = options["database_url"]
            create_postgres_database(options["database_url"])
        else:
            env.pop("DATABASE_URL", None)
        congtin = [sys.executable, "-m", "congtin"]
        subprocess.run([*congtin, "migrate", "--noinput", "-v0"], env=env, check=True)
        child = [*congtin, "search", "evaluate", "--here", "--corpus", options["corpus"]]
        child += ["--queries", options["queries"], "--failures", str(options["failures"])]
        for kind in options["type"] or []:
            child += ["--type", kind]
        if options["limit"]:
            child += ["--limit", str(options["limit"])]
        result = subprocess.run(child, env=env)
        if result.returncode:
            raise CommandError("Đo chất lượng tìm kiếm không thành công.")

    def _evaluate_here(self, options):
        for path in (options["corpus"], options["queries"]):
            if not Path(path).exists():
                raise CommandError(f"Không có tệp {path}.")
        _ensure_portal()
        with gzip.open(options["corpus"], "rb") as handle:
            articles = sum(1 for _ in handle)
        imported = ImportedArticle.objects.count()
        if imported < articles:
            self.stdout.write(
                f"Nhập kho tin ({imported:,}/{articles:,} đã có)...".replace(",", ".")
            )
            call_command(
                "import", options["corpus"], category=EVALUATION_CATEGORY, stdout=self.stdout
            )
        queries = evaluation.load_queries(options["queries"], options["type"], options["limit"])
        host = Site.objects.get(is_default_site=True).hostname
        report = evaluation.run(queries, host=host)
        self.stdout.write(report.format())
        for outcome in report.failures()[: options["failures"]]:
            self.stdout.write(
                f"{outcome.kind}: {outcome.query!r} rank={outcome.first_rank}"
                f" relevant={outcome.relevant[:3]} top={outcome.returned[:3]}"
            )


def _ensure_portal():
    """A home page as the default site's root, with the category the corpus is imported into."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Cổng đánh giá tìm kiếm", slug="trang-chu"))
        site = Site.objects.get(is_default_site=True)
        welcome, site.root_page = site.root_page, home
        site.save()
        if welcome.pk != home.pk and not welcome.get_children().exists():
            welcome.delete()
    if not CategoryPage.objects.filter(slug=EVALUATION_CATEGORY).exists():
        category = CategoryPage(title="Tin tức", slug=EVALUATION_CATEGORY, live=False)
        home.add_child(instance=category)
        category.save_revision().publish()
