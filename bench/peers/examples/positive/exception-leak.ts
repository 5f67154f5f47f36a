app.post("/checkout", async (req: Request, res: Response) => {
  try {
    await checkout(req.body);
  } catch (err: any) {
    res.status(500).send(err.stack);
  }
});
