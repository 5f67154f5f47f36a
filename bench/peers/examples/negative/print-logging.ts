export function sendMagicLink(userId: string): void {
  logger.info({ userId }, "magic link sent");
}
