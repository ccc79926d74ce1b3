"""Machine translation into English behind one interface: local CTranslate2 models or a LibreTranslate server.

`build_engine(settings, root)` gives the engine the settings ask for (with the translation cache in front)
or None; `describe_engine(settings, root)` gives the start-up line saying which, or why not. Heavy
libraries (ctranslate2, sentencepiece, httpx) load only inside the engine that needs them.
"""

from .cache import CachedEngine, TranslationCache, cache_key, cache_path
from .engines import Engine, EngineError, EngineOutput, build_engine, describe_engine
from .models import ModelInfo, ModelRegistry

__all__ = ["CachedEngine", "Engine", "EngineError", "EngineOutput", "ModelInfo", "ModelRegistry",
           "TranslationCache", "build_engine", "cache_key", "cache_path", "describe_engine"]
