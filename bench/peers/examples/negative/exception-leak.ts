app.post("/checkout", async (req: Request, res: Response) => {
  try {
    await checkout(req.body);
  } catch (err: any) {
    logger.error({ err }, "checkout failed");
    res.status(500).send("Internal server error");
  }
});
