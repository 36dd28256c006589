import { InputValidationError } from "../common/input-validation-error.type";
import { InputValidationIssue } from "../common/input-validation-issue.type";
import type { RequestBlocker } from "./attach-blocker.types";

/**
 * Renders the blocker lists of one preflight (attach's or detach's): request problems become the one
 * `InputValidationError` the mutation's input validation reports, first; every other blocker goes
 * through `memberOf` once, however many lists of the preflight show it (they share the verdict's
 * blocker values).
 */
export function preflightBlockerRenderer<B extends { scope: string }, M>(
  action: string,
  memberOf: (blocker: Exclude<B, RequestBlocker>) => Promise<M>,
): (blockers: ReadonlyArray<B | RequestBlocker>) => Promise<Array<M | InputValidationError>> {
  const mapped = new Map<Exclude<B, RequestBlocker>, Promise<M>>();
  const memberOnce = (blocker: Exclude<B, RequestBlocker>): Promise<M> => {
    let member = mapped.get(blocker);
    if (member === undefined) {
      member = memberOf(blocker);
      mapped.set(blocker, member);
    }
    return member;
  };
  return async (blockers) => {
    const requestProblems = blockers.filter((blocker): blocker is RequestBlocker => blocker.scope === "request");
    const upstreamMembers = await Promise.all(
      blockers.filter((blocker): blocker is Exclude<B, RequestBlocker> => blocker.scope !== "request").map(memberOnce),
    );
    return requestProblems.length > 0 ? [inputValidationErrorOf(requestProblems, action), ...upstreamMembers] : upstreamMembers;
  };
}

/** Request problems as the one `InputValidationError` the mutation's input validation reports. */
function inputValidationErrorOf(problems: readonly RequestBlocker[], action: string): InputValidationError {
  return InputValidationError.of(
    problems.flatMap((problem) => {
      switch (problem.problem) {
        case "malformedParameters":
          return problem.issues.map((issue) => InputValidationIssue.of(issue.path, issue.constraint, issue.message));
        case "noInstances":
          return [InputValidationIssue.of(["instanceIds"], "arrayMinSize", `${action} needs at least 1 instance.`)];
        case "tooManyInstances":
          return [
            InputValidationIssue.of(
              ["instanceIds"],
              "arrayMaxSize",
              `${action} takes at most ${problem.limit} instances per call; ${problem.count} were given.`,
            ),
          ];
        case "duplicateInstances":
          return [
            InputValidationIssue.of(
              ["instanceIds"],
              "arrayUnique",
              `Each instance may appear once; repeated: ${problem.instanceIds.join(", ")}.`,
            ),
          ];
        default: {
          const unreachable: never = problem;
          return unreachable;
        }
      }
    }),
  );
}

/** What every preflight verdict (attach's, detach's) lists, before rendering. */
export interface PreflightVerdictLists<B> {
  blockers: readonly B[];
  requestBlockers: readonly B[];
  groupBlockers: readonly B[];
  instances: ReadonlyArray<{ instanceId: string; blockers: readonly B[] }>;
}

/** Renders every list of a verdict with one renderer, concurrently; each instance gets `eligible`. */
export async function renderVerdictLists<B, M>(
  verdict: PreflightVerdictLists<B>,
  render: (blockers: readonly B[]) => Promise<M[]>,
): Promise<{
  blockers: M[];
  requestBlockers: M[];
  groupBlockers: M[];
  instances: Array<{ instanceId: string; eligible: boolean; blockers: M[] }>;
}> {
  const [blockers, requestBlockers, groupBlockers, instances] = await Promise.all([
    render(verdict.blockers),
    render(verdict.requestBlockers),
    render(verdict.groupBlockers),
    Promise.all(
      verdict.instances.map(async (entry) => ({
        instanceId: entry.instanceId,
        eligible: entry.blockers.length === 0,
        blockers: await render(entry.blockers),
      })),
    ),
  ]);
  return { blockers, requestBlockers, groupBlockers, instances };
}

/**
 * A preflight's rendered lists for a caller whose grants let it see the group but not act on it:
 * the mutation answers `AccessDeniedError` before it sends anything (after input validation), so
 * that is the first blocker after the request's, and a group blocker.
 */
export function withAccessDenial<L extends { blockers: unknown[]; groupBlockers: unknown[]; requestBlockers: unknown[] }>(
  lists: L,
  denial: L["blockers"][number] | null,
): L {
  if (denial === null) return lists;
  const requestCount = lists.requestBlockers.length;
  return {
    ...lists,
    blockers: [...lists.blockers.slice(0, requestCount), denial, ...lists.blockers.slice(requestCount)],
    groupBlockers: [denial, ...lists.groupBlockers],
  };
}
