// oidc-provider ships no type declarations; the tests use only its constructor and `callback()`.
declare module "oidc-provider" {
  export default class Provider {
    constructor(issuer: string, configuration: unknown);
    callback(): (request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => void;
  }
}
