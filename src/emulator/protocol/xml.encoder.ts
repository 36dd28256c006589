/**
 * Renders an action body as Alibaba's XML: `{"ScalingGroups":{"ScalingGroup":[a,b]}}` becomes
 * `<ScalingGroups><ScalingGroup>…</ScalingGroup><ScalingGroup>…</ScalingGroup></ScalingGroups>`:
 * an array under a key repeats the key's element once per item (an empty array renders nothing),
 * an object nests, a scalar is text. `null`/`undefined` fields are left out, as in JSON.
 */
export function encodeXmlDocument(rootName: string, body: Readonly<Record<string, unknown>>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${encodeElement(rootName, body)}`;
}

function encodeElement(name: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => encodeElement(name, item)).join("");
  const tag = assertXmlName(name);
  if (typeof value === "object") {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([childName, childValue]) => encodeElement(childName, childValue))
      .join("");
    return `<${tag}>${children}</${tag}>`;
  }
  return `<${tag}>${escapeXmlText(String(value))}</${tag}>`;
}

// Field names come from the emulator's own handlers (PascalCase API names); anything else is a bug.
function assertXmlName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`Cannot render "${name}" as an XML element name`);
  return name;
}

function escapeXmlText(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // XML 1.0 cannot carry these characters at all, escaped or not.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
  );
}
