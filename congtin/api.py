"""Every answer of ``/api/`` is JSON, errors included, with a Vietnamese message.

The API's own views answer their errors as ``{"error": "..."}``; this middleware, outermost in
MIDDLEWARE, does the same for what happens around them: an unknown API address (404), a wrong
method (405), a refused host (400), an exception anywhere (500, already logged by Django with its
traceback). A client of the API never has to read an HTML error page.
"""

from django.http import JsonResponse

API_PREFIX = "/api/"
MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    403: "Không được phép truy cập.",
    404: "Không có địa chỉ API này.",
    405: "Phương thức không được hỗ trợ ở địa chỉ này.",
    413: "Dữ liệu gửi lên quá lớn.",
    429: "Quá nhiều yêu cầu: hãy thử lại sau ít phút.",
    500: "Lỗi máy chủ: sự cố đã được ghi lại, hãy thử lại sau.",
    503: "Dịch vụ tạm thời gián đoạn, hãy thử lại sau.",
}
KEPT_HEADERS = (
    "Allow", "Retry-After", "Cache-Control",
    # The security headers the middleware below set (congtin.settings.base), kept on the JSON.
    "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options",
    "Content-Security-Policy", "Permissions-Policy",
)  # fmt: skip


def is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def json_error(status: int, headers=()) -> JsonResponse:
    message = MESSAGES.get(status) or MESSAGES[500 if status >= 500 else 400]
    response = JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for name, value in headers:
        response[name] = value
    return response


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not is_json(response)
        ):
            headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
            return json_error(response.status_code, headers)
        return response
