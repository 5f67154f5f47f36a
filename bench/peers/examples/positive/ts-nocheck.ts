// @ts-nocheck
import { Bot } from "grammy";
export const bot = new Bot();
