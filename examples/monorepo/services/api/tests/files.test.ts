import { test } from "node:test";
import assert from "node:assert/strict";

test("rejects names that leave the folder", async () => {
  const res = await fetch("http://localhost:8080/files/..%2f..%2fetc%2fpasswd");
  assert.equal(res.status, 400);
});
