async function sync(dir) {
  try {
    await syncMemoryFiles(dir);
  } catch (err) {
    log.debug("memory sync failed", { err });
  }
  load().catch((err) => log.warn(err));
}
