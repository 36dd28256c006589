import { Field, ObjectType } from "type-graphql";

/** One violated rule in a mutation's input. */
@ObjectType("InputValidationIssue", { description: "One violated rule in a mutation's input." })
export class InputValidationIssue {
  @Field(() => [String], {
    description:
      'Path from the mutation\'s `input` argument to the offending value; list indexes are strings, e.g. `["instances", "3", "loadBalancerWeight"]`.',
  })
  path!: string[];

  @Field(() => String, {
    description: "The rule that failed, as class-validator names it, e.g. `max`, `arrayMaxSize`, `arrayUnique`.",
  })
  constraint!: string;

  @Field(() => String, { description: "Human-readable explanation of the rule, safe to show to end users." })
  message!: string;

  static of(path: string[], constraint: string, message: string): InputValidationIssue {
    return Object.assign(new InputValidationIssue(), { path, constraint, message });
  }
}
