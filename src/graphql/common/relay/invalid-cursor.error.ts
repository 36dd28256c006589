import { GraphQLError } from "graphql";

/**
 * A connection's `after` argument that this gateway did not issue (or that belongs to another
 * list). It is the client's mistake, so it is a top-level error with a stable code rather than a
 * masked internal error: a connection field cannot be a union (Relay), so it cannot carry the
 * error as data.
 */
export class InvalidCursorError extends GraphQLError {
  static readonly code = "INVALID_CURSOR";

  constructor(argumentName: string) {
    super(
      `The cursor passed as \`${argumentName}\` is not valid for this list. Use a cursor from this connection's \`pageInfo.endCursor\` or \`edges.cursor\`.`,
      {
        extensions: { code: InvalidCursorError.code, argumentName },
      },
    );
    this.name = "InvalidCursorError";
  }
}
