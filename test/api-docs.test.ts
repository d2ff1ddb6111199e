import { staleApiDocs } from "../scripts/api-docs";

describe("the API reference (docs/api)", () => {
  test("is the one the TSDoc generates (run `npm run api-docs` after changing exports or their TSDoc)", () => {
    expect(staleApiDocs()).toEqual([]);
  }, 240_000);
});
