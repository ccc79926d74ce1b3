"""A LibreTranslate server the analyst runs (POST /translate, GET /languages), as a translation engine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .engines import EngineError, EngineOutput
from .server import ServerSettings, request_json


class LibreTranslateEngine:
    """Sends sentences in batches to `{url}/translate`; any failure is one EngineError naming the server."""

    name = "libretranslate"

    def __init__(self, url: str, *, api_key: str | None = None, timeout_s: float = 30.0,
                 batch_size: int = 16) -> None:
        url = url.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EngineError(f"translate.libretranslate_url {url!r} is not an http(s) address; "
                              f"set it like http://127.0.0.1:5000")
        self.url = url
        self.api_key = api_key or None
        self.timeout_s = float(timeout_s)
        self.batch_size = max(1, int(batch_size))
        self.model = f"libretranslate@{parts.netloc}"
        self._client: Any = None
        self._pairs: set[tuple[str, str]] | None = None

    def identity(self, source: str, target: str = "en") -> tuple[str | None, str | None]:
        """(model, version) for cache keys; a LibreTranslate server does not say which model version it runs."""
        return self.model, None

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        import httpx
        if self._client is None:
            self._client = httpx.Client(timeout=httpx.Timeout(self.timeout_s), follow_redirects=True)
        return request_json(self._client, method, self.url, path, body, timeout_s=self.timeout_s, names=ServerSettings(
            f"LibreTranslate at {self.url}", "translate.libretranslate_url", "translate.timeout_s",
            "translate.libretranslate_api_key", "is translate.libretranslate_url a LibreTranslate server?"))

    def pairs(self) -> set[tuple[str, str]]:
        if self._pairs is None:
            data = self._request("GET", "/languages")
            if not isinstance(data, list):
                raise EngineError(f"LibreTranslate at {self.url}: /languages did not answer a list")
            self._pairs = {(str(lang["code"]), str(t)) for lang in data if isinstance(lang, dict) and "code" in lang
                           for t in lang.get("targets", []) if t != lang["code"]}
        return set(self._pairs)

    def translate(self, sentences: list[str], source: str, target: str = "en") -> list[EngineOutput]:
        texts = [""] * len(sentences)
        work = [i for i, s in enumerate(sentences) if s.strip()]
        for start in range(0, len(work), self.batch_size):
            chunk = work[start:start + self.batch_size]
            q: str | list[str] = [sentences[i] for i in chunk]
            if len(chunk) == 1:
                q = q[0]     # a single string: also understood by servers older than batch support
            body = {"q": q, "source": source, "target": target, "format": "text"}
            if self.api_key:
                body["api_key"] = self.api_key
            answer = self._request("POST", "/translate", body)
            got = answer.get("translatedText") if isinstance(answer, dict) else None
            got = [got] if isinstance(got, str) and len(chunk) == 1 else got
            if not isinstance(got, list) or len(got) != len(chunk) or not all(isinstance(t, str) for t in got):
                raise EngineError(f"LibreTranslate at {self.url}: /translate answered {len(chunk)} sentences "
                                  f"with something else than {len(chunk)} texts; check the server version")
            for i, text in zip(chunk, got):
                texts[i] = text
        return [EngineOutput(t, self.name, self.model, None) for t in texts]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
