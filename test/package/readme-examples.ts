/**
 * TypeScript examples of the README that are compiled against the packed package: each
 * is a ```ts block right after a `<!-- example: <file>.ts -->` marker.
 */
export interface ReadmeExample {
  readonly file: string;
  readonly code: string;
}

const MARKED = /<!-- example: ([a-z0-9-]+\.ts) -->\s*```ts\n([\s\S]*?)```/g;

export function readmeExamples(readme: string): ReadmeExample[] {
  return [...readme.matchAll(MARKED)].map((m) => ({ file: m[1]!, code: m[2]! }));
}
