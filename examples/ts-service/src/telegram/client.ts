export function createBot(token: string | undefined) {
  const handlers = new Map<string, (ctx: { reply: (text: string) => Promise<void> }) => Promise<void>>();
  return {
    token,
    on(event: string, handler: (ctx: { reply: (text: string) => Promise<void> }) => Promise<void>) {
      handlers.set(event, handler);
    },
  };
}
