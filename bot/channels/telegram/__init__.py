"""The Telegram channel: PTB in, conversation in the middle, PTB out."""
