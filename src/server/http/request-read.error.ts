/** The largest accepted request body, after decompression; an attach of 20 instances is under 3 KB. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The same, as the refusal names it. */
const MAX_BODY_LABEL = "1mb";

/**
 * Why a request could not be read, with its HTTP status and the message the caller gets. The
 * messages never quote the body or the header values: the answer must not reflect caller input.
 */
const REQUEST_READ_PROBLEMS = {
  malformedJson: { status: 400, message: "The request body is not valid JSON (it must be a JSON object)." },
  tooLarge: { status: 413, message: `The request body is larger than ${MAX_BODY_LABEL}.` },
  unsupportedEncoding: { status: 415, message: "Unsupported Content-Encoding of the request body." },
  unsupportedCharset: { status: 415, message: "Unsupported charset of the request body (use UTF-8)." },
  incomplete: { status: 400, message: "The request body ended early or does not match its Content-Length." },
  unreadable: { status: 400, message: "The request could not be read." },
} as const satisfies Record<string, { status: number; message: string }>;

export type RequestReadProblem = keyof typeof REQUEST_READ_PROBLEMS;

/** A request refused before GraphQL saw it for how it was sent (its body, its URL): a client mistake, answered 4xx. */
export class RequestReadError extends Error {
  readonly status: number;
  constructor(readonly problem: RequestReadProblem) {
    super(REQUEST_READ_PROBLEMS[problem].message);
    this.name = "RequestReadError";
    this.status = REQUEST_READ_PROBLEMS[problem].status;
  }
}
