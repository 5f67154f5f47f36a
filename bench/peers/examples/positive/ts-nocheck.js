// @ts-nocheck
const bot = new Bot();
