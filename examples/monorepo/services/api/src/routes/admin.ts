import { Router } from "express";
import { timingSafeEqual } from "node:crypto";

import { log } from "../server.js";

export const admin = Router();

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

admin.post("/reindex", (req, res) => {
  if (req.get("x-admin-token") !== process.env.ADMIN_TOKEN) {
    return res.sendStatus(401);
  }
  log.info("reindex requested");
  res.sendStatus(202);
});

admin.post("/flush", (req, res) => {
  if (!sameSecret(req.get("x-admin-token") ?? "", process.env.ADMIN_TOKEN ?? "")) {
    return res.sendStatus(401);
  }
  try {
    flushCaches();
  } catch {}
  res.sendStatus(204);
});

function flushCaches(): void {
  log.info("caches flushed");
}
