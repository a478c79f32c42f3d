// An analysis aborted midway (its file ran out of budget) must leave nothing behind that a later file would
// take for an answer: findings may not depend on the order files are scanned in.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeMemo } from "../src/analysis/values.js";
import type { Env } from "../src/analysis/values.js";
type Node = Parameters<NodeMemo<string>["get"]>[0];

const node = {} as Node;

describe("NodeMemo", () => {
  it("answers a repeated question from memory", () => {
    const memo = new NodeMemo<string>();
    let computed = 0;
    const ask = () => memo.get(node, undefined, "cycle", () => `value ${++computed}`);
    assert.equal(ask(), "value 1");
    assert.equal(ask(), "value 1");
  });

  it("answers a question asked while it is being computed with the cycle value", () => {
    const memo = new NodeMemo<string>();
    const inner: string[] = [];
    memo.get(node, undefined, "cycle", () => {
      inner.push(memo.get(node, undefined, "cycle", () => "never"));
      return "done";
    });
    assert.deepEqual(inner, ["cycle"]);
  });

  it("forgets the cycle placeholder of a computation that threw", () => {
    const memo = new NodeMemo<string>();
    assert.throws(() => memo.get(node, undefined, "cycle", () => { throw new Error("budget"); }));
    assert.equal(memo.get(node, undefined, "cycle", () => "recomputed"), "recomputed");
  });

  it("forgets everything when cleared, bound or not", () => {
    const memo = new NodeMemo<string>();
    const env: Env = new Map();
    memo.get(node, undefined, "cycle", () => "old");
    memo.get(node, env, "cycle", () => "old bound");
    memo.clear();
    assert.equal(memo.get(node, undefined, "cycle", () => "new"), "new");
    assert.equal(memo.get(node, env, "cycle", () => "new bound"), "new bound");
  });
});
