import express from "express";
import helmet from "helmet";
import rateLimit from "express-rate-limit";
import pino from "pino";

import { files } from "./routes/files.js";
import { admin } from "./routes/admin.js";

export const log = pino();
const app = express();

app.use(helmet());
app.use(express.json({ limit: "100kb" }));
app.use(rateLimit({ windowMs: 60_000, limit: 300 }));

app.get("/healthz", (_req, res) => res.json({ ok: true }));
app.use("/files", files);
app.use("/admin", admin);

app.listen(8080, () => log.info("api listening on 8080"));
