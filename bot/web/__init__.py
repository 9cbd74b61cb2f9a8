"""The web face of the bot (FastAPI): webhook, health and metrics, the admin API and page."""
