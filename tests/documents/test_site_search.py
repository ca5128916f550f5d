"""The site search and the register: documents above the news for a number, a filter otherwise."""

from tests.conftest import local, make_article
from tests.documents.conftest import make_document


def test_a_number_query_shows_its_documents_above_the_news(client, category):
    plan = make_document("255/KH-UBND", summary="Kế hoạch cải cách hành chính")
    make_article(category, "Triển khai kế hoạch", local(2020, 5, 20), lead="Theo 255/KH-UBND.")
    response = client.get("/tim-kiem/", {"q": "255/kh-ubnd"})
    assert response.status_code == 200
    assert response.context["documents"] == [plan]
    html = response.content.decode()
    assert html.index("Kế hoạch số 255/KH-UBND") < html.index('class="search-results"')
    api = client.get("/api/v1/search", {"q": "255/KH-UBND"}).json()
    assert [document["number"] for document in api["documents"]] == ["255/KH-UBND"]
    assert api["count"] == 1


def test_other_queries_show_no_documents_and_a_new_document_reaches_the_cached_results(
    client, category
):
    make_document("255/KH-UBND", summary="Kế hoạch cải cách hành chính")
    assert client.get("/tim-kiem/", {"q": "cai cach"}).context["documents"] == []
    assert client.get("/tim-kiem/", {"q": "1234/QĐ-UBND"}).context["documents"] == []
    assert client.get("/tim-kiem/", {"q": "1234/QĐ-UBND"})["X-Cache"] == "HIT"
    decision = make_document("1234/QĐ-UBND", document_type="quyet-dinh")
    response = client.get("/tim-kiem/", {"q": "1234/QĐ-UBND"})
    assert response["X-Cache"] == "MISS" and response.context["documents"] == [decision]


def test_searching_in_the_register_is_the_registers_own_search(client, home):
    response = client.get("/tim-kiem/", {"q": " cai  cach ", "trong": "van-ban"})
    assert response.status_code == 302 and response["Location"] == "/van-ban/?q=cai+cach"
    assert 'name="trong"' in client.get("/tim-kiem/").content.decode()
