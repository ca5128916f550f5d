"""PageCacheMiddleware: answers anonymous readers from the page cache, and stores what views
asked to be cached (congtin.pagecache.store). Placed right after WhiteNoise: a hit runs no other
middleware, no view, no template and no query."""

from django.utils.cache import patch_vary_headers

from congtin.pagecache import store
from congtin.pagecache.versions import versions


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not store.enabled():
            return self.get_response(request)
        if not store.anonymous(request):
            return self._private(self.get_response(request))
        cached = store.lookup(request)
        if cached is not None:
            return cached
        generation = versions().generation()
        response = self.get_response(request)
        if not store.storable(request, response):
            return self._private(response)
        entry = store.store(request, response, generation)
        response["X-Cache"] = "MISS"
        if entry is not None:
            unchanged = store.not_modified(
                request, entry["etag"], entry["stored"], entry["headers"]
            )
            if unchanged is not None:
                return unchanged
        return response

    @staticmethod
    def _private(response):
        """What the page cache does not keep, no shared cache in front may keep either: an
        editor's page, a password form with a reader's CSRF token (nginx's micro-cache reads
        this header: deploy/nginx/congtin.conf)."""
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = store.PRIVATE
        patch_vary_headers(response, ("Cookie",))
        return response
