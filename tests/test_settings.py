import pytest

from dragoman.errors import SettingsError
from dragoman.settings import Settings, default_file_text


def test_layers_default_file_env_cli(tmp_path):
    (tmp_path / "settings.toml").write_text("[pipeline]\nworkers = 3\nbatch_size = 8\n", encoding="utf-8")
    s = Settings.load(tmp_path, environ={"DRAGOMAN_PIPELINE_BATCH_SIZE": "16"}, overrides=["pipeline.workers=5"])
    assert s["pipeline.workers"] == 5 and s.origin("pipeline.workers") == "--set"
    assert s["pipeline.batch_size"] == 16 and s.origin("pipeline.batch_size") == "DRAGOMAN_PIPELINE_BATCH_SIZE"
    assert s["search.limit"] == 20 and s.origin("search.limit") == "default"


def test_lists_from_strings():
    s = Settings.load(None, environ={}, overrides=["pipeline.disabled=translate, langid"])
    assert s["pipeline.disabled"] == ["translate", "langid"]


@pytest.mark.parametrize("override", ["pipeline.workers=many", "nope.nothing=1", "pipeline.workers"])
def test_bad_settings_are_named(override):
    with pytest.raises(SettingsError) as info:
        Settings.load(None, environ={}, overrides=[override])
    assert override.split("=")[0] in str(info.value) or "NAME=VALUE" in str(info.value)


def test_broken_settings_file_names_the_file(tmp_path):
    (tmp_path / "settings.toml").write_text("[pipeline\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="settings.toml"):
        Settings.load(tmp_path, environ={})


def test_default_file_is_valid_toml_with_every_setting_commented():
    import tomllib
    text = default_file_text()
    sections = {name.split(".")[0] for name in __import__("dragoman.settings").settings.BY_NAME}
    assert tomllib.loads(text) == {section: {} for section in sections}
    assert "# workers = 0" in text
