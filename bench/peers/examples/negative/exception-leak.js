app.post("/checkout", async (req, res) => {
  try {
    await checkout(req.body);
  } catch (err) {
    logger.error({ err }, "checkout failed");
    res.status(500).json({ error: "Internal server error" });
  }
});
