"""Channels carry events in and replies out: Telegram, the terminal."""
