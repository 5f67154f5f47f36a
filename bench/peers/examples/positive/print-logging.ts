export function sendMagicLink(link: string): void {
  console.info("magic link", link);
}
