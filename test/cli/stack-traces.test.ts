import { Lazy } from "cdktf";
import { withCheapTokenTraces } from "../../lib/cli/stack-traces";

/** The stack trace cdktf recorded when it created a token. */
function creationStack(): string[] {
  return Lazy.anyValue({ produce: () => "x" }).creationStack;
}

describe("withCheapTokenTraces", () => {
  test("cdktf records a token's creation stack trace by default", () => {
    expect(creationStack().length).toBeGreaterThan(0);
  });

  test("tokens created inside carry no stack trace", () => {
    expect(withCheapTokenTraces(creationStack)).toEqual([]);
  });

  test("an error raised inside keeps its full stack trace", () => {
    const error = withCheapTokenTraces(() => new Error("boom"));
    expect(error.stack).toMatch(/^Error: boom\n\s+at .+stack-traces\.test\.ts:\d+:\d+/);
  });

  test("Error.captureStackTrace is restored after, also when the function throws", () => {
    const capture = Error.captureStackTrace;
    expect(() =>
      withCheapTokenTraces(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(Error.captureStackTrace).toBe(capture);
    expect(creationStack().length).toBeGreaterThan(0);
  });
});
