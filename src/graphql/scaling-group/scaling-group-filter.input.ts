import { IsOptional, Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import { ValidatedInput } from "../common/pre-execution-arguments";
import { ScalingGroupLifecycleState } from "./scaling-group-lifecycle-state.enum";

@ValidatedInput()
@InputType("ScalingGroupFilter", { description: "Which scaling groups to list. Filters combine with AND." })
export class ScalingGroupFilter {
  @Field(() => String, { nullable: true, description: "Only the group(s) with exactly this name (ESS `ScalingGroupName`)." })
  @IsOptional()
  @Length(1, 64)
  name?: string;

  @Field(() => ScalingGroupLifecycleState, {
    nullable: true,
    description: "Only groups in this lifecycle state. ESS cannot filter by state, so the gateway reads every page and filters.",
  })
  @IsOptional()
  lifecycleState?: ScalingGroupLifecycleState;
}
