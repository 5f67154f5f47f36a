async function sync(dir) {
  try {
    await syncMemoryFiles(dir);
  } catch (err) {}
  load().catch(() => {});
}
