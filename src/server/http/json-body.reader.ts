import type { IncomingMessage } from "node:http";
import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { HttpHandler } from "./http.router";
import { MAX_BODY_BYTES, RequestReadError, type RequestReadProblem } from "./request-read.error";

/** The Content-Encodings a body may arrive in, and how each is inflated (`identity`: as it is). */
const DECOMPRESSORS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The one charset accepted (RFC 8259: JSON exchanged between systems is UTF-8). */
const JSON_CHARSET = "utf-8";

const BYTE_ORDER_MARK = 0xfeff;

/**
 * Reads an `application/json` body into `request.body`, at most `maxBytes` after decompression
 * (so a small gzip bomb is refused like a big body), and refuses with a `RequestReadError` what
 * cannot be read: malformed JSON, a body over the limit, an unsupported Content-Encoding or
 * charset, a body that ends early. A request without a body or of another media type is left
 * alone (`request.body` stays undefined; Apollo answers it). The same rules as Express'
 * `express.json()` had here: strict JSON (an object or array at the top), an empty body is `{}`,
 * a byte order mark is dropped, and a refused body is read to its end before the answer, so the
 * connection stays usable.
 *
 * Owned rather than a library: it is some sixty lines over node:zlib, and the libraries that do it
 * (`body-parser`, `raw-body`, `co-body`) come with charset tables and error types the gateway
 * would only translate back.
 */
export function jsonBodyReader(maxBytes: number = MAX_BODY_BYTES): HttpHandler {
  return (request, _response, next) => {
    const { headers, message } = request;
    // No Content-Length and no Transfer-Encoding: the request has no body (RFC 9112 §6.3).
    if (headers["transfer-encoding"] === undefined && Number.isNaN(Number(headers["content-length"]))) {
      next();
      return;
    }
    const contentType = headers["content-type"];
    if (contentType === undefined || mediaTypeOf(contentType) !== "application/json") {
      next();
      return;
    }
    if ((charsetOf(contentType) ?? JSON_CHARSET) !== JSON_CHARSET) {
      next(new RequestReadError("unsupportedCharset"));
      return;
    }
    const encoding = (headers["content-encoding"] ?? "identity").toLowerCase();
    let decompressor: Transform | undefined;
    let declaredLength: number | undefined;
    if (encoding === "identity") {
      const length = Number(headers["content-length"]);
      declaredLength = Number.isInteger(length) && length >= 0 ? length : undefined;
      if (declaredLength !== undefined && declaredLength > maxBytes) {
        refuse(message, undefined, "tooLarge", next);
        return;
      }
    } else {
      const createDecompressor = DECOMPRESSORS[encoding];
      if (createDecompressor === undefined) {
        next(new RequestReadError("unsupportedEncoding"));
        return;
      }
      decompressor = message.pipe(createDecompressor());
    }
    readAll(message, decompressor ?? message, maxBytes, declaredLength, (problem, bytes) => {
      if (problem !== null) {
        refuse(message, decompressor, problem, next);
        return;
      }
      if (decompressor !== undefined) {
        detach(message, decompressor);
        message.resume();
      }
      const parsed = parseStrictJson(decodeUtf8(bytes!));
      if (parsed === MALFORMED) {
        next(new RequestReadError("malformedJson"));
        return;
      }
      request.body = parsed;
      next();
    });
  };
}

/** Collects `source` (the request, or its decompressor) up to `maxBytes`. */
function readAll(
  message: IncomingMessage,
  source: Readable,
  maxBytes: number,
  declaredLength: number | undefined,
  done: (problem: RequestReadProblem | null, bytes?: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const finish = (problem: RequestReadProblem | null) => {
    if (settled) return;
    settled = true;
    source.off("data", onData);
    source.off("end", onEnd);
    source.off("error", onSourceError);
    message.off("aborted", onAborted);
    message.off("error", onAborted);
    if (problem !== null) {
      done(problem);
      return;
    }
    done(null, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) finish("tooLarge");
    else chunks.push(chunk);
  };
  const onEnd = () => finish(declaredLength !== undefined && received !== declaredLength ? "incomplete" : null);
  // A decompressor's error is a body that is not what its Content-Encoding says.
  const onSourceError = () => finish(source === message ? "incomplete" : "unreadable");
  const onAborted = () => finish("incomplete");
  source.on("data", onData);
  source.once("end", onEnd);
  source.once("error", onSourceError);
  message.once("aborted", onAborted);
  if (source !== message) message.once("error", onAborted);
}

/** Stops reading, reads off the rest of the request, then refuses it. */
function refuse(
  message: IncomingMessage,
  decompressor: Transform | undefined,
  problem: RequestReadProblem,
  next: (error: unknown) => void,
): void {
  if (decompressor !== undefined) detach(message, decompressor);
  const error = new RequestReadError(problem);
  if (message.complete || message.destroyed) {
    next(error);
    return;
  }
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    next(error);
  };
  message.once("end", answer);
  message.once("close", answer);
  message.resume();
}

function detach(message: IncomingMessage, decompressor: Transform): void {
  message.unpipe(decompressor);
  decompressor.on("error", () => {});
  decompressor.destroy();
}

const MALFORMED = Symbol("malformed JSON");

/** JSON whose top level is an object or array (the rest is refused before parsing); "" is `{}`. */
function parseStrictJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = firstNonWhitespace(text);
  if (first !== "{" && first !== "[") return MALFORMED;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}

/** JSON's whitespace is space, tab, line feed and carriage return only. */
function firstNonWhitespace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return text[i];
  }
  return undefined;
}

function decodeUtf8(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

/** `application/json` of `Application/JSON; charset=utf-8`. */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** The `charset` parameter of a Content-Type, lower-cased and unquoted, or undefined. */
function charsetOf(contentType: string): string | undefined {
  const parameters = contentType.split(";");
  for (let i = 1; i < parameters.length; i++) {
    const parameter = parameters[i]!;
    const equals = parameter.indexOf("=");
    if (equals === -1 || parameter.slice(0, equals).trim().toLowerCase() !== "charset") continue;
    const value = parameter.slice(equals + 1).trim();
    return (value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value).toLowerCase();
  }
  return undefined;
}
