export async function sync(dir: string): Promise<void> {
  try {
    await syncMemoryFiles(dir);
  } catch (err: unknown) {}
}
