"""The API's frame: token auth, rate limit, the error shape and pagination.

Token auth only: no session cookie is read, so a browser cannot be tricked into calling
the API for its signed-in user, and no CSRF token is needed.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer

from engagera.core.errors import ActionError

from . import queries

MAX_ID = 2**31 - 1
MAX_LIMIT = 100


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


class RateLimited(ApiError):
    def __init__(self, retry_after: int):
        super().__init__(429, "rate_limited", "Too many requests: slow down.")
        self.retry_after = retry_after


def check_rate(token_key: str) -> None:
    """A fixed one-minute window per token in the cache (per process with the default
    local-memory cache; configure a shared cache to limit across processes)."""
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    now = time.time()
    window = int(now // 60)
    key = f"api-rate:{token_key}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=max(1, 60 - int(now % 60)))


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = queries.authenticate(token.strip())
        if found is None:
            return None
        api_token, membership = found
        check_rate(api_token.token_hash[:24])
        request.membership = membership
        request.api_token = api_token
        return api_token


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class Error(Schema):
    error: ErrorBody


# Every operation may answer with these; documenting them keeps the schema honest.
ERRORS: dict[int, Any] = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    422: Error,
    429: Error,
}


def responses(ok: int, schema) -> dict:
    return {ok: schema, **ERRORS}


def error_response(api: NinjaAPI, request, status: int, code: str, message: str, fields=None):
    body = {"error": {"code": code, "message": str(message), "fields": fields or {}}}
    return api.create_response(request, body, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        response = error_response(api, request, exc.status, exc.code, exc.message, exc.fields)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ActionError)
    def action_error(request, exc: ActionError):
        fields = {exc.field: [str(exc)]} if exc.field else {}
        return error_response(api, request, 400, "refused", str(exc), fields)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            location = [str(part) for part in error.get("loc", ())]
            if location and location[0] in ("body", "query", "path", "header"):
                location = location[1:]  # where it came from; the field name is what matters
            location = [part for part in location if part not in ("payload", "filters", "query")]
            fields.setdefault(".".join(location) or "request", []).append(str(error.get("msg")))
        return error_response(api, request, 422, "invalid", "The request is not valid.", fields)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return error_response(
            api, request, 401, "unauthenticated", "A valid API token is required (Bearer)."
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(api, request, 404, "not_found", "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error_response(api, request, 403, "forbidden", str(exc) or "Not allowed.")

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        code = {400: "bad_request", 405: "method_not_allowed"}.get(exc.status_code, "error")
        return error_response(api, request, exc.status_code, code, str(exc))


def require_write(request) -> None:
    if not request.auth.can_write:
        raise ApiError(403, "read_only_token", "This token may only read.")


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=10**6)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
