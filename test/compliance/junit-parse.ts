/**
 * A tiny XML well-formedness checker for the JUnit report (no dependency): tags
 * balance, attributes are quoted, entities are the five predefined ones or
 * numeric. Returns the element tree of names and attributes.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(value: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(value)) throw new Error(`bad entity in ${JSON.stringify(value)}`);
  return value.replace(ENTITY, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e] ?? String.fromCodePoint(Number(e.startsWith("#x") ? `0x${e.slice(2)}` : e.slice(1))));
}

/** Parses `xml`; throws on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  if (xml.startsWith("<?xml")) pos = xml.indexOf("?>") + 2;
  while (pos < xml.length) {
    const lt = xml.indexOf("<", pos);
    const text = xml.slice(pos, lt === -1 ? xml.length : lt);
    if (text.includes(">")) throw new Error(`stray ">" at ${pos}`);
    stack[stack.length - 1]!.text += decode(text);
    if (lt === -1) break;
    const gt = xml.indexOf(">", lt);
    if (gt === -1) throw new Error(`unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*$/.exec(body);
    if (m === null) throw new Error(`malformed tag <${tag}>`);
    const attributes: Record<string, string> = {};
    for (const a of (m[2] ?? "").matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) attributes[a[1]!] = decode(a[2]!);
    const element: XmlElement = { name: m[1]!, attributes, children: [], text: "" };
    stack[stack.length - 1]!.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error("expected one root element");
  return root.children[0]!;
}
