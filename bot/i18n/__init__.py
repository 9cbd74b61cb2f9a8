"""Language, calendars, digits and text direction. Imports neither telegram, redis nor fastapi."""
