// A file that is type-checked (no pragma here).
const bot = new Bot();
