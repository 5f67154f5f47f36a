// Lets the dashboard embed the status widget in an iframe.
export function announceReady(frame: HTMLIFrameElement) {
  frame.contentWindow?.postMessage({ type: "ready" }, "*");
}

export function listenForResize(onResize: (height: number) => void) {
  window.addEventListener("message", (event) => {
    if (event.data?.type === "resize") {
      onResize(event.data.height);
    }
  });
}
