"""Protections for people whose phones get checked: pseudonyms, flood control, provenance, clearing chats."""
