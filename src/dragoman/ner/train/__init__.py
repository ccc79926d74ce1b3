"""Training our compact NER models (`dragoman train ner --lang ar|tr|fr`, `make models`).

The data stays in `../shared/ner-train` (read at training time, never copied). `corpora.py` turns each
language's corpora into texts with PER/ORG/LOC gold spans; `run.py` tokenises them with the language's
spaCy tokenizer (the one the model will meet at run time), trains `config.cfg` with fixed seeds and writes
the model folder and its model card.
"""
