"""One JSON request to a translation server the analyst runs (LibreTranslate, a local model server), with every
failure turned into one EngineError that names the server, the reason and the setting to check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .engines import EngineError


@dataclass(frozen=True)
class ServerSettings:
    """How the errors name the server and the settings that fix it."""

    where: str                 # e.g. "LibreTranslate at http://…"
    url_setting: str
    timeout_setting: str
    key_setting: str
    not_json_hint: str         # what to check when the answer is not JSON


def request_json(client: Any, method: str, url: str, path: str, body: dict[str, Any] | None, *,
                 timeout_s: float, names: ServerSettings) -> Any:
    import httpx
    where = names.where
    try:
        response = client.request(method, url + path, json=body)
    except httpx.TimeoutException as exc:
        raise EngineError(f"{where}: no answer within {timeout_s:g} s; check the server "
                          f"or raise {names.timeout_setting}") from exc
    except httpx.ConnectError as exc:
        raise EngineError(f"{where}: cannot connect ({exc}); is the server running? "
                          f"check {names.url_setting}") from exc
    except httpx.HTTPError as exc:
        raise EngineError(f"{where}: request failed ({exc}); check the server") from exc
    try:
        data = response.json()
    except ValueError:
        data = None
    if response.status_code >= 400:
        error = data.get("error") if isinstance(data, dict) else None
        reason = error.get("message") if isinstance(error, dict) else error      # OpenAI nests it
        reason = reason or response.text.strip()[:200] or response.reason_phrase
        hint = f"; check {names.key_setting}" if response.status_code in (401, 403) else ""
        raise EngineError(f"{where}: HTTP {response.status_code} on {path}: {reason}{hint}")
    if data is None:
        raise EngineError(f"{where}: {path} did not answer JSON; {names.not_json_hint}")
    return data
