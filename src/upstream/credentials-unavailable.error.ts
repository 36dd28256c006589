/** Raised by the client's credential provider wrapper, so the mapper can tell it from transport failures. */
export class CredentialsUnavailableError extends Error {
  constructor(readonly safeDetail: string) {
    super(safeDetail);
    this.name = "CredentialsUnavailableError";
  }
}
