import { quoteClientText } from "./client-text.formatter";
import { protocolErrors } from "./protocol.errors";

/** One `name=value` pair, decoded, in the order it was received. */
export interface FormParam {
  name: string;
  value: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
// Names are API identifiers (`InstanceId.1`); a control character there is garbage, never data.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Parses `application/x-www-form-urlencoded` text (a query string or a form body) strictly.
 *
 * WHY strict: a lenient parser (URLSearchParams) silently turns `%zz`, invalid UTF-8 or a bare
 * word into *some* value, so the caller then gets a misleading `SignatureDoesNotMatch` or
 * `MissingParameter`. Here every malformed piece is a 400 `InvalidParameter.Encoding` that says
 * what is wrong and where (by position and, when it decoded, by name; never by value, since values
 * may be signatures or tokens). Empty segments (`a=1&&b=2`, a trailing `&`) are skipped, as
 * every server does. `+` means a space, as the form encoding defines.
 *
 * @param source "query string" or "form body", used in messages.
 */
export function parseFormEncoded(text: string, source: string): FormParam[] {
  const params: FormParam[] = [];
  if (text === "") return params;
  const segments = text.split("&");
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (segment === "") continue;
    const position = `${source} pair ${index + 1}`;
    const equals = segment.indexOf("=");
    if (equals < 0) throw protocolErrors.malformedParameters(`${position} has no "=" (expected name=value).`);
    const name = decodeComponent(segment.slice(0, equals), `the name of ${position}`);
    if (name === "") throw protocolErrors.malformedParameters(`${position} has an empty name.`);
    if (CONTROL_CHARACTER.test(name)) {
      throw protocolErrors.malformedParameters(`the name of ${position} contains a control character.`);
    }
    const value = decodeComponent(segment.slice(equals + 1), `the value of ${quoteClientText(name)} (${position})`);
    params.push({ name, value });
  }
  return params;
}

/**
 * Decodes raw bytes (a request body) as UTF-8, rejecting invalid sequences instead of
 * replacing them with U+FFFD (which would change what was signed).
 */
export function decodeUtf8Strict(bytes: Uint8Array, source: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw protocolErrors.malformedParameters(`the ${source} is not valid UTF-8.`);
  }
}

function decodeComponent(raw: string, where: string): string {
  const plusAsSpace = raw.replace(/\+/g, " ");
  if (!plusAsSpace.includes("%")) return plusAsSpace;
  const bytes: number[] = [];
  for (let index = 0; index < plusAsSpace.length;) {
    const character = plusAsSpace[index];
    if (character === "%") {
      const hex = plusAsSpace.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw protocolErrors.malformedParameters(`${where} has a "%" that is not followed by two hex digits.`);
      }
      bytes.push(parseInt(hex, 16));
      index += 3;
      continue;
    }
    const codePoint = plusAsSpace.codePointAt(index) as number;
    const characterText = String.fromCodePoint(codePoint);
    for (const byte of Buffer.from(characterText, "utf8")) bytes.push(byte);
    index += characterText.length;
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    throw protocolErrors.malformedParameters(`${where} percent-decodes to bytes that are not valid UTF-8.`);
  }
}
