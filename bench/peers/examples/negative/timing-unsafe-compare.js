const crypto = require("crypto");

function auth(req, res, next) {
  const given = Buffer.from(String(req.headers["x-api-key"] ?? ""));
  const expected = Buffer.from(process.env.MANAGEMENT_TOKEN ?? "");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return res.sendStatus(401);
  if (token === undefined || token === null || typeof token === "string") return next();
  if (token.kind === TokenKind.EOF) return next();
  next();
}
