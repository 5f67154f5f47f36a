const SCREENSHOT_API_KEY = "ss_9f8e7d6c5b4a3f2e1d0c4b7a";

export async function screenshot(url: string): Promise<ArrayBuffer> {
  const response = await fetch(`https://screenshots.example.com/v1?url=${encodeURIComponent(url)}`, {
    headers: { authorization: `Bearer ${SCREENSHOT_API_KEY}` },
    signal: AbortSignal.timeout(10_000),
  });
  return response.arrayBuffer();
}
