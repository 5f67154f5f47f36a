app.post("/checkout", async (req, res) => {
  try {
    await checkout(req.body);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
