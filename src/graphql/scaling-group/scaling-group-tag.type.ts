import { Field, ObjectType } from "type-graphql";

@ObjectType("ScalingGroupTag", {
  description: "A tag on a scaling group, as ESS reports it. The access policy can grant groups by tag (docs/security.md).",
})
export class ScalingGroupTag {
  @Field(() => String, { description: "The tag key, e.g. `team`." })
  key!: string;

  @Field(() => String, { description: "The tag value, e.g. `web` (may be empty)." })
  value!: string;
}
