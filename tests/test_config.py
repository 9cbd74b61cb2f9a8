"""Configuration read from the environment."""

from __future__ import annotations

import pytest

from bot.config import Settings


def test_file_url_is_derived_from_a_local_bot_api_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    assert Settings().file_base_url == "http://127.0.0.1:8081/file/bot"


def test_default_urls_are_telegrams() -> None:
    settings = Settings(_env_file=None)
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.file_base_url == "https://api.telegram.org/file/bot"


def test_explicit_file_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_FILE_URL", "http://files.local/file/bot")
    assert Settings().file_base_url == "http://files.local/file/bot"


def test_token_is_secret_in_reprs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    settings = Settings()
    assert "123:abc" not in repr(settings)
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
