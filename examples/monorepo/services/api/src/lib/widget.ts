// Builds the embed snippet customers paste into their pages.
export function embedSnippet(src: string): string {
  return `<iframe src="${encodeURI(src)}" sandbox="allow-scripts allow-forms" loading="lazy"></iframe>`;
}

export function announce(frame: HTMLIFrameElement, origin: string): void {
  frame.contentWindow?.postMessage({ type: "ready" }, origin);
}
