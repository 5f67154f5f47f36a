import express from "express";
import cors from "cors";
import { requireApiKey } from "./auth.js";
import { usersRouter } from "./routes/users.js";
import { webhooksRouter } from "./routes/webhooks.js";

const app = express();

app.use(cors({ origin: "*" }));
app.use(express.json({ limit: "100kb" }));

app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});

app.use("/api/users", requireApiKey, usersRouter);
app.use("/api/webhooks", webhooksRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`listening on ${port}`);
});
