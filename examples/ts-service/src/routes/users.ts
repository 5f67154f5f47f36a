import { Router } from "express";
import { db } from "../lib/db.js";

export const usersRouter = Router();

usersRouter.get("/:id", async (req, res) => {
  try {
    const user = await db.findUser(req.params.id);
    res.json(user);
  } catch (err) {
    res.status(500).json({ error: (err as Error).message });
  }
});

usersRouter.delete("/:id/sessions", async (req, res) => {
  try {
    await db.dropSessions(req.params.id);
  } catch (err) {}
  res.status(204).end();
});
