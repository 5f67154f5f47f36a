import crypto from "node:crypto";
import { Router } from "express";

export const webhooksRouter = Router();

const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET ?? "";

webhooksRouter.post("/billing", (req, res) => {
  const signature = String(req.headers["x-signature"] ?? "");
  const expected = crypto.createHmac("sha256", WEBHOOK_SECRET).update(JSON.stringify(req.body)).digest("hex");
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) {
    return res.status(401).end();
  }
  res.status(202).end();
});
