"""Settings: defaults, then the workspace's grader.yaml, then --set, frozen."""

from __future__ import annotations

import pytest

from grader.config import ConfigError, get_cfg_defaults, load_config


def test_defaults_are_a_fresh_copy_each_time():
    first = get_cfg_defaults()
    first.CHECK.MAX_EXAMPLES = 5
    assert get_cfg_defaults().CHECK.MAX_EXAMPLES == 100


def test_file_then_set_and_the_result_is_frozen(tmp_path):
    yaml_path = tmp_path / "grader.yaml"
    yaml_path.write_text("CHECK:\n  MAX_EXAMPLES: 300\n  CALL_TIMEOUT: 2.5\nUI:\n  LANG: zh\n")
    cfg = load_config(yaml_path, ["CHECK.MAX_EXAMPLES", "400"])
    assert (cfg.CHECK.MAX_EXAMPLES, cfg.CHECK.CALL_TIMEOUT, cfg.UI.LANG) == (400, 2.5, "zh")
    assert cfg.is_frozen()


@pytest.mark.parametrize(("text", "words"), [
    ("CHECK:\n  NOPE: 1\n", "unknown setting"),
    ("CHECK:\n  MAX_EXAMPLES: many\n", "grader.yaml"),
    ("CHECK: [unclosed\n", "cannot read it"),
    ("UI:\n  LANG: fr\n", "UI.LANG must be 'en' or 'zh'"),
    ("CHECK:\n  CALL_TIMEOUT: -1.0\n", "positive number of seconds"),
])
def test_bad_workspace_settings_name_the_problem(tmp_path, text, words):
    yaml_path = tmp_path / "grader.yaml"
    yaml_path.write_text(text)
    with pytest.raises(ConfigError, match=words):
        load_config(yaml_path)


def test_set_needs_known_keys_and_values_of_the_right_type():
    with pytest.raises(ConfigError, match="unknown setting CHECK.NOPE"):
        load_config(None, ["CHECK.NOPE", "1"])
    with pytest.raises(ConfigError):
        load_config(None, ["CHECK.MAX_EXAMPLES", "lots"])


def test_whole_numbers_are_taken_for_settings_in_seconds_or_minutes(tmp_path):
    yaml_path = tmp_path / "grader.yaml"
    yaml_path.write_text("CHECK:\n  SERVER_IDLE_MINUTES: 30\n  SERVER: false\n")
    cfg = load_config(yaml_path, ["CHECK.CALL_TIMEOUT", "20", "CHECK.MAX_EXAMPLES", "7"])
    assert (cfg.CHECK.SERVER_IDLE_MINUTES, cfg.CHECK.CALL_TIMEOUT) == (30.0, 20.0)
    assert cfg.CHECK.MAX_EXAMPLES == 7 and cfg.CHECK.SERVER is False
    with pytest.raises(ConfigError, match="SERVER_IDLE_MINUTES must be a positive number of "
                                          "minutes"):
        load_config(None, ["CHECK.SERVER_IDLE_MINUTES", "0"])


def test_set_can_name_a_key_binding_that_grader_yaml_does_not():
    """UI.KEYMAP takes ids of the learner's choosing: `--set UI.KEYMAP.check f9` for one run."""
    cfg = load_config(None, ["UI.KEYMAP.check", "f9", "CHECK.MAX_EXAMPLES", "30"])
    assert dict(cfg.UI.KEYMAP) == {"check": "f9"} and cfg.CHECK.MAX_EXAMPLES == 30
    with pytest.raises(ConfigError, match="unknown setting UI.NOPE.check"):
        load_config(None, ["UI.NOPE.check", "f9"])
