import { Router } from "express";
import fs from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve("/srv/files");
export const files = Router();

// Reads whatever name the client sends, `../../etc/passwd` included.
files.get("/raw/:name", async (req, res) => {
  const body = await fs.readFile(path.join(ROOT, req.params.name));
  res.type("application/octet-stream").send(body);
});

// The same route done right: resolved, then checked to stay under ROOT.
files.get("/:name", async (req, res) => {
  const target = path.resolve(ROOT, req.params.name);
  if (!target.startsWith(ROOT + path.sep)) {
    return res.status(400).json({ error: "bad file name" });
  }
  try {
    res.send(await fs.readFile(target));
  } catch (err) {
    res.status(500).json({ error: (err as Error).message });
  }
});
