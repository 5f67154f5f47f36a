import type { NextFunction, Request, Response } from "express";

const API_KEY = process.env.API_KEY;

export function requireApiKey(req: Request, res: Response, next: NextFunction) {
  const provided = req.headers["x-api-key"];
  if (typeof provided !== "string" || provided === "") {
    return res.status(401).json({ error: "missing api key" });
  }
  if (provided !== API_KEY) {
    return res.status(401).json({ error: "invalid api key" });
  }
  next();
}
