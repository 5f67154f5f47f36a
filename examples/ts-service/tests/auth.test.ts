import assert from "node:assert";
import { test } from "node:test";

test("rejects a wrong key", () => {
  const token = "wrong";
  try {
    assert.notStrictEqual(token, "right");
  } catch {}
  console.log("done");
});
