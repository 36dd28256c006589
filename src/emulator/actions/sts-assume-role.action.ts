import { EmulatorApiError } from "../emulator-core.types";
import { isoSeconds } from "../store/store.time";
import type { ActionFactory } from "./action.context";
import { invalidParameter } from "./action.errors";
import { optionalInteger, requiredString } from "./action.params";

const ROLE_ARN = /^acs:ram::(\d+):role\/([A-Za-z0-9.-]{1,64})$/i;
const SESSION_NAME = /^[A-Za-z0-9._@-]{2,64}$/;
/** STS' own bounds for DurationSeconds; its default is 3600. */
const DURATION = { min: 900, max: 43_200, fallback: 3600 };

const roleNotFound = (roleArn: string) => new EmulatorApiError("EntityNotExist.Role", 404, `The role not exists: ${roleArn}.`);
const notTrusted = () =>
  new EmulatorApiError("NoPermission", 403, "You are not authorized to do this action. You should be authorized by RAM.");

/**
 * STS AssumeRole (2015-04-01): the caller's account must be trusted by the role (`trustedAccountIds`
 * of a `ramRoles` entry in the role's account). The answer is a temporary AccessKey of the role's
 * account with a SecurityToken, accepted by every product until `Expiration` (DurationSeconds, or
 * the role's emulator-only `sessionLifetimeSeconds`). `Policy` and `ExternalId` are accepted and
 * not evaluated.
 */
export const assumeRoleAction: ActionFactory =
  ({ stsSessions }) =>
  (request) => {
    const { params, caller } = request;
    const roleArn = requiredString(params, "RoleArn");
    const sessionName = requiredString(params, "RoleSessionName");
    const requested = optionalInteger(params, "DurationSeconds", { min: DURATION.min, max: DURATION.max }) ?? DURATION.fallback;
    const arn = ROLE_ARN.exec(roleArn);
    if (!arn) throw invalidParameter("RoleArn", `expected acs:ram::<account>:role/<name>, got "${roleArn.slice(0, 200)}".`);
    if (!SESSION_NAME.test(sessionName)) throw invalidParameter("RoleSessionName", "expected 2 to 64 letters, digits or . _ @ -.");
    const [, accountId, roleName] = arn as unknown as [string, string, string];
    const role = stsSessions.role(accountId, roleName);
    if (!role) throw roleNotFound(roleArn);
    if (!role.trustedAccountIds.includes(caller.accountId)) throw notTrusted();
    const maxDuration = role.maxSessionDurationSeconds ?? DURATION.fallback;
    if (requested > maxDuration) throw invalidParameter("DurationSeconds", `the role allows at most ${maxDuration} seconds.`);
    const lifetimeMs = (role.sessionLifetimeSeconds ?? requested) * 1000;
    const key = stsSessions.issue(accountId, Date.now() + lifetimeMs);
    const roleId = `3${accountId.slice(-8)}${role.roleName.length.toString().padStart(4, "0")}`;
    return {
      Credentials: {
        AccessKeyId: key.accessKeyId,
        AccessKeySecret: key.accessKeySecret,
        SecurityToken: key.securityToken,
        Expiration: isoSeconds(key.expiresAtMs!),
      },
      AssumedRoleUser: {
        AssumedRoleId: `${roleId}:${sessionName}`,
        Arn: `acs:ram::${accountId}:role/${role.roleName.toLowerCase()}/${sessionName}`,
      },
    };
  };
