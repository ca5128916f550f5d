"""The request's site, remembered per host name (congtin.sites)."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from congtin.sites import find_site


def test_the_site_of_a_known_host_costs_no_query(home, django_assert_num_queries):
    factory = RequestFactory()
    first = find_site(factory.get("/", HTTP_HOST="localhost"))
    with django_assert_num_queries(0):
        request = factory.get("/tin-tuc/", HTTP_HOST="localhost")
        again = find_site(request)
        assert Site.find_for_request(request) is again  # Wagtail's own lookup finds it too
    assert again.pk == first.pk and again is not first  # each request has its own copy


def test_a_saved_site_is_seen_at_once(home):
    factory = RequestFactory()
    site = find_site(factory.get("/", HTTP_HOST="localhost"))
    Site.objects.filter(pk=site.pk).update(site_name="Cũ")  # no signal: still remembered
    assert find_site(factory.get("/", HTTP_HOST="localhost")).site_name != "Cũ"
    stored = Site.objects.get(pk=site.pk)
    stored.site_name = "Cổng thông tin huyện"
    stored.save()
    assert find_site(factory.get("/", HTTP_HOST="localhost")).site_name == "Cổng thông tin huyện"


def test_pages_are_served_without_looking_the_site_up_again(client, uncached, home):
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert queries.captured_queries  # the page itself was read
    assert not [q for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]
