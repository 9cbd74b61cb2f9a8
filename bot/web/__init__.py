"""The web face: Telegram webhook, health, metrics (and later the admin API and page)."""
