"""A local model server speaking the OpenAI chat-completions API (Ollama, llama.cpp's server, vLLM) as a
translation engine.

Sentences go in numbered batches (`translate.batch_size` a request) with the term base's canonical English for
the names they contain; a reply that does not give back every number is retried one sentence a request. The
translate stage then enforces the canonical names on the English, as for every engine. Page text is untrusted:
what the model answers is stored as text and escaped wherever it is shown, never run or parsed further.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .engines import EngineError, EngineOutput
from .server import ServerSettings, request_json

if TYPE_CHECKING:
    from ..vocab.termbase import TermBase

# Languages the prompt can name; a model server translates between any of them.
LANGUAGE_NAMES = {"ar": "Arabic", "ru": "Russian", "tr": "Turkish", "fr": "French", "en": "English", "fa": "Persian",
                  "uk": "Ukrainian", "de": "German", "es": "Spanish", "it": "Italian", "he": "Hebrew",
                  "zh": "Chinese", "ur": "Urdu", "ku": "Kurdish", "az": "Azerbaijani", "pt": "Portuguese"}
SYSTEM = ("You are a translator for news analysts. Translate each numbered line from {source} into {target}. "
          "Answer with the translations only, one per line, each starting with its number and a full stop, "
          "in the same order; translate every line; write names as the glossary gives them; add nothing else.")
_NUMBERED = re.compile(r"^\s*(\d+)\s*[.):]\s?(.*)$")
MAX_GROWTH = 4          # an English rendering longer than 4x the original (+200 chars) is cut and says so


class LLMEngine:
    """POSTs numbered batches to `{url}/chat/completions`; any failure is one EngineError naming the server."""

    name = "llm"

    def __init__(self, url: str, model: str, *, api_key: str | None = None, timeout_s: float = 120.0,
                 batch_size: int = 8, terms: "TermBase | None" = None) -> None:
        url = url.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EngineError(f"translate.llm_url {url!r} is not an http(s) address; set it like "
                              f"http://localhost:11434/v1 (Ollama) or http://127.0.0.1:8080/v1 (llama.cpp)")
        if not model.strip():
            raise EngineError("translate.llm_model is empty; set it to a model the server has, e.g. qwen2.5:7b")
        self.url, self.model_name = url, model.strip()
        self.api_key = api_key or None
        self.timeout_s = float(timeout_s)
        self.batch_size = max(1, int(batch_size))
        self.terms = terms
        self.model = f"{self.model_name}@{parts.netloc}"
        self._client: Any = None
        self._checked = False

    def identity(self, source: str, target: str = "en") -> tuple[str | None, str | None]:
        return self.model, None

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        import httpx
        if self._client is None:
            headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
            self._client = httpx.Client(timeout=httpx.Timeout(self.timeout_s), headers=headers, trust_env=False)
        return request_json(self._client, method, self.url, path, body, timeout_s=self.timeout_s, names=ServerSettings(
            f"model server at {self.url}", "translate.llm_url", "translate.llm_timeout_s", "translate.llm_api_key",
            "is translate.llm_url the server's OpenAI-compatible address (ending in /v1)?"))

    def _check_model(self) -> None:
        """The server answers and has the model (servers without a model list are taken at their word)."""
        if self._checked:
            return
        try:
            listed = self._request("GET", "/models")
        except EngineError as exc:
            if "HTTP 404" not in str(exc):
                raise
            listed = None
        ids = [m.get("id") for m in listed.get("data", [])] if isinstance(listed, dict) else []
        if ids and self.model_name not in ids:
            raise EngineError(f"model server at {self.url} has no model {self.model_name!r} (it has "
                              f"{', '.join(map(str, ids[:10]))}); fix translate.llm_model")
        self._checked = True

    def pairs(self) -> set[tuple[str, str]]:
        self._check_model()
        return {(a, b) for a in LANGUAGE_NAMES for b in LANGUAGE_NAMES if a != b}

    def translate(self, sentences: list[str], source: str, target: str = "en") -> list[EngineOutput]:
        self._check_model()
        outputs = [EngineOutput("", self.name, self.model, None)] * len(sentences)
        work = [i for i, s in enumerate(sentences) if s.strip()]
        for start in range(0, len(work), self.batch_size):
            chunk = work[start:start + self.batch_size]
            texts = [" ".join(sentences[i].split()) for i in chunk]
            got = self._batch(texts, source, target)
            if got is None:            # the model lost count: one sentence a request
                got = [self._single(t, source, target) for t in texts]
            for i, original, english in zip(chunk, texts, got):
                outputs[i] = self._output(original, english)
        return outputs

    def _output(self, original: str, english: str) -> EngineOutput:
        limit = MAX_GROWTH * len(original) + 200
        if len(english) > limit:
            return EngineOutput(english[:limit], self.name, self.model, None,
                                note=f"the model's answer was cut at {limit} characters")
        return EngineOutput(english, self.name, self.model, None)

    def _messages(self, texts: list[str], source: str, target: str) -> list[dict[str, str]]:
        names = (LANGUAGE_NAMES.get(source, source), LANGUAGE_NAMES.get(target, target))
        glossary: dict[str, str] = {}
        if self.terms is not None:
            for text in texts:
                for m in self.terms.find(text, source):
                    glossary.setdefault(text[m.start:m.end], m.term.english)
        user = ""
        if glossary:
            user += "Glossary:\n" + "\n".join(f"{a} = {b}" for a, b in glossary.items()) + "\n\n"
        user += "\n".join(f"{n}. {t}" for n, t in enumerate(texts, 1))
        return [{"role": "system", "content": SYSTEM.format(source=names[0], target=names[1])},
                {"role": "user", "content": user}]

    def _ask(self, texts: list[str], source: str, target: str) -> str:
        body = {"model": self.model_name, "messages": self._messages(texts, source, target), "temperature": 0,
                "stream": False}
        answer = self._request("POST", "/chat/completions", body)
        try:
            content = answer["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise EngineError(f"model server at {self.url}: /chat/completions answered without "
                              f"choices[0].message.content; is it OpenAI-compatible?") from None
        if not isinstance(content, str):
            raise EngineError(f"model server at {self.url}: the answer's content is not text")
        return content

    def _batch(self, texts: list[str], source: str, target: str) -> list[str] | None:
        """The numbered answer as one text per sentence, or None when a number is missing or repeated."""
        found: dict[int, str] = {}
        for line in self._ask(texts, source, target).splitlines():
            m = _NUMBERED.match(line)
            if m and 1 <= int(m.group(1)) <= len(texts):
                if int(m.group(1)) in found:
                    return None
                found[int(m.group(1))] = m.group(2).strip()
        if sorted(found) != list(range(1, len(texts) + 1)) or not all(found.values()):
            return None
        return [found[n] for n in range(1, len(texts) + 1)]

    def _single(self, text: str, source: str, target: str) -> str:
        lines = [line.strip() for line in self._ask([text], source, target).splitlines() if line.strip()]
        if not lines:
            raise EngineError(f"model server at {self.url}: an empty answer for a sentence of {len(text)} "
                              f"characters; check translate.llm_model")
        m = _NUMBERED.match(lines[0])
        return " ".join([m.group(2).strip() if m else lines[0], *lines[1:]]).strip()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
