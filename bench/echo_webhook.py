"""The yardstick for bench/webhook.py: a bare PTB 22 echo bot in webhook mode, as PTB's custom-webhook example.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot python -m bench.echo_webhook --port 8081

Starlette + uvicorn, `updater(None)`, updates put on `application.update_queue`, one `sendMessage` per
update: a text is echoed, a button press sends its data back (a bare echo bot answers no callback
queries). `concurrent_updates(256)` so that the CPU, not one update at a time, is the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import os

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    if update.callback_query is not None:
        await context.bot.send_message(chat.id, update.callback_query.data or "?")
    elif update.effective_message is not None and update.effective_message.text:
        await context.bot.send_message(chat.id, update.effective_message.text)


async def main(port: int) -> None:
    application = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .updater(None)
        .concurrent_updates(256)
        .build()
    )
    application.add_handler(TypeHandler(Update, echo))

    async def telegram(request: Request) -> Response:
        await application.update_queue.put(Update.de_json(await request.json(), application.bot))
        return Response()

    async def healthz(_: Request) -> PlainTextResponse:
        return PlainTextResponse("alive")

    app = Starlette(routes=[Route("/telegram/webhook", telegram, methods=["POST"]), Route("/healthz", healthz)])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    async with application:
        await application.start()
        await server.serve()
        await application.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))
