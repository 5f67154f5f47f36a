export function verify(token: string, expectedSecret: string): boolean {
  return token === expectedSecret;
}
