"""The reviewers' workspace (/review): see routes.py and docs/review.md."""

from bot.web.review.routes import review_router

__all__ = ["review_router"]
