"""Our YAML data files read through libyaml's C parser (datafile.safe_load) give exactly what PyYAML's Python
parser gives, and a broken file still fails with the Python parser's message."""

from pathlib import Path

import pytest
import yaml

import dragoman
from dragoman.datafile import safe_load
from dragoman.errors import InputError
from dragoman.events.lexicon import read_yaml as read_event_yaml

SHIPPED = sorted(Path(dragoman.__file__).parent.rglob("*.yaml"))


def test_every_shipped_data_file_reads_the_same_as_with_the_python_parser():
    assert len(SHIPPED) > 30
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        # repr: the same values, types (int/bool/str/date) and key order
        assert repr(safe_load(text)) == repr(yaml.load(text, Loader=yaml.SafeLoader)), path


def test_a_broken_file_fails_with_the_python_parsers_message():
    text = "places:\n  - Benghazi\n  - [Sirte, al-Jufra\n"
    with pytest.raises(yaml.YAMLError) as fast:
        safe_load(text)
    with pytest.raises(yaml.YAMLError) as slow:
        yaml.safe_load(text)
    assert str(fast.value) == str(slow.value)


def test_the_event_vocabulary_still_refuses_a_key_given_twice(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("verbs:\n  met: MEET\n  hit: ASSAULT\n  met: CONSULT\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate key 'met'"):
        read_event_yaml(path)
    path.write_text("verbs:\n  met: MEET\n  hit: ASSAULT\n", encoding="utf-8")
    assert read_event_yaml(path) == {"verbs": {"met": "MEET", "hit": "ASSAULT"}}
