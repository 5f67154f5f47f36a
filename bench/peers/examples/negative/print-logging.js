function sendMagicLink(userId) {
  log.debug({ userId }, "magic link sent");
  console.error("sent");
}
