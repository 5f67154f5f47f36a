// Preloaded (`node --require`) by the tests' demo harness: a server that listens on a port
// without naming a host (Express's `app.listen(port)`) would take every interface; this one
// binds it to 127.0.0.1 instead, so the demo is reachable from this machine only.
"use strict";
const net = require("node:net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  const isPort = typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first));
  if (first === undefined || typeof first === "function") {
    args.unshift(0, "127.0.0.1");
  } else if (isPort && typeof args[1] !== "string") {
    args.splice(1, 0, "127.0.0.1");
  } else if (first && typeof first === "object" && first.port !== undefined && first.host === undefined && first.path === undefined) {
    args[0] = { ...first, host: "127.0.0.1" };
  }
  return listen.apply(this, args);
};
