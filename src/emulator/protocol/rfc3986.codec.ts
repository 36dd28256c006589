/**
 * Percent-encoding as Alibaba Cloud's POP gateway canonicalizes it for both signature versions
 * (RFC 3986): unreserved `A-Z a-z 0-9 - _ . ~` stay as they are, every other UTF-8 byte becomes
 * `%XY` with uppercase hex, so a space is `%20` (never `+`) and `*` is `%2A`.
 *
 * `encodeURIComponent` already leaves exactly the unreserved set plus `! ' ( ) *` alone, so only
 * those five need a second pass. This matches what `@alicloud/pop-core` and
 * `@alicloud/openapi-util` do on the client side, byte for byte.
 */
export function percentEncodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
