"""The one place that reads configuration (environment variables)."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.conversation.context import Deployment
from bot.conversation.referral import HelplineTerms
from bot.opening_hours import OpeningHours
from bot.paths import DEFAULT_LOCALES_DIR, PROJECT_ROOT

__all__ = ["PROJECT_ROOT", "Settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_base_file_url: str | None = None
    redis_url: str | None = None
    content_dir: Path = PROJECT_ROOT / "content"
    locales_dir: Path = DEFAULT_LOCALES_DIR
    helpline_chat_id: int | None = None
    # The helpline (bot/helpline): when its operators answer (Asia/Karachi), how many days the texts
    # of a closed referral are kept, who runs it (named on the consent screen), and the language
    # of the summaries its operators read.
    helpline_hours: str = "09:00-17:00"
    helpline_days: str = "Mon-Sat"
    helpline_retention_days: int = 30
    helpline_organisation: str = ""
    helpline_language: str = "en"
    # Key for keyed pseudonyms (logs, the helpline's "Person u_…"); unset: a random key per process.
    pseudonym_key: SecretStr | None = None
    # The bot's public @handle, shown in About so people can tell the real bot from copies.
    # In Telegram mode it is read from getMe when unset.
    bot_handle: str | None = None
    # "Did this come from us?": days a keyed hash of every text the bot sent is kept (bot/safety/provenance.py).
    provenance_days: int = 90
    # Serve only texts signed off by reviewers (the production default in the Dockerfile).
    content_strict: bool = False
    # Per-user state expires after this much inactivity (privacy: keep nothing forever).
    state_ttl_days: int = 180
    redis_prefix: str = "rahnama:"
    # Broadcasts: Telegram's limit in messages/second shared by every sender process (30 by default;
    # paid broadcasts allow up to 1,000), sends in flight per process, and how long a claimed
    # recipient stays leased to a worker before another may take it over (a killed worker's batch).
    broadcast_rate: float = 30.0
    # The send budget (bot/sending) paces at broadcast_rate / (1 + send_headroom + the measured spread of
    # round trips): Telegram counts a sliding one-second window; this is the part no round trip shows.
    send_headroom: float = 0.01
    broadcast_concurrency: int = 32
    broadcast_lease_seconds: float = 60.0
    # Webhook mode (`rahnama serve`): the HTTPS address Telegram posts to (PUBLIC_URL + /telegram/webhook),
    # the secret it sends back in X-Telegram-Bot-Api-Secret-Token, and its connections in parallel.
    public_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_max_connections: int = 40
    # Answer an update's last message in the webhook response (saves one request; see webhook_reply.py).
    # Off by default: a message sent in a webhook response never gets an id back, so "Clear this chat"
    # could not delete it, and whether Telegram accepted it is never known (bot/channels/telegram/webhook_reply.py).
    webhook_reply_in_response: bool = False
    # Bearer token of the admin API and page; unset: the admin routes do not exist.
    admin_token: SecretStr | None = None
    # How often each process looks for sign-offs stored by the review workspace (bot/reviewing/live.py).
    review_poll_seconds: float = 5.0

    @field_validator("helpline_days")
    @classmethod
    def _hours_are_readable(cls, days: str, info):  # type: ignore[no-untyped-def]
        OpeningHours.parse(info.data.get("helpline_hours", "09:00-17:00"), days)  # fail at start-up, not later
        return days

    @property
    def deployment(self) -> Deployment:
        return Deployment(
            bot_handle=self.bot_handle,
            strict=self.content_strict,
            helpline=self.helpline_terms,
            provenance_days=self.provenance_days,
        )

    @property
    def helpline_terms(self) -> HelplineTerms | None:
        if self.helpline_chat_id is None:
            return None
        hours = OpeningHours.parse(self.helpline_hours, self.helpline_days)
        return HelplineTerms(hours, self.helpline_retention_days, self.helpline_organisation)

    @property
    def file_base_url(self) -> str:
        """PTB downloads files from base_file_url, not base_url, so derive it when unset."""
        if self.telegram_api_base_file_url:
            return self.telegram_api_base_file_url
        base = self.telegram_api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"
