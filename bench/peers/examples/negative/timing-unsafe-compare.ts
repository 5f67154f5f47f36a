import { timingSafeEqual } from "node:crypto";

export function verify(token: Buffer, expectedSecret: Buffer): boolean {
  if (token.length !== expectedSecret.length) return false;
  if (token === null) return false;
  return timingSafeEqual(token, expectedSecret);
}
