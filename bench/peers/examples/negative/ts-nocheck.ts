import { Bot } from "grammy";
// @ts-expect-error grammy's types miss this overload
export const bot = new Bot(1);
