function auth(req, res, next) {
  if (req.headers["x-api-key"] !== process.env.MANAGEMENT_TOKEN) return res.sendStatus(401);
  next();
}
